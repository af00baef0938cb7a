"""checker/build/site/node_pyodide.py: the build's Node steps get their arguments, and a failure says what
failed in its last line (the build log shows that line)."""
from __future__ import annotations

import shutil

import pytest

from checker.build.site import node_pyodide


class Failed(Exception):
    pass


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


@needs_node
def test_a_step_gets_the_package_folder_and_its_arguments():
    out = node_pyodide.run('console.log([packageDir.endsWith("pyodide"), ...args, typeof loadPyodide].join(" "))',
                           ["a", "b c"], Failed)
    assert out == "true a b c function"


@needs_node
def test_a_failed_step_raises_with_its_error_last(tmp_path):
    with pytest.raises(Failed) as failed:
        node_pyodide.run('readFileSync(args[0]);', [str(tmp_path / "missing.json")], Failed)
    assert str(failed.value).splitlines()[-1].startswith("Error: ENOENT")
    with pytest.raises(Failed, match="expected.out"):
        node_pyodide.run("", [], Failed, done=str(tmp_path / "expected.out"))


def test_without_node_the_step_says_so(monkeypatch):
    monkeypatch.setattr(node_pyodide.shutil, "which", lambda name: None)
    with pytest.raises(Failed, match="node is not installed"):
        node_pyodide.run("", [], Failed)
