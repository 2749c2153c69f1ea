"""cnnc import's tracer: a PyTorch module's graph as JSON, for cnnc to write as a description.

usage: python trace.py SPEC C [D] [H] [W] < HELPERS.json   (shipped inside cnnc; cnnc runs it with the Python it finds)

SPEC is path/to/file.py:NAME or package.module:NAME; NAME is a class or a function, called without
arguments, that gives an nn.Module. The module is traced with torch.fx's symbolic_trace (torch.nn's own
modules kept whole, so each is one node with its module path), its shapes found by ShapeProp on a batch
of one zero input of C x H x W (or C, C x L, C x D x H x W), and the graph printed on standard output as one JSON object:
{"model": NAME, "nodes": [...], "output": NODE} or, when something stops it, {"error": {"code", "message",
"hint", "file", "line"}}. Each node: name, op (placeholder, call_module, call_function, call_method,
output), target, module (its path) and class, args and kwargs (a node as {"node": NAME}), options (a
module's own settings), shape (the output's shape less the batch axis, channels first; null when it is
not a tensor), held (a get_attr's tensor: its whole shape, whether it is a parameter), file and line (where
forward() makes it, when torch.fx recorded it). HELPERS.json, on standard input, is {"helpers": {class name:
source}}: the helper classes cnnc torch writes, which the tracer keeps whole (one node each, its settings in
options, "helper": true) where a module's class is one of them, source and all.
"""
import importlib
import importlib.util
import inspect
import json
import math
import operator
import os
import struct
import sys
import traceback


class Failed(Exception):
    """What stops the import of one module, as cnnc reports it."""

    def __init__(self, error):
        super().__init__(error["message"])
        self.error = error


def fail(code, message, hint="", file="", line=0):
    raise Failed({"code": code, "message": message, "hint": hint, "file": file, "line": line})


def last_line(error):
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    return text.splitlines()[-1] if text else type(error).__name__


def user_frame(error, skip=()):
    """The innermost frame of the traceback outside torch and this script: (file, line)."""
    place = ("", 0)
    for frame in traceback.extract_tb(error.__traceback__):
        name = frame.filename.replace("\\", "/")
        if "/torch/" in name or os.path.abspath(frame.filename) == os.path.abspath(__file__) or name.startswith("<"):
            continue
        place = (frame.filename, frame.lineno or 0)
    return place


try:
    import torch
    import torch.fx
    from torch import nn
    from torch.fx.passes.shape_prop import ShapeProp
except Exception as missing:  # noqa: BLE001 - any failure to import torch is reported as such
    print(json.dumps({"error": {"code": "E0830", "file": "", "line": 0, "message": f"this Python cannot import torch ({last_line(missing)}): {sys.executable}", "hint":
        "install torch in that Python (pip install torch), or name another with --python or CNNC_PYTHON"}}))
    sys.exit(0)


