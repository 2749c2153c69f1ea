"""Builds every generated Keras module in one process and compares it, layer by layer, with cnnc's
JSON report of the same description.

usage: python conform.py MANIFEST.json RESULTS.json

The manifest lists cases {"title", "module", "report", "forward", optionally "receptive"}, optionally "zoo":
{"report.json": "ApplicationName", ...} for zoo.py, and "limits": {title: {"input": shape, "layer":
a keras.layers constructor call}} for layers cnnc rejects or accepts because of what Keras does.
RESULTS.json receives {"cases": {title: [problem, ...]}, "receptive": {title: {row: [height, width]}},
"zoo": zoo.py's results, "limits": {title: "accepted" or Keras's error}}. An empty problem list is a
model that conforms.

How Keras layers are accounted for, exactly (no loose matching):
- every row of the report has one Keras layer of its name and of the class its op maps to;
- a row may have helper layers, each named after it with a fixed suffix, of a fixed class and at a
  fixed side: ROW_pad (ZeroPadding2D, in front: the zeros of 'pad P'; or, in front of a max pooling
  with 'pad' or 'ceil', the module's MaxPoolPadding, which pads with -inf) and ROW_scale
  (DepthwiseConv2D, behind: LeNet-5's 'scaled' pooling) and ROW_leakyrelu (LeakyReLU, behind: a slope
  written after a layer's leakyrelu); an activation row with its slope written is a LeakyReLU;
- any other Keras layer is a problem, and so is a row without its layer;
- a row's output shape is that of its last Keras layer, both as Keras declares it and as jax
  computes it when the model is traced through its real operations (jax.eval_shape, which runs
  nothing); its parameters (all, trainable and non-trainable) are the sums over its Keras layers;
- the first Keras layer of a row reads exactly the last Keras layers of the rows the report says
  feed it (row 0 is the model's input), in order;
- the model's input shape and its totals are the report's, and its output is the last row's.
cnnc makes no row for 'identity' (a branch that passes its input on): the row after it reads the
row before it, which the third rule checks.

Once a model's layers are accounted for, costs.py works out each row's MACs, FLOPs, output elements
and receptive field, and the totals' MACs, FLOPs and memory, from the Keras layers alone (classes,
configs, shapes, which layer reads which), and every figure must be the report's. A case with
"receptive" (hand-written chains of layers whose gradients are exact) also has every row's receptive
field measured from jax's gradients, kept under "receptive" in the results; with "receptive": "exact"
the measured fields must be the report's heights and widths ("record": the Java test compares them
with recorded values).
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

import costs  # noqa: E402 - next to this script

CLASSES = {
    "conv": "Conv2D", "dwconv": "DepthwiseConv2D", "sepconv": "SeparableConv2D", "deconv": "Conv2DTranspose",
    "maxpool": "MaxPooling2D", "avgpool": "AveragePooling2D", "dense": "Dense", "flatten": "Flatten",
    "bn": "BatchNormalization", "ln": "LayerNormalization", "dropout": "Dropout", "activation": "Activation",
    "upsample": "UpSampling2D", "zeropad": "ZeroPadding2D", "crop": "Cropping2D", "reshape": "Reshape",
    "add": "Add", "concat": "Concatenate", "multiply": "Multiply", "rescale": "Rescaling", "normalize": "Normalization",
    "layerscale": "LayerScale", "split": "Split", "shuffle": "ChannelShuffle", "prelu": "PReLU", "matmul": "MatMul", "select": "Select",
}
# an activation with a slope written ('leakyrelu 0.01'), which Keras's activation names cannot carry
SLOPED = {"activation": "LeakyReLU"}
GLOBAL_POOLS = {"gap": "GlobalAveragePooling2D", "gmp": "GlobalMaxPooling2D"}
# suffix -> (class, True if in front of the row's own layer)
HELPERS = {"_pad": (("ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "MaxPoolPadding"), True),
           "_scale": (("DepthwiseConv1D", "DepthwiseConv2D", "Conv3D"), False),
           "_depthwise": (("Conv3D",), True), "_leakyrelu": (("LeakyReLU",), False)}
# Keras has no DepthwiseConv3D or SeparableConv3D: a Conv3D with a group per channel (after which, for a
# sepconv, the row's own layer is the 1x1x1 Conv3D behind its _depthwise helper)
VOLUME = {"dwconv": "Conv3D", "sepconv": "Conv3D"}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def count(weights):
    return sum(math.prod(int(d) for d in w.shape) for w in weights)


def figures(layers):
    return (sum(layer.count_params() for layer in layers), sum(count(layer.trainable_weights) for layer in layers),
            sum(count(layer.non_trainable_weights) for layer in layers))


def shape(tensor):
    return [int(d) for d in tensor.shape[1:]]


def producers(layer):
    return [t._keras_history.operation.name for t in keras.tree.flatten(layer.input)]


def group(model, report, problems):
    """The Keras layers of each row, in order, by the accounting rules above."""
    rows = {row["name"]: row for row in report["layers"]}
    groups = {name: [] for name in rows}
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        owner, role = layer.name, None
        for suffix, (expected, _) in HELPERS.items():
            if layer.name.endswith(suffix) and layer.name[:-len(suffix)] in rows:
                owner, role = layer.name[:-len(suffix)], suffix
                if kind not in expected:
                    problems.append(f"helper {layer.name} is a {kind}, not a {' or '.join(expected)}")
        if owner not in rows:
            problems.append(f"Keras layer {layer.name} ({kind}) belongs to no row of the report")
            continue
        groups[owner].append((role, layer))
    ordered = {}
    for name, members in groups.items():
        front = [layer for role, layer in members if role and HELPERS[role][1]]
        own = [layer for role, layer in members if role is None]
        back = [layer for role, layer in members if role and not HELPERS[role][1]]
        if len(own) != 1:
            problems.append(f"row {name}: {len(own)} Keras layers of its name, not 1")
            continue
        ordered[name] = front + own + back
    return rows, ordered


def expected_class(row):
    if row["op"] in GLOBAL_POOLS:
        return GLOBAL_POOLS[row["op"]]
    return CLASSES[row["op"]]


def class_fits(kind, row):
    """The row's Keras class, or the same class at the row's rank: Conv1D, MaxPooling3D for Conv2D, MaxPooling2D."""
    expected = expected_class(row)
    if kind == expected or (len(row["outputShape"]) == 4 and VOLUME.get(row["op"]) == kind):
        return True
    return expected.endswith("2D") and kind in (expected[:-2] + "1D", expected[:-2] + "3D") \
        or expected == "Conv2DTranspose" and kind in ("Conv1DTranspose", "Conv3DTranspose")


def traced_shapes(model):
    """Every layer's output shape as jax computes it through the real operations, for a batch of one."""
    own = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    if not own:
        return {}
    probe = keras.Model(model.inputs, [layer.output for layer in own])

    def spec(variables):
        return [jax.ShapeDtypeStruct(tuple(v.shape), v.dtype) for v in variables]

    x = jax.ShapeDtypeStruct(tuple([1] + shape(model.inputs[0])), "float32")
    outputs, _ = jax.eval_shape(probe.stateless_call, spec(probe.trainable_variables),
                                spec(probe.non_trainable_variables), x)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]  # a model of one layer
    return {layer.name: [int(d) for d in out.shape[1:]] for layer, out in zip(own, outputs)}


