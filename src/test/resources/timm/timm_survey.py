"""timm's CNN architectures through cnnc import's tracer (bench/timm-survey.sh runs it, in two processes).

usage: python timm_survey.py --list                      (timm's model modules, one a line)
       python timm_survey.py RESULTS.json [MODULE ...]     (every timm model module, or the ones named; the
                                                          modules RESULTS.json holds already are kept)
       python timm_survey.py RESULTS.json --retrace        (its CNN architectures' models measured and
                                                          traced again, after a change of cnnc's tracer)

An architecture is one of timm's model modules (timm.list_modules(): resnet, efficientnet, ...), represented
by its model with the fewest parameters (timm's test_ miniatures left out; counted on the meta device:
nothing is allocated, no weight is fetched; on the CPU for a model whose making needs values; ties broken by
name), built as its entrypoint builds it
(pretrained=False) at its default configuration's input size. That model is run once on a zero input (on the
meta device, shapes only, where it can) while the aten operations it calls are recorded; the module is a CNN
architecture unless the model
- computes attention, a product of two activations (aten bmm, baddbmm, or scaled dot product attention):
  transformers and hybrids with self-attention;
- holds a recurrent layer (an nn.LSTM, GRU or RNN): Sequencer;
- has at most two convolutions (a patch embedding; the rest Linear layers over tokens): MLP-Mixer, ResMLP.
RESULTS.json receives {"timm", "torch", "date", "modules": [{"module", "model", "spec" (what cnnc import is
given: timm.models.MODULE:MODEL, the entrypoint), "sizes" ([C, H, W]), "kind" ("cnn" or why not),
"convolutions", and for a CNN "output" (the output's shape less the batch axis, channels first), "graph"
(what cnnc's trace.py prints for the spec: its graph, or its error), "params", "buffers", "macs" as
import_models.py counts them}]}.
"""
import contextlib
import hashlib
import json
import sys
import time
from pathlib import Path

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import FlopCounterMode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent / "main" / "resources" / "cnnc" / "imports" / "torch"))
sys.path.insert(0, str(HERE.parent / "torch"))
import trace as cnnc_trace  # noqa: E402 - cnnc's own tracer, as cnnc runs it
from conform import buffer_values  # noqa: E402 - the torch suite's

cnnc_trace.torchvision_on_cpu()  # what the tracer does for a spec whose import fails on torchvision
import timm  # noqa: E402
from timm.models import model_entrypoint  # noqa: E402

# which trace.py traced an entry: --retrace traces again those another one traced
TRACER = hashlib.sha256(Path(cnnc_trace.__file__).read_bytes()).hexdigest()[:12]
ATTENTION = ("bmm", "baddbmm", "_scaled_dot_product_flash_attention_for_cpu", "_scaled_dot_product_attention_math",
             "_scaled_dot_product_efficient_attention", "_scaled_dot_product_flash_attention",
             "scaled_dot_product_attention")


class Operations(TorchDispatchMode):
    """The names of the aten operations a forward pass calls, and how many convolutions."""

    def __init__(self):
        super().__init__()
        self.names = set()
        self.convolutions = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        name = func.overloadpacket.__name__
        self.names.add(name)
        if name == "convolution":
            self.convolutions += 1
        return func(*args, **(kwargs or {}))


def smallest(module):
    """The module's model with the fewest parameters, counted on the meta device."""
    best = None
    for name in sorted(timm.list_models(module=module)):
        if name.startswith("test_"):
            continue  # timm's own tests' miniatures, not a published variant
        try:
            with torch.device("meta"):
                model = timm.create_model(name, pretrained=False)
        except Exception:  # noqa: BLE001 - made with values (RegNet's widths: torch.unique): on the CPU
            try:
                model = timm.create_model(name, pretrained=False)
            except Exception:  # noqa: BLE001 - a model that cannot be made is not a candidate
                continue
        count = sum(p.numel() for p in model.parameters())
        del model
        if best is None or count < best[0]:
            best = (count, name)
    return None if best is None else best[1]


def kind(model, operations):
    if any(name in operations.names for name in ATTENTION):
        return "attention"
    if any(isinstance(module, torch.nn.RNNBase) for module in model.modules()):
        return "recurrent"
    if operations.convolutions <= 2:
        return "mlp"
    return "cnn"


def survey(module):
    """The module's entry: its smallest model measured, or why there is none."""
    name = smallest(module)
    if name is None:
        return {"module": module, "kind": "none"}
    return measured(module, name)


def measured(module, name):
    try:
        return measure(module, name)
    except Exception as error:  # noqa: BLE001 - timm's own model failing on its default input
        return {"module": module, "model": name, "kind": "failed", "why": cnnc_trace.last_line(error)}