def torchvision_on_cpu():
    """torchvision whose C++ operators do not load (a CUDA build beside CPU torch) fails to import where it
    registers fake kernels for nms and qnms; defining those two lets its Python code import. Tried only
    after a plain import fails, so a working torchvision is never touched. True when it defined them."""
    if importlib.util.find_spec("torchvision") is None or hasattr(torchvision_on_cpu, "library"):
        return False
    try:
        import torchvision  # noqa: F401
        return False
    except Exception:  # noqa: BLE001
        forget("torchvision")
    library = torch.library.Library("torchvision", "DEF")
    library.define("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
    library.define("qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
    torchvision_on_cpu.library = library  # kept alive: the definitions last as long as the object
    return True


def forget(package):
    """Drops a package's modules that a failed import left behind, so that the next import runs them again."""
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]


def load(spec):
    where, _, name = spec.rpartition(":")
    try:
        if where.endswith(".py") or os.sep in where or "/" in where:
            if not os.path.isfile(where):
                fail("E0831", f"there is no file {where}", "give path/to/file.py:NAME or package.module:NAME")
            sys.path.insert(0, os.path.dirname(os.path.abspath(where)))
            module_spec = importlib.util.spec_from_file_location("cnnc_imported", where)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules["cnnc_imported"] = module
            module_spec.loader.exec_module(module)
        else:
            sys.path.insert(0, os.getcwd())
            if where.split(".")[0] == "torchvision":
                torchvision_on_cpu()
            try:
                module = importlib.import_module(where)
            except Exception:  # noqa: BLE001
                # a package that imports torchvision (timm does) fails the same way: once more with the two defined
                if not torchvision_on_cpu():
                    raise
                forget(where.split(".")[0])
                module = importlib.import_module(where)
    except Failed:
        raise
    except Exception as error:  # noqa: BLE001 - the user's code: any failure is reported with its place
        file, line = user_frame(error)
        fail("E0831", f"{where} does not import: {last_line(error)}",
             "check the path or the module name, and that the Python cnnc runs has the packages it imports",
             file, line)
    if not hasattr(module, name):
        fail("E0831", f"{where} has no {name}", "give a class or a function of " + where + " after the ':'")
    return getattr(module, name)


def build(made, spec):
    try:
        model = made()
    except Exception as error:  # noqa: BLE001
        file, line = user_frame(error)
        fail("E0832", f"{spec}() fails: {last_line(error)}",
             "give a class or function that makes the module without arguments (write a function that calls it "
             "with the arguments you mean)", file, line)
    if not isinstance(model, nn.Module):
        fail("E0832", f"{spec}() gives a {type(model).__name__}, not a torch.nn.Module",
             "give a class or function that makes the module")
    return model.eval()


class Tracer(torch.fx.Tracer):
    def __init__(self, helpers=None):
        super().__init__()
        self.record_stack_traces = True
        self.helpers = helpers or {}
        self.traced_as = {}  # module path: the torch.nn class a module of another class is traced as

    def is_leaf_module(self, module, path):
        if cnnc_helper(module, self.helpers):
            return True
        # timm's Linear is torch's: its forward() is F.linear on its own tensors (cast to the input's type when
        # scripted)
        if type(module).__name__ == "Linear" and type(module).__module__ == "timm.layers.linear":
            self.traced_as[path] = "Linear"
            return True
        return super().is_leaf_module(module, path)

    def call_module(self, module, forward, args, kwargs):
        # timm's BatchNormAct2d is a BatchNorm2d whose forward() is torch's, with F.batch_norm on its own tensors,
        # then its drop and act modules: one batch norm node, then those two, as a BatchNorm2d and its activation
        if type(module).__name__ == "BatchNormAct2d" and type(module).__module__.startswith("timm.") and isinstance(
                module, nn.BatchNorm2d):
            path = self.path_of_module(module)
            self.traced_as[path] = "BatchNorm2d"
            x = self.create_proxy("call_module", path, args, kwargs)
            x = super().call_module(module.drop, module.drop.forward, (x,), {})
            return super().call_module(module.act, module.act.forward, (x,), {})
        return super().call_module(module, forward, args, kwargs)


def cnnc_helper(module, helpers):
    """Whether the module's class is one of cnnc torch's own helpers (ReshapeHWC, SeparableConv2d, ...), kept whole as
    one node: its name is one cnnc gives (helpers: the name and the Python source cnnc torch writes for it) and its
    source is that text, so a class of the user's that merely shares the name is traced into as any other."""
    kind = type(module)
    source = helpers.get(kind.__name__)
    if source is None:
        return False
    if kind not in SOURCES:
        try:
            SOURCES[kind] = inspect.getsource(kind)
        except (OSError, TypeError):
            SOURCES[kind] = ""
    return SOURCES[kind].strip() == source.strip()


SOURCES = {}  # each class's source, read once


def place(node):
    """Where forward() makes the node: the last frame of its stack trace outside torch."""
    trace = node.meta.get("stack_trace") or ""
    file, line = "", 0
    lines = trace.splitlines()
    for text in lines:
        text = text.strip()
        if text.startswith('File "'):
            name = text[len('File "'):text.index('"', len('File "'))]
            if "/torch/" in name.replace("\\", "/"):
                continue
            number = text.split(", line ")[1].split(",")[0] if ", line " in text else "0"
            file, line = name, int(number)
    return file, line


def plain(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (tuple, list, torch.Size)):
        return [plain(v) for v in value]
    if isinstance(value, torch.fx.Node):
        return {"node": value.name}
    if isinstance(value, slice):
        return {"slice": [plain(value.start), plain(value.stop), plain(value.step)]}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, torch.dtype):
        return str(value)
    if isinstance(value, torch.Tensor):
        return {"tensor": list(value.shape)}
    return {"object": type(value).__name__}


def options(module):
    """A module's own settings: its attributes that are numbers, words or tuples of them; whether it has a bias
    and the like; and what it holds beyond the settings of its class (a parameter a plain layer lacks)."""
    found = {}
    for key, value in vars(module).items():
        if key.startswith("_") or key == "training":
            continue
        if value is None or isinstance(value, (bool, int, float, str, tuple, list)):
            found[key] = plain(value)
    found["has_bias"] = getattr(module, "bias", None) is not None
    found["has_weight"] = getattr(module, "weight", None) is not None
    found["parameters"] = [name for name, _ in module.named_parameters(recurse=False)]
    found["buffers"] = [name for name, _ in module.named_buffers(recurse=False)]
    found["trainable"] = all(p.requires_grad for p in module.parameters())
    found["children"] = len(list(module.children()))
    return found


def helper_options(module):
    """A cnnc helper's settings: its own, each submodule's (SeparableConv2d's depthwise and pointwise), and its
    constant buffers' values (ConstantNormalization's mean and variance) as the shortest decimals that are them."""
    found = options(module)
    found["helper"] = True
    found["parts"] = {name: options(child) for name, child in module.named_children()}
    found["values"] = {name: [float32_text(v) for v in buffer.flatten().tolist()]
                       for name, buffer in module.named_buffers(recurse=False) if buffer.is_floating_point()}
    return found


def float32_text(value):
    """The shortest decimal that is this float32 (123.675, not 123.67500305175781)."""
    for digits in range(1, 10):
        text = f"{value:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == value:
            return text
    return repr(value)


