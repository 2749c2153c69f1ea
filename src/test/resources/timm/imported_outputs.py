"""cnnc import's output check: the module cnnc torch generates from an imported description, with the source
module's weights copied in, computes the source's output (issue 27).

Run by import_models.py in its process, after cnnc has imported what it traced: check(manifest, results, ...) reads
{"cases": [{"title", "spec" (the source: file.py:NAME or package.module:NAME), "sizes" ([C, H, W]), "module"
(the generated file, whose build_model() makes the module)}]} and writes {title: {"error", "scale", "tensors",
"problems"}}: the largest |source - generated| over the output, the largest |source|, the number of tensors
copied, and what stopped the check (an empty list when it ran).

How it is done, exactly:
- both modules run in eval mode in float32, as they are made: the same numbers added in another order (a Linear
  on channels-last positions is a 1x1 convolution in cnnc's module) differ by rounding alone, about 1e-7 to 1e-6
  of the output (float64 would be sharper, but torch's float64 convolutions on the CPU take minutes a model);
- the source's parameters and buffers whose values are all alike as made (batch norm's ones and zeros, its
  running statistics, ConvNeXt's layer scale of 1e-6, biases of zero) are drawn at random first (uniform in
  0.5..1.5 for a positive value, -0.1..0.1 else), so that a weight copied to the wrong place shows in the output;
- the tensors are matched layer by layer, where a layer is a torch function that reads parameters or buffers
  with data (F.conv2d's weight and bias; F.batch_norm's running mean, variance, weight and bias; a layer
  scale's product), seen by a TorchFunctionMode on one forward pass of each module; within a layer, in the
  order the function takes them. A layer's label is the shapes it reads (axes of size 1 left out: a Linear's
  (out, in) is cnnc's 1x1 convolution's (out, in, 1, 1) for dense keep, a layer scale's (C, 1, 1) cnnc's (C,))
  and the labels of the layers its data comes from, then of those that read it; the k-th layer of a label in
  the source gets the k-th of that label in the generated module (in the order each runs them: layers alike
  both ways are alike in every weight's shape and place, and the outputs' comparison judges). So neither names nor the order the modules
  hold their tensors or run their branches matter (torchvision's CNBlock holds its layer_scale before its
  block and multiplies it in last; RegNet runs its projection before its block, cnnc after the block's
  squeeze-and-excitation), and a layer with no counterpart, or a tensor forward() never reads (but batch
  norm's num_batches_tracked, a counter only training reads), stops the check, naming it. Nothing is skipped;
- cnnc's flatten is in Keras's order (height, width, channels: FlattenHWC), torch's in channels first: the
  columns of a Linear that reads cnnc's flatten of C x H x W are put in that order as they are copied (VGG);
- both run on the same input, standard normal values of the given size (a batch of one, channels first).
"""
import hashlib
import json
import traceback
from pathlib import Path

import torch
from torch.overrides import TorchFunctionMode

from conform import load  # the torch suite's (src/test/resources/torch, on sys.path)


class Flow(TorchFunctionMode):
    """Follows one forward pass. A torch function that reads the module's parameters or buffers (or a tensor made
    from them alone: cnnc's layer scale's gamma.view(...)) together with data is a layer: it is labelled by the
    shapes it reads (axes of size 1 left out) and the labels of the nearest layers its data comes from, so that a
    layer has the same label in both modules whatever order their forward() runs the branches in."""

    def __init__(self, owned, flattened):
        super().__init__()
        self.owned = owned  # id(tensor) -> (name, tensor)
        self.flattened = flattened  # id(output) -> (output, (C, H, W)): cnnc's flatten, in Keras's order
        self.made = {}  # id(tensor) -> (tensor, the layers behind it (-1: the input), or the names it is made from)
        self.layers = []  # (label, names read, (C, H, W) of a flatten in Keras's order it reads or None, behind)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        result = func(*args, **kwargs)
        names, behind, data, flattened = [], set(), False, None
        for value in tensors_in(list(args) + list(kwargs.values())):
            if id(value) in self.owned:
                names.append(self.owned[id(value)][0])
                continue
            made = self.made.get(id(value))
            if made is None:  # the input, or a constant made in forward()
                data = True
                behind.add(-1)
            elif made[2] is not None:
                names.extend(made[2])
            else:
                data = True
                behind.update(made[1])
            if id(value) in self.flattened:
                flattened = self.flattened[id(value)][1]
        if names and data:
            shapes = [squeezed(self.shape_of(name)) for name in names]
            label = digest(shapes, sorted("input" if i < 0 else self.layers[i][0] for i in behind))
            self.layers.append((label, names, flattened, behind))
            made = (frozenset([len(self.layers) - 1]), None)
        elif names:
            made = (frozenset(), names)
        else:
            made = (frozenset(behind), None)
        for tensor in tensors_in([result]):
            self.made[id(tensor)] = (tensor,) + made  # the tensor kept, so that its id is not reused
        return result

    def shape_of(self, name):
        return next(tensor.shape for key, (other, tensor) in self.owned.items() if other == name)


def digest(*values):
    return hashlib.sha1(repr(values).encode()).hexdigest()


