"""Runs generated Keras modules on given inputs and prints what they compute, for KerasValuesTest.

usage: python values.py MANIFEST.json
The manifest lists cases {"module": path, "input": [h, w, c], "values": [...], "weights": {layer: [[...], ...]}};
each module's model gets the weights given (by layer name, as get_weights() orders them), then runs on
one example of the values; prints one JSON object: {module: the output's values, flattened}.
"""
import importlib.util
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def run(case, index):
    spec = importlib.util.spec_from_file_location(f"values{index}", case["module"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build_model()
    for name, weights in case.get("weights", {}).items():
        layer = model.get_layer(name)
        layer.set_weights([np.asarray(w, dtype="float32").reshape(v.shape) for w, v in zip(weights, layer.weights)])
    x = np.asarray(case["values"], dtype="float32").reshape([1] + case["input"])
    return [float(v) for v in np.asarray(model(x)).reshape(-1)]


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    print(json.dumps({case["module"]: run(case, i) for i, case in enumerate(cases)}))


if __name__ == "__main__":
    main()