def compare_row(row, members, outputs, model_input, traced, problems):
    name = row["name"]
    own = next(layer for layer in members if layer.name == name)
    if row["op"] not in CLASSES and row["op"] not in GLOBAL_POOLS:
        problems.append(f"row {name}: '{row['op']}' is not in keras/conform.py's CLASSES: give the Keras class it "
                        "becomes there, and its cost and receptive-field rule in keras/costs.py")
    elif not class_fits(type(own).__name__, row) and type(own).__name__ != SLOPED.get(row["op"]):
        problems.append(f"row {name} ({row['op']}): Keras layer is a {type(own).__name__}, not a {expected_class(row)}")
    fed_by = [model_input if i == 0 else outputs.get(i) for i in row["inputs"]]
    if producers(members[0]) != fed_by:
        problems.append(f"row {name}: Keras layer {members[0].name} reads {producers(members[0])}, the report says {fed_by}")
    for before, after in zip(members, members[1:]):
        if producers(after) != [before.name]:
            problems.append(f"row {name}: {after.name} reads {producers(after)}, not {before.name}")
    keras_shape = shape(members[-1].output)
    if keras_shape != row["outputShape"]:
        problems.append(f"row {name}: output shape Keras {keras_shape}, cnnc {row['outputShape']}")
    if traced[members[-1].name] != row["outputShape"]:
        problems.append(f"row {name}: output shape traced by jax {traced[members[-1].name]}, cnnc {row['outputShape']}")
    params, trainable, fixed = figures(members)
    expected = (row["params"], row["trainableParams"], row["nonTrainableParams"])
    if (params, trainable, fixed) != expected:
        problems.append(f"row {name}: parameters (all, trainable, non-trainable) Keras {(params, trainable, fixed)}, "
                        f"cnnc {expected}, over Keras layers {[layer.name for layer in members]}")