def function_name(target):
    if isinstance(target, str):
        return target
    module = getattr(target, "__module__", None) or ""
    name = getattr(target, "__name__", repr(target))
    if module in ("_operator", "operator"):
        return "operator." + name
    if module.startswith("torch._C") or module == "torch":
        return "torch." + name
    return module + "." + name


def main():
    # cnnc writes its helper classes' sources on standard input: {"helpers": {name: source}}
    given = sys.stdin.read().strip()
    helpers = json.loads(given).get("helpers", {}) if given else {}
    try:
        print(json.dumps(graph(sys.argv[1], [int(size) for size in sys.argv[2:]], helpers)[0]))
    except Failed as failed:
        print(json.dumps({"error": failed.error}))


def graph(spec, sizes, helpers=None):
    """The module's graph as cnnc reads it, and the module (in eval mode); raises Failed. helpers: the names and
    sources of cnnc torch's helper classes, kept whole (see cnnc_helper)."""
    made = load(spec)
    model = build(made, spec)
    root = model
    tracer = Tracer(helpers)
    try:
        traced = torch.fx.GraphModule(model, tracer.trace(model))
    except Exception as error:  # noqa: BLE001 - torch.fx's refusals (control flow on values, ...)
        file, line = user_frame(error)
        fail("E0833", f"torch.fx cannot trace {spec}: {last_line(error)}",
             "torch.fx traces forward() without values: control flow on a tensor's values (if x.sum() > 0) or a "
             "call torch.fx cannot follow stops it; write forward() without them", file, line)
    shape = [1] + sizes
    try:
        with torch.no_grad():
            ShapeProp(traced).propagate(torch.zeros(shape))
    except Exception as error:  # noqa: BLE001
        file, line = user_frame(error)
        at = ""
        for node in traced.graph.nodes:
            if "tensor_meta" not in node.meta and node.op not in ("placeholder", "output"):
                at = node
                break
        what = ""
        if at != "":
            file, line = place(at) if place(at)[0] else (file, line)
            what = f" at {module_path(at)} ({operation(at, root)})"
        fail("E0833", f"{spec} fails on an input of {'x'.join(map(str, shape[1:]))} (channels first){what}: "
             f"{last_line(error)}", "give the input size the module takes with --input HxWxC", file, line)
    nodes = []
    for node in traced.graph.nodes:
        meta = node.meta.get("tensor_meta")
        entry = {"name": node.name, "op": node.op, "target": function_name(node.target), "module": module_path(node),
                 "class": "", "args": plain(list(node.args)), "kwargs": plain(dict(node.kwargs)), "options": {}}
        if node.op == "call_module":
            sub = root.get_submodule(node.target)
            entry["class"] = tracer.traced_as.get(node.target, type(sub).__name__)
            entry["class_module"] = "torch.nn" if node.target in tracer.traced_as else type(sub).__module__
            entry["options"] = helper_options(sub) if cnnc_helper(sub, tracer.helpers) else options(sub)
        if meta is not None and hasattr(meta, "shape"):
            entry["shape"] = list(meta.shape)[1:]
        elif isinstance(meta, (tuple, list)) and all(hasattr(m, "shape") for m in meta):
            entry["shapes"] = [list(m.shape)[1:] for m in meta]
        else:
            entry["shape"] = None
        if node.op == "get_attr":
            entry["held"] = held(root, node.target)
        entry["file"], entry["line"] = place(node)
        nodes.append(entry)
    # a module whose tensors forward() reads itself (get_attr: ConvNeXt's LayerNorm2d) is used too
    called = {n.target for n in traced.graph.nodes if n.op == "call_module"}
    called |= {n.target.rsplit(".", 1)[0] for n in traced.graph.nodes if n.op == "get_attr" and "." in n.target}
    idle = []
    for name, sub in root.named_modules():
        if name and any(True for _ in sub.parameters(recurse=False)) and not any(
                name == c or name.startswith(c + ".") for c in called):
            idle.append({"module": name, "class": type(sub).__name__,
                         "parameters": sum(p.numel() for p in sub.parameters(recurse=False))})
    return {"model": type(root).__name__, "nodes": nodes, "idle": idle}, model


def held(root, target):
    """A tensor of the module's own that forward() reads (a get_attr node): its whole shape (ShapeProp's
    less a batch axis it does not have), and whether it is a trained parameter (ConvNeXt's layer_scale)."""
    owner, _, name = target.rpartition(".")
    value = getattr(root.get_submodule(owner) if owner else root, name, None)
    if not isinstance(value, torch.Tensor):
        return None
    return {"shape": list(value.shape), "parameter": isinstance(value, nn.Parameter),
            "requires_grad": bool(value.requires_grad)}


def module_path(node):
    if node.op == "call_module":
        return node.target
    stack = node.meta.get("nn_module_stack") or {}
    if stack:
        path = list(stack.values())[-1]
        return path[0] if isinstance(path, tuple) else str(path)
    return ""


def operation(node, root):
    if node.op == "call_module":
        return type(root.get_submodule(node.target)).__name__
    return function_name(node.target)


if __name__ == "__main__":
    main()
