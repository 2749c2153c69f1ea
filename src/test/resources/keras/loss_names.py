"""Each Keras loss name that --loss takes, against the loss cnnc's module compiles with for it.

The manifest (JSON, the first argument) lists {name, module, classes}: a module written with
"--loss NAME" for a model ending in softmax or sigmoid over `classes`. keras.losses.get(NAME) (a
function, or a class, which is made) and the compiled model's loss each read the same random
probabilities and targets; one line "RESULT {json}" gives both values for each name.
"""
import importlib.util
import json
import sys

import keras
import numpy as np


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        manifest = json.load(file)
    rng = np.random.default_rng(23)
    results = {}
    for case in manifest:
        name, classes = case["name"], case["classes"]
        model = load(case["module"], "loss_" + name).compile_model()
        logits = rng.standard_normal((6, classes)).astype("float32")
        key = name.lower().replace("_", "")
        if "sparse" in key:
            output, target = softmax(logits), rng.integers(0, classes, size=(6,))
        elif "categorical" in key or key in ("kldivergence", "kld"):
            output = softmax(logits)
            target = softmax(rng.standard_normal((6, classes))).astype("float32") if "kl" in key \
                else np.eye(classes, dtype="float32")[rng.integers(0, classes, size=(6,))]
        else:
            output = 1 / (1 + np.exp(-logits))
            target = rng.integers(0, 2, size=(6, classes)).astype("float32")
        theirs = keras.losses.get(name)
        if isinstance(theirs, type):
            theirs = theirs()
        value = keras.ops.mean(theirs(target, output))
        results[name] = {"ours": float(model.loss(target, output)), "theirs": float(value)}
    print("RESULT " + json.dumps(results))


if __name__ == "__main__":
    main()
