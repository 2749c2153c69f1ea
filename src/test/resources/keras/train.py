"""Trains each generated Keras module of a manifest for a few steps on random data.

The manifest (JSON, the first argument) lists {name, module, loss, input, output, steps, batch}; each
module's compile_model() is trained with train_on_batch, and one line "RESULT {json}" gives every
model's losses and Keras's parameter count. One process for every model: Keras starts once.
"""
import importlib.util
import json
import math
import sys

import numpy as np


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def targets(loss, output, batch, rng):
    """Targets of the loss's kind, channels last as the model's output."""
    classes = output[-1]
    if loss == "sparse_mcxent":
        return rng.integers(0, classes, size=(batch, *output[:-1]))
    if loss in ("mcxent", "negativeloglikelihood", "kl_divergence"):
        return np.eye(classes, dtype="float32")[rng.integers(0, classes, size=(batch, *output[:-1]))]
    return rng.integers(0, 2, size=(batch, *output)).astype("float32")


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        manifest = json.load(file)
    results = {}
    for case in manifest:
        model = load(case["module"], "trained_" + case["name"]).compile_model()
        rng = np.random.default_rng(15)
        losses = []
        for _ in range(case["steps"]):
            x = rng.random((case["batch"], *case["input"])).astype("float32")
            y = targets(case["loss"], case["output"], case["batch"], rng)
            value = model.train_on_batch(x, y)
            losses.append(float(np.ravel(value)[0]))
        results[case["name"]] = {"losses": [v if math.isfinite(v) else str(v) for v in losses],
                                 "params": int(model.count_params())}
    print("RESULT " + json.dumps(results))


if __name__ == "__main__":
    main()
