"""The PyTorch half of the equivalence test: builds each generated PyTorch module, copies the weights
keras/weights.py saved into it (kernels transposed to torch's layouts), runs it on the same input
(channels first) and compares its output with Keras's.

usage: python equivalence.py MANIFEST.json RESULTS.json

The manifest lists cases {"title", "module", "npz"}. RESULTS.json receives {title: {"error": max |torch -
keras| / max |keras|, "problems": [...]}}: every parameter and persistent buffer of the torch model must
receive exactly one Keras weight (batch norm's num_batches_tracked excepted), every Keras weight must
be used, and shapes must agree.
"""
import json
import sys
import traceback

import numpy as np
import torch
from torch import nn

from conform import load  # next to this script


def depthwise_kernel(k):
    """Keras (kh, kw, C, M) -> torch (C*M, 1, kh, kw): output channel c*M + m is channel c's m-th filter."""
    kh, kw, c, m = k.shape
    return k.reshape(kh, kw, c * m).transpose(2, 0, 1)[:, None]


def targets(keras_class, weight, value, torch_module):
    """(torch attribute path relative to the row's submodule, value in torch's layout) for one Keras weight."""
    if weight in ("bias", "beta"):
        if keras_class == "SeparableConv2D":
            return "pointwise.bias", value
        return "bias", value
    if keras_class in ("Conv2D", "Conv2DTranspose"):  # (kh, kw, in, out) and (kh, kw, out, in): both reversed
        return "weight", value.transpose(3, 2, 0, 1)
    if keras_class == "DepthwiseConv2D":
        if isinstance(torch_module, nn.Conv2d):
            return "weight", depthwise_kernel(value)
        return "weight", value.reshape(-1)  # the 'scaled' pooling's coefficients, a 1x1 depthwise kernel in Keras
    if keras_class == "SeparableConv2D":
        if weight == "depthwise_kernel":
            return "depthwise.weight", depthwise_kernel(value)
        return "pointwise.weight", value.transpose(3, 2, 0, 1)
    if keras_class == "Dense":  # (in, out); torch's Linear holds (out, in), a 1x1 convolution (out, in, 1, 1)
        return "weight", value.T[:, :, None, None] if isinstance(torch_module, nn.Conv2d) else value.T
    if keras_class == "BatchNormalization":
        prefix = "norm." if type(torch_module).__name__ == "BatchNormNoScale" else ""
        return {"gamma": "weight", "moving_mean": prefix + "running_mean",
                "moving_variance": prefix + "running_var"}[weight], value
    if keras_class == "LayerNormalization":
        return "weight", value
    if keras_class == "PReLU":  # alpha (1, 1, C) with the height and width shared, or (N,); torch's weight (C,)
        return "weight", value.reshape(-1)
    return weight, value  # Normalization's mean, variance and count, LayerScale's gamma: the same names


def to_channels_first(a):
    return a.transpose(0, 3, 1, 2) if a.ndim == 4 else a


def check(case, index):
    problems = []
    model = load(case["module"], f"t{index}").build_model().eval()
    data = np.load(case["npz"])
    state = model.state_dict()
    wanted = {name for name in state if not name.endswith("num_batches_tracked")}
    loaded = {}
    for key in data.files:
        if key in ("input", "output"):
            continue
        layer, keras_class, weight = key.split("/")
        try:
            path, value = targets(keras_class, weight, data[key], model.get_submodule(layer))
        except (AttributeError, KeyError):
            problems.append(f"Keras weight {key} has no place in the torch model")
            continue
        name = f"{layer}.{path}"
        if name not in state or tuple(state[name].shape) != tuple(value.shape):
            problems.append(f"Keras weight {key} {value.shape} does not fit torch's {name} "
                            f"{tuple(state[name].shape) if name in state else 'missing'}")
            continue
        loaded[name] = torch.as_tensor(np.ascontiguousarray(value)).to(state[name].dtype)
    missing = wanted - set(loaded)
    if missing:
        problems.append(f"torch tensors no Keras weight reached: {sorted(missing)}")
    model.load_state_dict(loaded, strict=False)
    with torch.no_grad():
        out = model(torch.as_tensor(to_channels_first(data["input"]))).numpy()
    expected = to_channels_first(data["output"])
    if out.shape != expected.shape:
        problems.append(f"output {out.shape}, Keras's {expected.shape}")
        return float("inf"), problems
    scale = max(float(np.max(np.abs(expected))), 1e-30)
    return float(np.max(np.abs(out - expected))) / scale, problems


def main():
    results = {}
    for index, case in enumerate(json.load(open(sys.argv[1]))["cases"]):
        try:
            error, problems = check(case, index)
        except Exception:  # noqa: BLE001
            error, problems = None, ["torch failed:\n" + traceback.format_exc()]
        results[case["title"]] = {"error": error, "problems": problems}
    json.dump(results, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