def compare(model, report, forward, module_path):
    problems = []
    if shape(model.inputs[0]) != report["input"]:
        problems.append(f"input shape Keras {shape(model.inputs[0])}, cnnc {report['input']}")
    model_input = model.inputs[0]._keras_history.operation.name
    rows, groups = group(model, report, problems)
    grouped = not problems and all(name in groups for name in rows)
    traced = traced_shapes(model)
    outputs = {}
    for row in report["layers"]:
        members = groups.get(row["name"])
        if members:
            compare_row(row, members, outputs, model_input, traced, problems)
            outputs[row["index"]] = members[-1].name
    last = outputs.get(report["layers"][-1]["index"]) if report["layers"] else model_input
    produced = model.outputs[0]._keras_history.operation.name
    if produced != last:
        problems.append(f"the model's output is {produced}, not the last row's {last}")
    totals = report["totals"]
    keras_totals = (model.count_params(), count(model.trainable_weights), count(model.non_trainable_weights))
    cnnc_totals = (totals["params"], totals["trainableParams"], totals["nonTrainableParams"])
    if keras_totals != cnnc_totals:
        problems.append(f"totals (all, trainable, non-trainable): Keras {keras_totals}, cnnc {cnnc_totals}")
    if grouped:
        problems.extend(costs.check(model, report, groups, module_path))
    if forward:
        problems.extend(run_forward(model, report))
    return problems


def run_forward(model, report):
    """A batch of one zero input through the real layers: the computed shape must be the report's."""
    import numpy as np
    real = model(np.zeros([1] + report["input"], dtype="float32"))
    expected = report["layers"][-1]["outputShape"] if report["layers"] else report["input"]
    computed = [int(d) for d in real.shape[1:]]
    return [] if computed == expected else [f"forward pass gives {computed}, the report {expected}"]


def shapes_only():
    """Builds layers without drawing their initial weights (which would compile a jax program per shape)."""
    return keras.StatelessScope(initialize_variables=False)


def run_case(case, index, measured):
    try:
        module = load(case["module"], f"generated{index}")
        names = sorted(n for n in vars(module) if not n.startswith("__") and n not in ("keras", "layers"))
        # LayerScale (ConvNeXt's), MatMul, Select, Split, ChannelShuffle and MaxPoolPadding are classes of the module
        # where a layer uses them, make_divisible a function where a block's size calls it; a block is a function
        blocks = [n for n in names if callable(vars(module)[n]) and (vars(module)[n].__doc__ or "").startswith("block ")]
        helpers = ("LayerScale", "MatMul", "Select", "Split", "ChannelShuffle", "MaxPoolPadding", "make_divisible")
        problems = [] if [n for n in names if n not in helpers and n not in blocks] == ["build_model"] else [
            f"the module defines {names}, not only build_model, block functions (and {', '.join(helpers)})"]
        if case.get("forward"):
            return problems + compare(module.build_model(), case["report"], True, case["module"])
        with shapes_only():
            model = module.build_model()
            problems += compare(model, case["report"], False, case["module"])
            if case.get("receptive"):
                problems += measure_fields(model, case, measured)
            return problems
    except Exception:  # noqa: BLE001 - any failure of a generated module is a finding for its case
        return ["Keras failed: " + traceback.format_exc(limit=4)]


def measure_fields(model, case, measured):
    """Receptive fields measured from jax's gradients (costs.measured_fields), kept in measured[title];
    with "receptive": "exact" they must be the report's, with "record" the test compares them."""
    rows, groups = group(model, case["report"], [])
    fields, problems = costs.measured_fields(model, case["report"], groups)
    measured[case["title"]] = fields
    if case["receptive"] == "exact":
        problems += costs.check_measured(case["report"], fields)
    return problems


def try_layer(limit):
    """Whether Keras builds the layer on an input of the given shape, or the first line of its error."""
    try:
        layer = eval(limit["layer"], {"layers": keras.layers})  # noqa: S307 - fixed strings of the test suite
        inputs = keras.Input(shape=limit["input"])
        keras.Model(inputs, layer(inputs))
        return "accepted"
    except Exception as e:  # noqa: BLE001 - the refusal is the finding
        return f"{type(e).__name__}: {str(e).splitlines()[0]}"


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    measured = {}
    results = {"cases": {case["title"]: run_case(case, i, measured) for i, case in enumerate(manifest["cases"])},
               "receptive": measured}
    with shapes_only():
        results["limits"] = {title: try_layer(limit) for title, limit in manifest.get("limits", {}).items()}
    if manifest.get("zoo"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import zoo
        with shapes_only():
            results["zoo"] = {path: zoo.compare(path, app) for path, app in manifest["zoo"].items()}
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
