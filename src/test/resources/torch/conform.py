"""Builds every generated PyTorch module in one process and compares it, row by row, with cnnc's JSON
report of the same description.

usage: python conform.py MANIFEST.json RESULTS.json

The manifest lists cases {"title", "module", "report"} and "limits": {title: Python source of an
expression of torch (F is torch.nn.functional)} whose answers decide what cnnc torch rejects (E0602).
RESULTS.json receives {"cases": {title: [problem, ...]}, "totals": {title: [parameters, buffer values]},
"limits": {title: "accepted" or torch's error}}. An empty problem list is a model that conforms.

How submodules are accounted for, exactly:
- every row of the report has one top-level submodule of its name; a row may have helpers named after
  it with a fixed suffix: ROW_pad (in front: zeros or -inf of Keras's uneven "same"; ROW_depthwise, a
  volume's separable convolution's first step), ROW_scale,
  ROW_crop and ROW_activation (behind: its activation, in an nn.Sequential); any other submodule is a
  problem;
- a row's parameters are the sum of numel() over its submodules' parameters() and must be the report's
  trainable count; its buffer values (the persistent buffers, less batch norm's num_batches_tracked,
  a step counter torch keeps) must be the report's non-trainable count;
- a row's output shape is the output of its last submodule, caught by a forward hook in a forward
  pass on a batch of one, channels first (the report's H x W x C is torch's C x H x W);
- a row's MACs are half the FLOPs torch.utils.flop_counter.FlopCounterMode counts in its submodules
  (it counts convolutions and matrix products, 2 per multiply-accumulate, bias excluded);
- the totals: sum(p.numel() for p in model.parameters()) is the report's trainable count, the buffer
  values its non-trainable count.
The forward pass runs on the meta device: torch works out every shape and FLOP with its real
operators, and allocates nothing (the zoo's 138 million parameters take no memory or time).
"""
import importlib.util
import json
import sys
import traceback

import torch
from torch.nn import functional as F  # noqa: F401 - for the limits' expressions
from torch.utils.flop_counter import FlopCounterMode

# ROW_depthwise: a volume's sepconv, two nn.Conv3d as Keras's two Conv3D (no SeparableConv3D there)
HELPERS = {"_pad": True, "_depthwise": True, "_scale": False, "_crop": False, "_activation": False}


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def buffer_values(module):
    return sum(b.numel() for name, b in module.named_buffers()
               if not name.endswith("num_batches_tracked") and name.rsplit(".", 1)[-1] in persistent(module, name))


def persistent(module, name):
    owner = module.get_submodule(name.rsplit(".", 1)[0]) if "." in name else module
    return set(owner._buffers) - owner._non_persistent_buffers_set


def owner_of(name, rows):
    if name in rows:
        return name, None
    for suffix in HELPERS:
        if name.endswith(suffix) and name[:-len(suffix)] in rows:
            return name[:-len(suffix)], suffix
    return None, None


def owned(name, rows):
    """The rows (and their helpers) whose submodule this one is part of, as a separable convolution's depthwise."""
    parts = name.split(".")
    prefixes = [".".join(parts[:i]) for i in range(1, len(parts))]
    return [p for p in prefixes if owner_of(p, rows)[0] is not None]


def torch_shape(report_shape):
    """The report's channels-last shape (L x C, H x W x C, D x H x W x C) channels first."""
    return list(report_shape) if len(report_shape) == 1 else [report_shape[-1]] + list(report_shape[:-1])


def check(case, index):
    problems = []
    report = case["report"]
    module = load(case["module"], f"m{index}")
    with torch.device("meta"):
        model = module.build_model().eval()
    rows = {row["name"]: row for row in report["layers"]}
    groups = {name: [] for name in rows}
    # a block's class holds its rows' submodules: their paths (stage1.down1.conv1) are the rows' names
    containers = {row.rsplit(".", 1)[0] for row in rows if "." in row}
    containers |= {path.rsplit(".", i)[0] for path in list(containers) for i in range(path.count(".") + 1)}
    for name, child in model.named_modules():
        if not name or name in containers or any(name.startswith(owner + ".") for owner in owned(name, rows)):
            continue
        owner, suffix = owner_of(name, rows)
        if owner is None:
            problems.append(f"submodule {name} ({type(child).__name__}) belongs to no row of the report")
            continue
        groups[owner].append((suffix, name, child))
    outputs = {}

    def hook(name):
        def record(_module, _inputs, output):
            outputs[name] = list(output.shape[1:])
        return record

    last = {}
    for row, members in groups.items():
        own = [m for m in members if m[0] is None]
        if len(own) != 1:
            problems.append(f"row {row}: {len(own)} submodules of its name, not 1")
            continue
        ordered = [m for m in members if m[0] and HELPERS[m[0]]] + own + [m for m in members if m[0] and not HELPERS[m[0]]]
        last[row] = ordered[-1][1]
        ordered[-1][2].register_forward_hook(hook(row))
        params = sum(p.numel() for _, _, child in ordered for p in child.parameters())
        buffers = sum(buffer_values(child) for _, _, child in ordered)
        if params != rows[row]["trainableParams"]:
            problems.append(f"row {row}: {params} parameters, the report says {rows[row]['trainableParams']} trainable")
        if buffers != rows[row]["nonTrainableParams"]:
            problems.append(f"row {row}: {buffers} buffer values, the report says {rows[row]['nonTrainableParams']} non-trainable")
    inputs = torch_shape(report["input"])
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        out = model(torch.zeros([1] + inputs, device="meta"))
    flops = {name.split(".", 1)[1]: sum(ops.values()) for name, ops in counter.get_flop_counts().items()
             if "." in name}
    for row, data in rows.items():
        if row not in last:
            continue
        if outputs.get(row) != torch_shape(data["outputShape"]):
            problems.append(f"row {row}: output {outputs.get(row)}, the report says {torch_shape(data['outputShape'])}")
        macs = sum(flops.get(name, 0) for _, name, _ in groups[row])
        if macs % 2 or macs // 2 != data["macs"]:
            problems.append(f"row {row}: FlopCounterMode counts {macs} FLOPs, the report {data['macs']} MACs")
    expected_out = torch_shape(report["layers"][-1]["outputShape"]) if report["layers"] else inputs
    if list(out.shape[1:]) != expected_out:
        problems.append(f"model output {list(out.shape[1:])}, the report says {expected_out}")
    params = sum(p.numel() for p in model.parameters())
    buffers = buffer_values(model)
    totals = report["totals"]
    if params != totals["trainableParams"] or buffers != totals["nonTrainableParams"]:
        problems.append(f"totals: {params} parameters and {buffers} buffer values, the report says "
                        f"{totals['trainableParams']} trainable and {totals['nonTrainableParams']} non-trainable")
    return problems, [params, buffers]


def limit(expression):
    try:
        eval(expression)
        return "accepted"
    except Exception as e:  # noqa: BLE001 - torch's answer, whatever it is
        return f"{type(e).__name__}: {e}"


def main():
    manifest = json.load(open(sys.argv[1]))
    results = {"cases": {}, "totals": {}, "limits": {}}
    for index, case in enumerate(manifest["cases"]):
        try:
            problems, totals = check(case, index)
            results["totals"][case["title"]] = totals
        except Exception:  # noqa: BLE001 - a model that fails is a problem of that model
            problems = ["torch failed:\n" + traceback.format_exc()]
        results["cases"][case["title"]] = problems
    for title, expression in manifest.get("limits", {}).items():
        results["limits"][title] = limit(expression)
    json.dump(results, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
