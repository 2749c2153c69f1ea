"""cnnc's cost figures worked out again from a Keras model, for conform.py: MACs, FLOPs and output
elements per row, receptive fields, and the memory totals, each from the Keras layers' classes, their
configs (kernel_size, strides, dilation_rate, groups, depth_multiplier, use_bias, activation,
pool_size, ...) and the shapes Keras gives, never from cnnc's figures. Only the grouping of Keras
layers into rows (conform.py's) and the rows' order come from the report.

The conventions (docs/cost.md's), for one example:
- MACs, bias excluded: Conv2D out_h*out_w*filters*kh*kw*(cin/groups); DepthwiseConv2D
  out_h*out_w*cin*mult*kh*kw; SeparableConv2D that plus out_h*out_w*cin*mult*filters (the 1x1);
  Conv2DTranspose in_h*in_w*cin*filters*kh*kw; Dense in*units (times h*w on an image, where it acts on
  each position's channels); MatMul (the module's class) h*w*k*c, its first input's h*w rows of k times its
  second's k rows of c, as torch counts a bmm; every other layer 0, and so is a
  row's _scale helper (scaled pooling's 1x1 DepthwiseConv2D), which costs 2 FLOPs per value instead.
- FLOPs: a layer with MACs 2*MACs, plus one per output value for a bias and one for an activation;
  Activation 1 per value (LeakyReLU and PReLU too, and a row's _leakyrelu helper, the activation of
  the layer in front), BatchNormalization 2, LayerNormalization 7, Normalization 2, LayerScale 1,
  Rescaling 1 (2 with an offset); MaxPooling2D window-1 per output value, AveragePooling2D the window;
  GlobalAveragePooling2D H*W*C, GlobalMaxPooling2D (H*W-1)*C; Add and Multiply of n tensors n-1 per
  output value; a bilinear UpSampling2D 7 per output value; MatMul 2*MACs; Select of n branches (the
  module's class, its last input the logits) 1 per logit value and 2n-1 per output value; the moving and padding layers
  (Concatenate, Flatten, Reshape, ZeroPadding2D, Cropping2D, a nearest UpSampling2D, Dropout, the
  module's Split and ChannelShuffle, which only move channels, and its MaxPoolPadding, the -inf in front
  of a max pooling) 0.
- Receptive field, per axis, from r = 1 and jump j = 1 at the input (j exact, as a Fraction): a window
  k dilated by d, k' = d(k-1)+1, with stride s gives r + (k'-1)j and js, exact while every jump is a
  whole number and no branches merge; a model with an UpSampling2D or a strided Conv2DTranspose has
  fractional jumps, and a merge's field is the union of its branches' (with 'same' padding of even
  kernels the branches' fields are offset, so their union can be wider than any one of them): in
  those models the field is found by brute force instead: for every position of every layer, the first and
  last input pixel it depends on (coordinates running on past the borders), following each layer's
  taps, and the largest extent over the layer's positions (exact_fields). The jump is j*s after a
  window, j/s after a Conv2DTranspose, j/f after an UpSampling2D. A Dense on an image, a Split and a
  ChannelShuffle (moving channels) keep the field of the position they read. Dense, global pooling and a Reshape
  to an image, and a MatMul (every output reads every position of its second input), see the whole input
  (and so does everything after them); a Select is a merge; a merge's jump is the largest
  of its inputs', and a merge of inputs whose jumps differ makes the field unknown (cnnc gives it as
  nulls, not the whole input) for it and everything after.
- Memory, batch 1, float32, Adam: a tensor (the model's input, each row's output) is alive from the
  row that makes it to the last row that reads it (which Keras layer reads which, in Keras's graph);
  the peak is the largest sum alive while a row runs (its own output included); training holds the
  parameters, a gradient and two Adam moments per trainable parameter, and every tensor.
"""
import ast
import math
import re
import sys
from fractions import Fraction

import keras

