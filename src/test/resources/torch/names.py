"""Parses generated PyTorch modules with Python's own parser, running nothing.

usage: python names.py MODULE.py...

Prints one line of JSON: for each module, its top-level statements ("ClassDef:NAME", "FunctionDef:NAME",
or the statement's type).
"""
import ast
import json
import sys


def describe(path):
    tree = ast.parse(open(path, encoding="ascii").read())
    statements = [f"{type(s).__name__}:{s.name}" if isinstance(s, (ast.ClassDef, ast.FunctionDef)) else type(s).__name__
                  for s in tree.body]
    return {"statements": statements}


print(json.dumps([describe(path) for path in sys.argv[1:]]))
