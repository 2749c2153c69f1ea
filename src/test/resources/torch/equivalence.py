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
    """Keras (kh, kw, C, M) -> torch (C*M, 1, kh, kw): output channel c*M + m is channel c's m-th filter
    (a kernel size per axis, one to three)."""
    *window, c, m = k.shape
    return k.reshape(*window, c * m).transpose(len(window), *range(len(window)))[:, None]


def kernel(k):
    """Keras (k..., in, out) -> torch (out, in, k...): a convolution's kernel at any rank (a transposed one's
    (k..., out, in) -> (in, out, k...) alike)."""
    return k.transpose(k.ndim - 1, k.ndim - 2, *range(k.ndim - 2))


CONVOLUTIONS = (nn.Conv1d, nn.Conv2d, nn.Conv3d)


def targets(keras_class, weight, value, torch_module):
    """(torch attribute path relative to the row's submodule, value in torch's layout) for one Keras weight."""
    if weight in ("bias", "beta"):
        if keras_class.startswith("SeparableConv"):
            return "pointwise.bias", value
        return "bias", value
    if keras_class.startswith("Conv"):  # (k..., in, out) and (k..., out, in): both reversed
        if not isinstance(torch_module, CONVOLUTIONS + (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)):
            return "weight", value.reshape(-1)  # a volume's 'scaled' pooling: a 1x1x1 Conv3D of a group per channel
        return "weight", kernel(value)
    if keras_class.startswith("DepthwiseConv"):
        if isinstance(torch_module, CONVOLUTIONS):
            return "weight", depthwise_kernel(value)
        return "weight", value.reshape(-1)  # the 'scaled' pooling's coefficients, a 1x1 depthwise kernel in Keras
    if keras_class.startswith("SeparableConv"):
        if weight == "depthwise_kernel":
            return "depthwise.weight", depthwise_kernel(value)
        return "pointwise.weight", kernel(value)
    if keras_class == "Dense":  # (in, out); torch's Linear holds (out, in), a 1x1 convolution (out, in, 1, ...)
        if isinstance(torch_module, CONVOLUTIONS):
            return "weight", value.T.reshape(value.shape[1], value.shape[0], *([1] * (torch_module.weight.dim() - 2)))
        return "weight", value.T
    if keras_class == "BatchNormalization":
        prefix = "norm." if type(torch_module).__name__.startswith("BatchNormNoScale") else ""
        return {"gamma": "weight", "moving_mean": prefix + "running_mean",
                "moving_variance": prefix + "running_var"}[weight], value
    if keras_class == "LayerNormalization":
        return "weight", value
    if keras_class == "PReLU":  # alpha (1, 1, C) with the height and width shared, or (N,); torch's weight (C,)
        return "weight", value.reshape(-1)
    return weight, value  # Normalization's mean, variance and count, LayerScale's gamma: the same names


def to_channels_first(a):
    """(N, positions..., C) -> (N, C, positions...) for a sequence, an image or a volume."""
    return a.transpose(0, a.ndim - 1, *range(1, a.ndim - 1)) if a.ndim >= 3 else a


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
