"""The run-time engine imports nothing outside the standard library (so it runs in Pyodide as is)."""
from __future__ import annotations

import ast
import os
import sys

from tests.conftest import ROOT

CHECKER = os.path.join(ROOT, "checker")


def _runtime_modules():
    for name in sorted(os.listdir(CHECKER)):
        if name.endswith(".py"):
            yield os.path.join(CHECKER, name)


def test_runtime_imports_only_stdlib_and_itself():
    offenders = []
    for path in _runtime_modules():
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:            # relative import inside checker/
                    if (node.module or "").startswith("build"):
                        offenders.append((path, "checker.build"))
                    continue
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "checker" or name.startswith("checker.build"):
                    offenders.append((os.path.basename(path), name))
    assert offenders == []


def test_runtime_does_not_touch_the_network_or_storage():
    forbidden = {"socket", "urllib", "http", "ssl", "sqlite3", "shelve", "requests"}
    for path in _runtime_modules():
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not {n.split(".")[0] for n in names} & forbidden, path
