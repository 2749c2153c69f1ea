"""Compares cnnc's JSON reports of the model zoo with keras.applications built in real Keras.

usage: python zoo.py FILE.json=ApplicationName ...
Prints one JSON object: for each report, the Keras figures and every difference found.

Layers are compared as a multiset of (kind, output shape, parameters): branch order may differ
between a description and Keras's functional code, but every layer must have its twin. Keras's
operations between two tensors count as layers (ConvNeXt adds its branches with `inputs + x`, an Add
operation, not a layer); an operation with a constant is part of an activation (MobileNetV3's hard
sigmoid, relu6(x + 3) * (1/6)), and a model nested in the model (ConvNeXt's stem and downsampling Sequentials) counts as
its layers.
"""
import json
import math
import os
import sys
from collections import Counter

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

KINDS = {
    "Conv2D": "conv", "DepthwiseConv2D": "dwconv", "SeparableConv2D": "sepconv",
    "Conv2DTranspose": "deconv", "BatchNormalization": "bn", "LayerNormalization": "ln",
    "MaxPooling2D": "maxpool", "AveragePooling2D": "avgpool",
    "GlobalAveragePooling2D": "gap", "GlobalMaxPooling2D": "gmp", "Dense": "dense",
    "Flatten": "flatten", "Dropout": "dropout", "Activation": "activation", "ReLU": "activation",
    "ZeroPadding2D": "zeropad", "Cropping2D": "crop", "UpSampling2D": "upsample",
    "Reshape": "reshape", "Rescaling": "rescale", "Normalization": "normalize", "Add": "add", "Concatenate": "concat", "Multiply": "multiply",
    "LayerScale": "layerscale",
}


# Applications whose default input is unsized (None, None, 3): built at the description's size
INPUT_SHAPES = {"MobileNetV3Small": (224, 224, 3)}


def weight_count(weights):
    return sum(math.prod(int(d) for d in w.shape) for w in weights)


def keras_rows(model):
    rows = []
    for layer in getattr(model, "operations", None) or model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        if isinstance(layer, keras.Model):
            rows.extend(keras_rows(layer))
            continue
        if not isinstance(layer, keras.layers.Layer) and len(keras.tree.flatten(layer.input)) < 2:
            continue  # an operation with a constant (MobileNetV3's relu6(x + 3) * (1/6)): part of an activation
        shape = [int(d) for d in layer.output.shape[1:]]
        params = layer.count_params() if isinstance(layer, keras.layers.Layer) else 0
        rows.append((KINDS.get(kind, kind), tuple(shape), params))
    return rows


def cnnc_rows(report):
    return [(layer["op"], tuple(layer["outputShape"]), layer["params"]) for layer in report["layers"]]


def compare(report_path, application):
    with open(report_path) as f:
        report = json.load(f)
    sized = {"input_shape": INPUT_SHAPES[application]} if application in INPUT_SHAPES else {}
    model = getattr(keras.applications, application)(weights=None, **sized)
    ours, theirs = Counter(cnnc_rows(report)), Counter(keras_rows(model))
    figures = {
        "params": model.count_params(),
        "trainableParams": weight_count(model.trainable_weights),
        "nonTrainableParams": weight_count(model.non_trainable_weights),
        "layers": sum(theirs.values()),
    }
    problems = []
    for key in ("params", "trainableParams", "nonTrainableParams"):
        if report["totals"][key] != figures[key]:
            problems.append(f"{key}: cnnc {report['totals'][key]}, Keras {figures[key]}")
    for row, count in (ours - theirs).items():
        problems.append(f"cnnc has {count} more of {row}")
    for row, count in (theirs - ours).items():
        problems.append(f"Keras has {count} more of {row}")
    return {"application": application, "keras": figures, "problems": problems}


def main():
    results = {}
    for argument in sys.argv[1:]:
        path, application = argument.split("=")
        results[path] = compare(path, application)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
