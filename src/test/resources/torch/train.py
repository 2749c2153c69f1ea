"""Trains each generated PyTorch module of a manifest for a few steps on random data.

The manifest (JSON, the first argument) lists {name, module, loss, input, output, steps, batch}, shapes
channels last as cnnc's report gives them; each module's build_model(), build_loss() and
build_optimizer(model) run a plain training loop on channels-first tensors, and one line
"RESULT {json}" gives every model's losses and parameter count. One process for every model.
"""
import importlib.util
import json
import math
import sys

import numpy as np
import torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def channels_first(array):
    return np.moveaxis(array, -1, 1) if array.ndim == 4 else array


def targets(loss, output, batch, rng):
    """Targets of the loss's kind: drawn channels last as the report's shape, then channels first."""
    classes = output[-1]
    if loss == "sparse_mcxent":
        return torch.from_numpy(rng.integers(0, classes, size=(batch, *output[:-1])))
    if loss in ("mcxent", "negativeloglikelihood", "kl_divergence"):
        hot = np.eye(classes, dtype="float32")[rng.integers(0, classes, size=(batch, *output[:-1]))]
        return torch.from_numpy(np.ascontiguousarray(channels_first(hot)))
    values = rng.integers(0, 2, size=(batch, *output)).astype("float32")
    return torch.from_numpy(np.ascontiguousarray(channels_first(values)))


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        manifest = json.load(file)
    torch.manual_seed(15)
    results = {}
    for case in manifest:
        module = load(case["module"], "trained_" + case["name"])
        model = module.build_model()
        loss_function = module.build_loss()
        optimizer = module.build_optimizer(model)
        rng = np.random.default_rng(15)
        losses = []
        for _ in range(case["steps"]):
            x = rng.random((case["batch"], *case["input"])).astype("float32")
            x = torch.from_numpy(np.ascontiguousarray(channels_first(x)))
            y = targets(case["loss"], case["output"], case["batch"], rng)
            optimizer.zero_grad()
            loss = loss_function(model(x), y)
            loss.backward()
            optimizer.step()
            losses.append(float(loss.item()))
        results[case["name"]] = {"losses": [v if math.isfinite(v) else str(v) for v in losses],
                                 "params": sum(p.numel() for p in model.parameters())}
    print("RESULT " + json.dumps(results))


if __name__ == "__main__":
    main()
