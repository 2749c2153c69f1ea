"""timm's models beside the PyTorch modules cnnc generates for samples/timm/, in one process.

usage: python timm_models.py MANIFEST.json RESULTS.json
       python timm_models.py NAME [KEYWORDS [HxWxC]]   (timm's figures for one model, as the samples'
                                                       first lines quote them; the input as cnnc writes it)

The manifest lists cases {"title", "module" (the generated module's file), "name" and "keywords"
(timm.create_model's model name and keyword arguments, as Python source), "input" ([C, H, W])}, and
rows of docs/timm.md {"title", "survey" (timm's model module), "name"}, whose results are what
timm_survey.py writes for the model.
RESULTS.json receives {title: {"params", "buffers", "macs", "error", "problems"}}:
- params: sum of numel() over timm's model's parameters() (cnnc's trainable count);
- buffers: its persistent buffers' values less batch norm's num_batches_tracked (cnnc's non-trainable);
- macs: half the FLOPs torch.utils.flop_counter.FlopCounterMode counts in a forward pass on a batch of 1;
- error: max |generated - timm| / max |timm| on a random input, with timm's weights copied in, eval mode;
- problems: why the weights could not be copied or the outputs not compared (empty when they were).

The weights are copied without knowing the model: the modules holding tensors of their own (parameters,
persistent buffers) are listed in each model in the order their forward passes end (a forward hook),
and paired one to one; each pair must hold the same number of tensors, of the same shapes, in order
(a Linear's weight fits a 1x1 convolution's kernel and the other way round: the same numbers). timm's batch-norm statistics and
affine parameters are drawn at random first, or its initial ones (zero means, unit variances, the last
norm of a residual branch zeroed) would let a wrong epsilon or a missing branch pass.
"""
import json
import sys
import traceback
from pathlib import Path

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

# The mirror's torchvision is a CUDA build: its C++ operators are missing from CPU torch, and importing it
# fails where it registers fake kernels for two of them. Defining those two lets the Python code import;
# no model built here calls them.
_TORCHVISION = torch.library.Library("torchvision", "DEF")
_TORCHVISION.define("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
_TORCHVISION.define("qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
import timm  # noqa: E402 - after the operators above

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "torch"))
from conform import buffer_values, load  # noqa: E402 - the torch suite's, beside this folder
from timm_survey import measure  # noqa: E402 - beside this script

SEED = 25


def create(name, keywords):
    return timm.create_model(name, pretrained=False, **eval(f"dict({keywords})")).eval()


def figures(model, shape):
    """[parameters, buffer values, MACs] of a model, MACs for a batch of one of the shape [C, H, W]."""
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(torch.zeros([1] + shape))
    flops = counter.get_total_flops()
    return sum(p.numel() for p in model.parameters()), buffer_values(model), flops // 2 if flops % 2 == 0 else None


def randomise_norms(model, generator):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm) and module.running_mean is not None:
                module.running_mean.copy_(torch.randn(module.num_features, generator=generator) * 0.2)
                module.running_var.copy_(torch.rand(module.num_features, generator=generator) + 0.5)
            if isinstance(module, (nn.modules.batchnorm._BatchNorm, nn.GroupNorm, nn.LayerNorm)):
                if module.weight is not None:
                    module.weight.copy_(torch.rand(module.weight.shape, generator=generator) + 0.5)
                if module.bias is not None:
                    module.bias.copy_(torch.randn(module.bias.shape, generator=generator) * 0.2)


def own_tensors(module):
    """The parameters and persistent buffers a module holds itself, not through its children, in order."""
    tensors = list(module.named_parameters(recurse=False))
    tensors += [(name, b) for name, b in module.named_buffers(recurse=False)
                if name not in module._non_persistent_buffers_set and name != "num_batches_tracked"]
    return tensors


def holders_in_call_order(model, x):
    """[(name, module)] of the modules holding tensors, in the order their forward passes end; and the
    names of those whose forward never ran."""
    names = {module: name for name, module in model.named_modules() if own_tensors(module)}
    order = []

    def ended(module, _inputs, _output):
        if module not in order:
            order.append(module)

    handles = [module.register_forward_hook(ended) for module in names]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return [(names[m], m) for m in order], sorted(names[m] for m in names if m not in order)


def describe(name, module):
    shapes = ", ".join(f"{t} {list(v.shape)}" for t, v in own_tensors(module))
    return f"{name} ({type(module).__name__}: {shapes})"