def run(name, device, count=True):
    """The model made on the device, run on a zero input of its default size: the model, its output, the aten
    operations it called and the FLOPs counted. On the meta device nothing is computed, only shapes: the
    operations, FlopCounterMode's counts (of shapes alone) and the output's shape are the same, in a fraction
    of the time."""
    torch.manual_seed(0)
    with torch.device(device):
        model = timm.create_model(name, pretrained=False).eval()
    operations = Operations()
    counter = FlopCounterMode(display=False) if count else contextlib.nullcontext()
    with torch.no_grad(), counter, operations:
        output = model(torch.zeros([1] + list(model.pretrained_cfg["input_size"]), device=device))
    return model, output, operations, counter


def measure(module, name):
    """One model: its kind, and for a CNN torch's figures and what cnnc's tracer makes of its entrypoint."""
    function = model_entrypoint(name)
    entry = {"module": module, "model": name, "spec": f"{function.__module__}:{function.__name__}"}
    try:
        model, output, operations, counter = run(name, "meta")
    except Exception:  # noqa: BLE001 - a model that needs values (.item(), nonzero) runs on the CPU
        try:
            model, output, operations, counter = run(name, "cpu")
        except Exception as error:  # noqa: BLE001
            # FlopCounterMode's module tracker fails on some models (CaiT: "Expected gradient function to be
            # set"): the operations alone still tell the kind
            model, output, operations, _ = run(name, "meta", count=False)
            if kind(model, operations) == "cnn":
                raise error
            counter = None
    sizes = list(model.pretrained_cfg["input_size"])
    entry["sizes"] = sizes
    entry["kind"] = kind(model, operations)
    entry["convolutions"] = operations.convolutions
    if entry["kind"] != "cnn":
        return entry
    flops = counter.get_total_flops()
    entry["output"] = list(output.shape)[1:]
    entry["params"] = sum(p.numel() for p in model.parameters())
    entry["buffers"] = buffer_values(model)
    entry["macs"] = flops // 2 if flops % 2 == 0 else None
    del model
    entry["tracer"] = TRACER
    try:
        entry["graph"], _ = cnnc_trace.graph(entry["spec"], sizes)
    except cnnc_trace.Failed as failed:
        entry["graph"] = {"error": failed.error}
    return entry


def retrace(path):
    """The CNN architectures of a survey that another trace.py traced, measured and traced again on the models
    the survey chose (after a change of cnnc's tracer): the choice and the kind, which the tracer does not
    change, are kept. A module whose model failed, or that had none, is surveyed again too."""
    results = json.loads(path.read_text())
    entries = list(enumerate(results["modules"]))
    # the CNN architectures first: surveying a module again may build large models on the CPU
    entries.sort(key=lambda item: item[1]["kind"] != "cnn")
    for index, entry in entries:
        if entry["kind"] == "cnn" and entry.get("tracer") != TRACER or entry["kind"] in ("failed", "none"):
            start = time.monotonic()
            results["modules"][index] = (measured(entry["module"], entry["model"]) if "model" in entry
                                         else survey(entry["module"]))
            results["date"] = time.strftime("%Y-%m-%d", time.gmtime())
            path.write_text(json.dumps(results))
            again = results["modules"][index]
            print(f"{again['module']}: {again.get('model', '-')} {again['kind']} again {time.monotonic() - start:.1f} s",
                  flush=True)


def main():
    """Each module's entry is written as soon as it is measured: a run stopped half-way goes on from there."""
    if sys.argv[1] == "--list":
        print("\n".join(sorted(timm.list_modules())))
        return
    path = Path(sys.argv[1])
    if sys.argv[2:] == ["--retrace"]:
        retrace(path)
        return
    modules = sys.argv[2:] or sorted(timm.list_modules())
    import importlib.metadata as metadata
    results = {"timm": metadata.version("timm"), "torch": torch.__version__,
               "date": time.strftime("%Y-%m-%d", time.gmtime()), "modules": []}
    if path.exists():
        results["modules"] = json.loads(path.read_text())["modules"]
    done = {entry["module"] for entry in results["modules"]}
    for module in modules:
        if module in done:
            continue
        start = time.monotonic()
        try:
            entry = survey(module)
        except Exception as error:  # noqa: BLE001 - timm's own model failing on its default input
            entry = {"module": module, "kind": "failed", "why": cnnc_trace.last_line(error)}
        results["modules"].append(entry)
        path.write_text(json.dumps(results))
        print(f"{module}: {entry.get('model', '-')} {entry['kind']} {time.monotonic() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