BYTES = 4  # float32
WEIGHTED = {"Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "Dense"}
PER_VALUE = {"Activation": 1, "BatchNormalization": 2, "LayerNormalization": 7, "Normalization": 2, "LayerScale": 1,
             "LeakyReLU": 1, "PReLU": 1}
# MaxPoolPadding: the module's -inf padding in front of a max pooling with 'pad' or 'ceil'
FREE = {"Concatenate", "Flatten", "Reshape", "ZeroPadding2D", "Cropping2D", "UpSampling2D", "Dropout",
        "MaxPoolPadding", "Split", "ChannelShuffle"}
WINDOWS = {"Conv2D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D", "AveragePooling2D"}
WHOLE_FROM = {"Dense", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "MatMul"}
MERGES = {"Add", "Multiply", "Concatenate", "Select"}
UNCHANGED = {"Flatten", "Activation", "BatchNormalization", "LayerNormalization", "Normalization", "Rescaling",
             "Dropout", "ZeroPadding2D", "Cropping2D", "LayerScale", "MaxPoolPadding", "LeakyReLU", "PReLU",
             "Split", "ChannelShuffle"}


def dims(tensor):
    return [int(d) for d in tensor.shape[1:]]


def inputs_of(layer):
    return keras.tree.flatten(layer.input)


def axes(value, rank):
    return tuple(value) if isinstance(value, (list, tuple)) else (value,) * rank


def pair(value):
    return axes(value, 2)


def base(kind):
    """A sequence's or a volume's layer under its image name (Conv1D, Conv3DTranspose: Conv2D, Conv2DTranspose),
    whose rules below hold along every axis; a depthwise Conv3D is a Conv2D's rule with groups."""
    return re.sub(r"[13]D(Transpose)?$", lambda m: "2D" + (m.group(1) or ""), kind)


def rank_of(tensor):
    return len(dims(tensor)) - 1


def written_offsets(path):
    """Names of the Rescaling layers whose call in the module writes offset= (Keras's config cannot tell
    offset=0 from no offset, and cnnc counts a written offset of 0 as an addition)."""
    with open(path) as f:
        tree = ast.parse(f.read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Rescaling":
            words = {k.arg: k.value for k in node.keywords}
            if "offset" in words and isinstance(words.get("name"), ast.Constant):
                names.add(words["name"].value)
            elif "offset" in words and isinstance(words.get("name"), ast.JoinedStr):
                # in a block's function, f"{name}.rescale1": every layer of that local name
                tail = words["name"].values[-1]
                if isinstance(tail, ast.Constant):
                    names.add(tail.value)
    return names


def writes_offset(name, offsets):
    return name in offsets or any(name.endswith(o) for o in offsets if o.startswith("."))


def macs(layer):
    kind, config = base(type(layer).__name__), layer.get_config()
    cin = dims(inputs_of(layer)[0])[-1]
    out = dims(layer.output)
    if kind == "Dense":
        return math.prod(out[:-1]) * cin * config["units"]
    taps = math.prod(axes(config["kernel_size"], rank_of(layer.output)))
    if kind == "Conv2DTranspose":
        return math.prod(dims(inputs_of(layer)[0])[:-1]) * cin * config["filters"] * taps
    positions, channels = math.prod(out[:-1]), out[-1]
    if kind == "Conv2D":
        return positions * channels * taps * (cin // config["groups"])
    if kind == "DepthwiseConv2D":
        return positions * cin * config["depth_multiplier"] * taps
    if kind == "SeparableConv2D":
        mult = config["depth_multiplier"]
        return positions * cin * mult * taps + positions * cin * mult * config["filters"]
    raise ValueError(kind)


def layer_costs(layer, role, offsets):
    """(MACs, FLOPs) of one Keras layer; role is its helper suffix in its row, or None."""
    kind, config = base(type(layer).__name__), layer.get_config()
    values = math.prod(dims(layer.output))
    if role == "_scale":
        return 0, 2 * values
    if kind in WEIGHTED:
        m = macs(layer)
        flops = 2 * m + (values if config.get("use_bias") else 0)
        return m, flops + (values if config.get("activation", "linear") != "linear" else 0)
    if kind in PER_VALUE:
        return 0, PER_VALUE[kind] * values
    if kind == "Rescaling":
        return 0, values * (2 if config["offset"] != 0 or writes_offset(layer.name, offsets) else 1)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        window = math.prod(axes(config["pool_size"], rank_of(layer.output)))
        return 0, values * (window - (1 if kind == "MaxPooling2D" else 0))
    if kind in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        *sizes, c = dims(inputs_of(layer)[0])
        return 0, (math.prod(sizes) - (1 if kind == "GlobalMaxPooling2D" else 0)) * c
    if kind in ("Add", "Multiply"):
        return 0, (len(inputs_of(layer)) - 1) * values
    if kind == "MatMul":
        a, b = (dims(t) for t in inputs_of(layer))
        m = a[0] * a[1] * a[2] * b[2]
        return m, 2 * m
    if kind == "Select":
        branches = len(inputs_of(layer)) - 1
        return 0, math.prod(dims(inputs_of(layer)[-1])) + (2 * branches - 1) * values
    if kind == "UpSampling2D" and config.get("interpolation") == "bilinear":
        return 0, 7 * values  # 4 neighbours, each weighted, added: 4 multiplications and 3 additions
    if kind in FREE:
        return 0, 0
    raise ValueError(f"no cost rule for a {kind}")


WHOLE = None  # the receptive field of a value that depends on the whole input


def field_after(layer, fields):
    """The receptive field (r_1, ..., r_n, j_1, ..., j_n) of a layer's output, a size and a jump per axis,
    from those of its inputs, or WHOLE."""
    kind, config = base(type(layer).__name__), layer.get_config()
    on_each_position = kind == "Dense" and len(dims(layer.output)) >= 2
    if any(f is WHOLE for f in fields) or (kind in WHOLE_FROM and not on_each_position):
        return WHOLE
    if any(f is UNKNOWN for f in fields):
        return UNKNOWN
    if kind in MERGES:
        return tuple(max(f[i] for f in fields) for i in range(len(fields[0])))
    field, = fields
    n = len(field) // 2
    sizes, jumps = field[:n], field[n:]
    if kind == "Reshape":
        return WHOLE if len(config["target_shape"]) >= 2 else field
    if kind in UNCHANGED or on_each_position:
        return field
    if kind == "UpSampling2D":
        factors = axes(config["size"], n)
        return tuple(sizes) + tuple(j / f for j, f in zip(jumps, factors))
    if kind in WINDOWS or kind == "Conv2DTranspose":
        pooling = "pool_size" in config
        ks = axes(config["pool_size"] if pooling else config["kernel_size"], n)
        ss = axes(config["strides"] if config["strides"] is not None else config["pool_size"], n)
        ds = (1,) * n if pooling else axes(config["dilation_rate"], n)
        out = []
        for r, j, k, s, d in zip(sizes, jumps, ks, ss, ds):
            span = d * (k - 1) + 1
            if kind == "Conv2DTranspose":
                out.append((r + math.ceil((-(-span // s) - 1) * j), j / s))
            else:
                out.append((r + math.ceil((span - 1) * j), j * s))
        return tuple(o[0] for o in out) + tuple(o[1] for o in out)
    raise ValueError(f"no receptive-field rule for a {kind}")


UNKNOWN = "unknown"  # after a merge of inputs whose jumps differ


def fields(model):
    """The receptive field of every Keras layer's output, by layer name, and of the model's input."""
    start = model.inputs[0]._keras_history.operation.name
    n = max(rank_of(model.inputs[0]), 2) if rank_of(model.inputs[0]) != 1 else 1  # a vector input: an image's keys
    known = {start: (1,) * n + (Fraction(1),) * n}
    uneven = any(base(type(layer).__name__) in MERGES or base(type(layer).__name__) == "UpSampling2D"
                 or (base(type(layer).__name__) == "Conv2DTranspose"
                     and set(axes(layer.get_config()["strides"], n)) != {1})
                 for layer in model.layers)
    exact = exact_fields(model) if uneven else {}
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        inputs = [known[t._keras_history.operation.name] for t in inputs_of(layer)]
        if any(f is UNKNOWN for f in inputs) and not any(f is WHOLE for f in inputs):
            known[layer.name] = UNKNOWN
            continue
        if (type(layer).__name__ in MERGES and all(f not in (WHOLE, UNKNOWN) for f in inputs)
                and len({f[len(f) // 2:] for f in inputs}) > 1 and len(dims(layer.output)) >= 2):
            known[layer.name] = UNKNOWN
            continue
        field = field_after(layer, inputs)
        if field not in (WHOLE, UNKNOWN) and layer.name in exact:
            field = exact[layer.name] + field[len(field) // 2:]
        known[layer.name] = field
    return known


def exact_fields(model):
    """The largest field (height, width) over each image layer's positions, by brute force: for every
    position, the first and last input pixel it depends on, following the layer's taps back to the
    input (memoized). A flattened vector keeps the largest field of the image it came from."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50_000))  # a position reads back through every layer
    graph = {}
    start = model.inputs[0]._keras_history.operation.name
    for layer in model.layers:
        if type(layer).__name__ != "InputLayer":
            graph[layer.name] = layer
    memo = {}

    def span(name, axis, q):
        key = (name, axis, q)
        if key in memo:
            return memo[key]
        if name == start:
            result = (q, q)
        else:
            result = layer_span(graph[name], axis, q)
        memo[key] = result
        return result

    def union(spans):
        spans = [s for s in spans if s is not None]
        return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None

    def layer_span(layer, axis, q):
        kind, config = base(type(layer).__name__), layer.get_config()
        rank = rank_of(layer.output)
        sources = [t._keras_history.operation.name for t in inputs_of(layer)]
        in_shape = dims(inputs_of(layer)[0])
        if kind in MERGES:
            out = dims(layer.output)[axis]
            return union([span(src, axis, 0 if dims(t)[axis] == 1 and out > 1 else q)
                          for src, t in zip(sources, inputs_of(layer))])
        source = sources[0]
        if kind == "ZeroPadding2D":  # a sequence's padding is one (before, after) pair
            return span(source, axis, q - (config["padding"][0] if rank == 1 else config["padding"][axis][0]))
        if kind == "MaxPoolPadding":  # -inf before each axis, as ZeroPadding2D's zeros
            return span(source, axis, q - config["padding"][axis][0])
        if kind == "Cropping2D":
            return span(source, axis, q + (config["cropping"][0] if rank == 1 else config["cropping"][axis][0]))
        if kind == "UpSampling2D" and config.get("interpolation") == "bilinear":
            f = pair(config["size"])[axis]
            below, rest = divmod(2 * q + 1 - f, 2 * f)  # samples x = (q + 1/2)/f - 1/2 = (2q + 1 - f)/(2f)
            return union([span(source, axis, below)] + ([span(source, axis, below + 1)] if rest else []))
        if kind == "UpSampling2D":
            return span(source, axis, q // axes(config["size"], rank)[axis])
        if kind in WINDOWS or kind == "Conv2DTranspose":
            pooling = "pool_size" in config
            k = axes(config["pool_size"] if pooling else config["kernel_size"], rank)[axis]
            s = axes(config["strides"] if config["strides"] is not None else config["pool_size"], rank)[axis]
            d = 1 if pooling else axes(config["dilation_rate"], rank)[axis]
            reach, n = d * (k - 1) + 1, in_shape[axis]
            if kind == "Conv2DTranspose":
                cut = max(reach - s, 0) if config["padding"] == "same" else 0
                u = q + cut // 2
                return union([span(source, axis, (u - t * d) // s) for t in range(k) if (u - t * d) % s == 0])
            before = 0
            if config["padding"] == "same":
                before = max((-(-n // s) - 1) * s + reach - n, 0) // 2
            return union([span(source, axis, q * s - before + t * d) for t in range(k)])
        return span(source, axis, q)  # element-wise layers read their own position

    largest = {}
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer" or len(dims(layer.output)) < 2:
            continue
        extents = []
        for axis, size in enumerate(dims(layer.output)[:-1]):
            spans = [span(layer.name, axis, q) for q in range(size)]
            extents.append(max((s[1] - s[0] + 1 for s in spans if s is not None), default=0))
        largest[layer.name] = tuple(extents)
    for layer in model.layers:  # a flatten (or reshape to a vector) keeps the field of the image it reads
        if type(layer).__name__ in ("Flatten", "Reshape") and len(dims(layer.output)) == 1:
            source = inputs_of(layer)[0]._keras_history.operation.name
            if source in largest:
                largest[layer.name] = largest[source]
    return largest


AXES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


def json_field(field, n):
    """The report's keys for n axes: a size and a jump per axis (an image's for a vector input)."""
    names = AXES[n]
    jumps = tuple("jump" + name[0].upper() + name[1:] for name in names)
    if field in (WHOLE, UNKNOWN):
        return {"wholeInput": field is WHOLE, **{key: None for key in names + jumps}}
    return {"wholeInput": False, **dict(zip(names + jumps, field))}


def same_number(mine, theirs):
    """A Fraction (or int) against the report's number: an integer exactly, a fraction as the nearest double."""
    if mine is None or theirs is None or isinstance(theirs, bool):
        return mine is theirs
    if Fraction(mine).denominator == 1:
        return isinstance(theirs, int) and theirs == mine
    return isinstance(theirs, float) and math.isclose(theirs, float(mine), rel_tol=1e-12)


def shown(value):
    return str(value) if not isinstance(value, Fraction) or value.denominator != 1 else str(value.numerator)


def memory(model, report, groups):
    """The memory totals, from the tensors' sizes and Keras's graph, the rows taken in the report's order."""
    input_name = model.inputs[0]._keras_history.operation.name
    rows = [row for row in report["layers"]]
    tensor_of = {input_name: 0}  # Keras layer whose output is a row's output -> position (0: the input)
    sizes = [math.prod(dims(model.inputs[0]))]
    for position, row in enumerate(rows, 1):
        members = groups[row["name"]]
        tensor_of[members[-1].name] = position
        sizes.append(math.prod(dims(members[-1].output)))
    last_read = list(range(len(sizes)))
    for position, row in enumerate(rows, 1):
        for t in inputs_of(groups[row["name"]][0]):
            read = tensor_of[t._keras_history.operation.name]
            last_read[read] = max(last_read[read], position)
    alive = [0] * (len(sizes) + 1)  # tensor t counts at every position from t to last_read[t]
    for t, size in enumerate(sizes):
        alive[t] += size
        alive[last_read[t] + 1] -= size
    peak, peak_index, running = -1, 0, 0
    for position in range(len(sizes)):
        running += alive[position]
        if running > peak:
            peak, peak_index = running, position
    params = model.count_params()
    trainable = sum(math.prod(int(d) for d in w.shape) for w in model.trainable_weights)
    return {"batch": 1, "dtype": "float32", "optimizer": "adam", "parameterBytes": BYTES * params,
            "peakActivationBytes": BYTES * peak, "peakIndex": peak_index, "activationBytes": BYTES * sum(sizes),
            "trainingBytes": BYTES * (params + trainable + 2 * trainable + sum(sizes))}


def check(model, report, groups, module_path):
    """Problems: every figure of every row, and the totals, that differ from the report's."""
    problems = []
    where = f"model {report['model']}"
    offsets = written_offsets(module_path)
    known = fields(model)
    total_macs = total_flops = 0
    for row in report["layers"]:
        name, members = row["name"], groups[row["name"]]
        macs_sum = flops_sum = 0
        for layer in members:
            role = layer.name[len(name):] if layer.name != name else None
            m, f = layer_costs(layer, role, offsets)
            macs_sum, flops_sum = macs_sum + m, flops_sum + f
        total_macs, total_flops = total_macs + macs_sum, total_flops + flops_sum
        mine = {"macs": macs_sum, "flops": flops_sum, "outputElements": math.prod(dims(members[-1].output))}
        for figure, value in mine.items():
            if row.get(figure) != value:
                problems.append(f"{where}, row {name}: {figure} from Keras {value}, cnnc {row.get(figure)}")
        n = rank_of(model.inputs[0]) if rank_of(model.inputs[0]) in (1, 3) else 2
        field = json_field(known[members[-1].name], n)
        theirs = row.get("receptiveField") or {}
        for key, value in field.items():
            if not same_number(value, theirs.get(key)):
                problems.append(f"{where}, row {name}: receptiveField.{key} from Keras {shown(value)}, "
                                f"cnnc {theirs.get(key)}")
    totals = report["totals"]
    for figure, value in (("macs", total_macs), ("flops", total_flops)):
        if totals.get(figure) != value:
            problems.append(f"{where}, totals: {figure} from Keras {value}, cnnc {totals.get(figure)}")
    theirs = totals.get("memory") or {}
    for key, value in memory(model, report, groups).items():
        if theirs.get(key) != value:
            problems.append(f"{where}, totals: memory.{key} from Keras {value}, cnnc {theirs.get(key)}")
    return problems


# Layers whose input gradient has exactly the support of the receptive field: linear, with kernels of
# ones and zero biases every path from an input value to an output value has a positive weight, so no
# two paths cancel and a gradient is nonzero exactly where the output depends on the input.
EXACT = {"Conv2D", "DepthwiseConv2D", "Conv2DTranspose", "AveragePooling2D", "UpSampling2D", "ZeroPadding2D", "Add"}


def measured_fields(model, report, groups, chunk=64):
    """For every row of a chain of EXACT layers: the largest extent (max index - min index + 1), over all
    the row's output positions in channel 0, of the input positions where the gradient of that output
    value is nonzero, per axis, measured with jax for a batch of one. Returns ({row: [height, width]},
    problems).

    The gradients of all output values are the rows of the Jacobian; it is computed a block of columns
    at a time with forward mode (jax.jvp on one-hot input directions, chunk of them at once), which for
    these models (a few hundred to a few thousand input values, often more output positions) is far
    cheaper than one reverse pass per output value, and keeps only the nonzero pattern's bounds."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    problems = []
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "InputLayer":
            continue
        activation = layer.get_config().get("activation", "linear")
        if kind not in EXACT or activation != "linear":
            problems.append(f"layer {layer.name}: a {kind} (activation {activation}) has no exact gradient support")
    if problems:
        return {}, problems
    rows = report["layers"]
    probe = keras.Model(model.inputs, [groups[row["name"]][-1].output for row in rows])
    trainable = [jnp.zeros(v.shape) if v.name == "bias" else jnp.ones(v.shape) for v in probe.trainable_variables]
    fixed = [jnp.zeros(v.shape) for v in probe.non_trainable_variables]
    in_h, in_w, in_c = dims(model.inputs[0])
    x = jnp.zeros((1, in_h, in_w, in_c))

    def outputs(values):
        out, _ = probe.stateless_call(trainable, fixed, values)
        return [o[0, :, :, 0] for o in (out if isinstance(out, (list, tuple)) else [out])]

    push = jax.jit(jax.vmap(lambda direction: jax.jvp(outputs, (x,), (direction,))[1]))
    size = in_h * in_w * in_c
    along_h = np.arange(size) // (in_w * in_c)
    along_w = np.arange(size) // in_c % in_w
    bounds = {}  # row -> [low h, high h, low w, high w], per output position
    for start in range(0, size, chunk):
        taken = np.arange(start, min(start + chunk, size))
        directions = np.zeros((chunk, size), dtype="float32")
        directions[np.arange(len(taken)), taken] = 1
        columns = push(jnp.asarray(directions.reshape(chunk, 1, in_h, in_w, in_c)))
        for row, column in zip(rows, columns):
            nonzero = np.asarray(column[:len(taken)]) != 0  # (taken, out_h, out_w)
            h, w = along_h[taken][:, None, None], along_w[taken][:, None, None]
            found = [np.where(nonzero, h, size).min(axis=0), np.where(nonzero, h, -1).max(axis=0),
                     np.where(nonzero, w, size).min(axis=0), np.where(nonzero, w, -1).max(axis=0)]
            if row["name"] in bounds:
                old = bounds[row["name"]]
                found = [np.minimum(old[0], found[0]), np.maximum(old[1], found[1]),
                         np.minimum(old[2], found[2]), np.maximum(old[3], found[3])]
            bounds[row["name"]] = found
    measured = {}
    for name, (low_h, high_h, low_w, high_w) in bounds.items():
        touched = high_h >= 0  # an output value that no input reaches (a deconv's gaps) has no extent
        if not touched.any():
            problems.append(f"row {name}: no output value depends on the input")
            continue
        measured[name] = [int((high_h - low_h + 1)[touched].max()), int((high_w - low_w + 1)[touched].max())]
    return measured, problems


def check_measured(report, measured):
    """Problems: the rows whose measured receptive field is not the report's height and width."""
    problems = []
    for row in report["layers"]:
        field = row.get("receptiveField") or {}
        reported = [field.get("height"), field.get("width")]
        if measured.get(row["name"]) != reported:
            problems.append(f"model {report['model']}, row {row['name']}: receptive field (height, width) "
                            f"measured by jax's gradients {measured.get(row['name'])}, cnnc {reported}")
    return problems
