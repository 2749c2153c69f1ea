"""The Keras half of the equivalence test: builds each generated Keras module, draws every weight at
random, runs it on a random input and saves the weights, the input and the output for torch/equivalence.py.

usage: python weights.py MANIFEST.json

The manifest lists cases {"title", "module", "npz", "seed"}. Each NPZ receives "input" and "output"
(channels last, a batch of two) and one array per weight, "LAYER/CLASS/WEIGHT" (Keras's names:
conv1/Conv2D/kernel). Kernels are uniform with the variance 1 / fan-in; the weights that start as
constants in Keras (biases, batch norm's gamma, beta and moving statistics, Normalization's mean,
variance and count, LayerScale's gamma, the 'scaled' pooling's coefficients) are drawn too, so that
every weight reaches the output. The model is built without Keras's initial weights and run with
jax.jit(model.stateless_call): one compiled program per model, not one per operation and shape.
Prints one line of JSON: {title: error or null}.
"""
import importlib.util
import json
import math
import os
import sys
import traceback

os.environ.setdefault("KERAS_BACKEND", "jax")
import jax  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

# (low, high) of the uniform draw, by weight name
DRAWN = {"bias": (-0.2, 0.2), "beta": (-0.2, 0.2), "gamma": (0.5, 1.5), "moving_mean": (-0.2, 0.2),
         "moving_variance": (0.5, 1.5), "mean": (-0.5, 0.5), "variance": (0.5, 2.0)}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fan_in(keras_class, weight, shape):
    """The inputs one output value reads through this kernel."""
    if keras_class == "Dense":
        return shape[0]
    if keras_class.endswith("Transpose"):  # (kh, kw, out, in), a kernel size per axis
        return math.prod(shape[:-2]) * shape[-1]
    if keras_class.startswith("DepthwiseConv") or weight == "depthwise_kernel":
        return math.prod(shape[:-2])
    return math.prod(shape[:-1])  # a Conv3D with a group per channel too: (kd, kh, kw, 1, C*M)


def draw(keras_class, weight, shape, dtype, rng):
    if weight == "count":
        return np.asarray(rng.integers(1, 1000), dtype=dtype)
    if weight in DRAWN:
        low, high = DRAWN[weight]
    elif weight == "kernel" and keras_class in ("DepthwiseConv1D", "DepthwiseConv2D", "Conv3D") \
            and all(d == 1 for d in shape[:-2]) and shape[-2] == 1 and (keras_class == "Conv3D" or shape[-1] == 1):
        low, high = 0.5, 1.5  # coefficients per channel (the 'scaled' pooling's start at one)
    else:
        bound = math.sqrt(3 / fan_in(keras_class, weight, shape))
        low, high = -bound, bound
    return rng.uniform(low, high, size=shape).astype(dtype)


def run(case, index):
    rng = np.random.default_rng(case["seed"])
    with keras.StatelessScope(initialize_variables=False):
        model = load(case["module"], f"k{index}").build_model()
    classes = {layer.name: type(layer).__name__ for layer in model.layers}
    arrays, values = {}, {}
    for variable in model.variables:
        layer, weight = (["", ""] + variable.path.split("/"))[-2:]
        if layer not in classes:  # a dropout's seed generator: state, not a weight
            values[id(variable)] = np.zeros(tuple(variable.shape), variable.dtype)
            continue
        value = draw(classes[layer], weight, tuple(variable.shape), variable.dtype, rng)
        arrays[f"{layer}/{classes[layer]}/{weight}"] = value
        values[id(variable)] = value
    x = rng.standard_normal((2,) + tuple(model.inputs[0].shape[1:])).astype("float32")
    trainable = [values[id(v)] for v in model.trainable_variables]
    fixed = [values[id(v)] for v in model.non_trainable_variables]
    y, _ = jax.jit(lambda t, f, x: model.stateless_call(t, f, x, training=False))(trainable, fixed, x)
    np.savez(case["npz"], input=x, output=np.asarray(y), **arrays)


def main():
    results = {}
    for index, case in enumerate(json.load(open(sys.argv[1]))["cases"]):
        try:
            run(case, index)
            results[case["title"]] = None
        except Exception:  # noqa: BLE001 - a model that fails is that model's problem
            results[case["title"]] = traceback.format_exc()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