def both_ways(layers):
    """Each layer's label made from the layers after it too: two layers of the same shapes on the same input
    (RegNet's projection and its block's first 1x1 convolution) differ by what reads them."""
    readers = [[] for _ in layers]
    for index, (_, _, _, behind) in enumerate(layers):
        for before in behind:
            if before >= 0:
                readers[before].append(index)
    labels = [None] * len(layers)
    for index in reversed(range(len(layers))):
        labels[index] = digest(layers[index][0], sorted(labels[reader] for reader in readers[index]))
    return [(label, names, flattened) for label, (_, names, flattened, _) in zip(labels, layers)]


def tensors_in(values):
    for value in values:
        if isinstance(value, torch.Tensor):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from tensors_in(value)


def layers(model, x):
    """The layers forward() runs (label, names, flatten), the tensors it never reads, and its output."""
    tensors = dict(model.named_parameters())
    tensors.update(model.named_buffers())
    flattened = {}

    def flatten_hook(_module, inputs, output):
        flattened[id(output)] = (output, tuple(inputs[0].shape[1:]))

    hooks = [m.register_forward_hook(flatten_hook) for m in model.modules() if type(m).__name__ == "FlattenHWC"]
    flow = Flow({id(tensor): (name, tensor) for name, tensor in tensors.items()}, flattened)
    try:
        with torch.no_grad(), flow:
            output = model(x)
    finally:
        for hook in hooks:
            hook.remove()
    read = {name for _, names, _, _ in flow.layers for name in names}
    unread = [name for name in tensors if name not in read and not name.endswith("num_batches_tracked")]
    return both_ways(flow.layers), unread, output


def randomise_alike(model, generator):
    """Draws the tensors whose values are all alike at random (batch norm's as made, a layer scale's 1e-6)."""
    with torch.no_grad():
        for tensor in list(model.parameters()) + list(model.buffers()):
            if tensor.is_floating_point() and tensor.numel() > 0 and bool(tensor.min() == tensor.max()):
                low, high = (0.5, 1.5) if float(tensor.flatten()[0]) > 0 else (-0.1, 0.1)
                tensor.copy_(torch.rand(tensor.shape, generator=generator, dtype=tensor.dtype) * (high - low) + low)


def squeezed(shape):
    return [size for size in shape if size != 1]


def compare(source, generated, sizes):
    """The largest difference of the outputs, the largest source output, and the tensors copied; raises
    ValueError naming what does not match."""
    generator = torch.Generator().manual_seed(0)
    source = source.eval()
    generated = generated.eval()
    randomise_alike(source, generator)
    x = torch.randn([1] + sizes, generator=generator)
    source_layers, source_unread, expected = layers(source, x)
    generated_layers, generated_unread, _ = layers(generated, x)
    problems = [f"the source's {name} is never read by forward()" for name in source_unread]
    problems += [f"the generated module's {name} is never read by forward()" for name in generated_unread]
    targets = {}
    for label, names, flattened in generated_layers:
        targets.setdefault(label, []).append((names, flattened))
    pairs = []
    for label, names, source_flattened in source_layers:
        if not targets.get(label):
            problems.append(f"the source's layer reading {', '.join(names)} has no layer of the same shapes and "
                            f"inputs in the generated module")
            break
        other_names, flattened = targets[label].pop(0)
        pairs.append((names, other_names, flattened if source_flattened is None else None))
    left = [names for waiting in targets.values() for names, _ in waiting]
    if left and not problems:
        problems.append(f"the generated module's layer reading {', '.join(left[0])} has none in the source")
    if problems:
        raise ValueError("; ".join(problems))
    source_tensors = dict(source.named_parameters())
    source_tensors.update(source.named_buffers())
    generated_tensors = dict(generated.named_parameters())
    generated_tensors.update(generated.named_buffers())
    copied = 0
    with torch.no_grad():
        for names, other_names, flattened in pairs:
            for name, other in zip(names, other_names):
                value, target = source_tensors[name], generated_tensors[other]
                if flattened is not None and value.dim() == 2:
                    # cnnc flattens in Keras's order (height, width, channels): the Linear's columns follow it
                    value = value.reshape(value.shape[0], *flattened).movedim(1, -1).reshape(value.shape)
                target.copy_(value.reshape(target.shape))
                copied += 1
        actual = generated(x)
    if expected.shape != actual.shape:
        raise ValueError(f"the source gives {list(expected.shape)}, the generated module {list(actual.shape)}")
    if not bool(torch.isfinite(expected).all()):
        raise ValueError("the source's output is not finite on the random weights")
    return float((expected - actual).abs().max()), float(expected.abs().max()), copied


def check(manifest_path, results_path, source_of):
    """source_of(case) gives the case's source module, as the tracer made it."""
    results = {}
    for case in json.loads(Path(manifest_path).read_text())["cases"]:
        torch.manual_seed(0)
        result = {"problems": []}
        try:
            source = source_of(case)
            generated = load(case["module"], "cnnc_generated").build_model()
            result["error"], result["scale"], result["tensors"] = compare(source, generated, case["sizes"])
        except Exception as error:  # noqa: BLE001 - every failure is the case's result, the others still run
            result["problems"].append("".join(traceback.format_exception_only(type(error), error)).strip())
        results[case["title"]] = result
    Path(results_path).write_text(json.dumps(results))
