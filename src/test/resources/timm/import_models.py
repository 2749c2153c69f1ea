"""cnnc import's tracer on many modules in one process, with torch's own figures for each.

usage: python import_models.py MANIFEST.json RESULTS.json [--then]

The manifest lists cases {"title", "spec" (what cnnc import is given: file.py:NAME or package.module:NAME),
"sizes" ([C, H, W], channels first)}. RESULTS.json receives {title: {"graph" (what cnnc's trace.py prints
for the spec: its graph, or its error), "params", "buffers", "macs"}}, the figures as timm_models.py counts
them: parameters() summed, persistent buffer values less num_batches_tracked, and half the FLOPs of
FlopCounterMode on a batch of one (null where the module could not be made or run).

With --then, the process keeps the modules of the cases marked "check": true, prints "cnnc: traced" once
RESULTS.json is written, and reads a line from standard input: the paths of a second manifest and of its results,
separated by a tab, which cnnc writes once it has imported what was traced; imported_outputs.py then runs the
module cnnc generated for each case with the kept module's weights copied in (an empty line ends the process).
"""
import json
import sys
from pathlib import Path

import torch
from torch.utils.flop_counter import FlopCounterMode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent / "main" / "resources" / "cnnc" / "imports" / "torch"))
sys.path.insert(0, str(HERE.parent / "torch"))
import trace as cnnc_trace  # noqa: E402 - cnnc's own tracer, as cnnc runs it
import imported_outputs  # noqa: E402 - next to this script
from conform import buffer_values  # noqa: E402 - the torch suite's


def main():
    manifest = json.loads(Path(sys.argv[1]).read_text())
    results = {}
    kept = {}
    for case in manifest["cases"]:
        torch.manual_seed(0)
        result = {}
        try:
            graph, model = cnnc_trace.graph(case["spec"], case["sizes"], manifest.get("helpers"))
            result["graph"] = graph
            with torch.no_grad(), FlopCounterMode(display=False) as counter:
                model(torch.zeros([1] + case["sizes"]))
            flops = counter.get_total_flops()
            result["params"] = sum(p.numel() for p in model.parameters())
            result["buffers"] = buffer_values(model)
            result["macs"] = flops // 2 if flops % 2 == 0 else None
            if case.get("check"):
                kept[case["title"]] = model
        except cnnc_trace.Failed as failed:
            result["graph"] = {"error": failed.error}
        results[case["title"]] = result
    Path(sys.argv[2]).write_text(json.dumps(results))
    if "--then" in sys.argv[3:]:
        print("cnnc: traced", flush=True)
        line = sys.stdin.readline().strip()
        if line:
            then, then_results = line.split("\t")
            imported_outputs.check(then, then_results, lambda case: kept.pop(case["title"]))


if __name__ == "__main__":
    main()
