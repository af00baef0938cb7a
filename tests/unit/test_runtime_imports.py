"""The engine's runtime modules import only the standard library and each other, and each other only at
module level.

The browser starts the engine from a memory snapshot taken after `import checker.browser` (checker/build/
site/snapshot.py), and the engine's files are not unpacked again then: an import of an engine module
inside a function would fail only in the browser, on a repeat visit. The standard library's zip is
installed on every start, snapshot or not, so a standard module may be imported where it is needed
(`difflib`, only for a wrong id, stays off the first visit's start-up path); the build's trace of the
modules to serve (stdlib_trim.py) reads such imports too. Third-party imports would fail under Pyodide,
which gets no extra wheels."""
from __future__ import annotations

import ast
import os
import sys

import pytest

from checker.build.site.assets import RUNTIME, runtime_modules


@pytest.mark.parametrize("name", runtime_modules())
def test_engine_modules_at_module_level_and_the_rest_from_the_standard_library(name):
    with open(os.path.join(RUNTIME, name), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert id(node) in top, f"{name}:{node.lineno}: the engine's own module imported inside a function"
                continue
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            for module in modules:
                root = module.split(".")[0]
                assert root == "__future__" or root in sys.stdlib_module_names, f"{name}:{node.lineno}: {module}"