def fits(source, target):
    """The same shape, or the same one but for trailing 1s: a Linear's weight and a 1x1 convolution's kernel."""
    def stripped(shape):
        shape = list(shape)
        while shape and shape[-1] == 1:
            shape.pop()
        return shape
    return source.shape == target.shape or stripped(source.shape) == stripped(target.shape)


def copy_weights(reference, generated, x):
    """Copies reference's tensors into generated's, pair by pair; the problems, if any."""
    timm_holders, timm_idle = holders_in_call_order(reference, x)
    cnnc_holders, cnnc_idle = holders_in_call_order(generated, x)
    problems = [f"timm's {n} holds tensors but its forward never ran" for n in timm_idle]
    problems += [f"cnnc's {n} holds tensors but its forward never ran" for n in cnnc_idle]
    for i, ((tn, tm), (cn, cm)) in enumerate(zip(timm_holders, cnnc_holders)):
        theirs, ours = own_tensors(tm), own_tensors(cm)
        if len(theirs) != len(ours) or not all(fits(t, c) for (_, t), (_, c) in zip(theirs, ours)):
            return problems + [f"module {i + 1} in the order the forward passes reach them differs: "
                               f"timm's {describe(tn, tm)}, cnnc's {describe(cn, cm)}"]
        with torch.no_grad():
            for (_, t), (_, c) in zip(theirs, ours):
                c.copy_(t.reshape(c.shape))
    if len(timm_holders) != len(cnnc_holders):
        extra = timm_holders[len(cnnc_holders):] or cnnc_holders[len(timm_holders):]
        who = "timm's" if len(timm_holders) > len(cnnc_holders) else "cnnc's"
        problems.append(f"timm's model has {len(timm_holders)} modules holding tensors, cnnc's "
                        f"{len(cnnc_holders)}; {who} next is {describe(*extra[0])}")
    return problems


def compare(case, index):
    if "survey" in case:  # a row of docs/timm.md, measured again as bench/timm-survey.sh measures it
        return measure(case["survey"], case["name"])
    torch.manual_seed(SEED)
    reference = create(case["name"], case["keywords"])
    params, buffers, macs = figures(reference, case["input"])
    result = {"params": params, "buffers": buffers, "macs": macs, "error": None, "problems": []}
    result["problems"], result["error"] = compare_outputs(reference, case["module"], case["input"], index)
    return result


def compare_outputs(reference, module, shape, index):
    """(problems, error): the reference's weights, its norms drawn at random, copied into the generated
    module's model, then both run on a random input of the shape (without the batch)."""
    generator = torch.Generator().manual_seed(SEED + index)
    randomise_norms(reference, generator)
    generated = load(module, f"generated{index}").build_model().eval()
    x = torch.randn([1] + shape, generator=generator)
    problems = copy_weights(reference, generated, x)
    if problems:
        return problems, None
    with torch.no_grad():
        expected, actual = reference(x), generated(x)
    if actual.shape != expected.shape:
        return [f"output {list(actual.shape)}, the reference's {list(expected.shape)}"], None
    return [], float((actual - expected).abs().max() / expected.abs().max().clamp(min=1e-30))


def run_manifest(compare, manifest, results_file):
    """compare(case, index) for each case of the manifest, its results written by title; a model that
    fails is a problem of that model."""
    results = {}
    for index, case in enumerate(json.load(open(manifest))["cases"]):
        try:
            results[case["title"]] = compare(case, index)
        except Exception:  # noqa: BLE001 - a model that fails is a problem of that model
            results[case["title"]] = {"problems": ["failed:\n" + traceback.format_exc()]}
    json.dump(results, open(results_file, "w"))


def main():
    if len(sys.argv) < 3 or not sys.argv[1].endswith(".json"):
        name, keywords = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
        model = create(name, keywords)
        if len(sys.argv) > 3:
            height, width, channels = (int(d) for d in sys.argv[3].split("x"))
            shape = [channels, height, width]
        else:
            shape = list(model.pretrained_cfg["input_size"])
        params, buffers, macs = figures(model, shape)
        print(f"timm {timm.__version__} {name}({keywords}) on {shape[1]}x{shape[2]}x{shape[0]}: "
              f"{params:,} parameters, {buffers:,} buffer values, {macs:,} MACs")
        return
    run_manifest(compare, sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
