"""What generated modules define, for the injection tests.

usage: python names.py MODULE.py ...
Prints one JSON list with, for each module: the kinds of its top-level statements (from the syntax
tree, before anything runs), the names it defines once run, and the name of the model it builds.
"""
import ast
import importlib.util
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402


def describe(path, index):
    with open(path, encoding="ascii") as f:
        tree = ast.parse(f.read(), path)
    statements = [type(node).__name__ + (":" + node.name if isinstance(node, ast.FunctionDef) else "")
                  for node in tree.body]
    spec = importlib.util.spec_from_file_location(f"generated{index}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    defines = sorted(n for n in vars(module) if not n.startswith("__"))
    with keras.StatelessScope(initialize_variables=False):
        model = module.build_model()
    return {"statements": statements, "defines": defines, "model": model.name}


print(json.dumps([describe(path, i) for i, path in enumerate(sys.argv[1:])]))
