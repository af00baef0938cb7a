"""The engine's runtime modules import only at module level and only the standard library (or each other).

The browser starts the engine from a memory snapshot taken after `import checker.browser` (checker/build/
site/snapshot.py), and the engine's files are not unpacked again then: an import inside a function of
one of these modules would fail only in the browser, on a repeat visit. Third-party imports would fail
under Pyodide, which gets no extra wheels."""
from __future__ import annotations

import ast
import os
import sys

import pytest

from checker.build.site.assets import RUNTIME, runtime_modules


@pytest.mark.parametrize("name", runtime_modules())
def test_imports_are_at_module_level_and_from_the_standard_library(name):
    with open(os.path.join(RUNTIME, name), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            assert id(node) in top, f"{name}:{node.lineno}: import inside a function or block"
            if isinstance(node, ast.ImportFrom) and node.level:
                continue                                   # the engine's own modules
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            for module in modules:
                root = module.split(".")[0]
                assert root == "__future__" or root in sys.stdlib_module_names, f"{name}:{node.lineno}: {module}"
