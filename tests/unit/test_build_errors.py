"""Each tiny invalid fixture must fail with its own located message (file, line, key, expectation)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

import pytest

from checker.build.compile import build_bundle
from checker.build.errors import BuildFailed
from tests.conftest import FIXTURES, MINI, ROOT

INVALID = sorted(glob.glob(os.path.join(FIXTURES, "invalid", "*.yaml")))


def _header(path: str) -> dict:
    """The `# key: value` lines on top; read as bytes, since some fixtures are deliberately not UTF-8."""
    meta = {}
    with open(path, "rb") as handle:
        for raw in handle:
            line = raw.decode("utf-8", "replace")
            if not line.startswith("# "):
                break
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
    return meta


def _apply(fixture: str, tmp_path) -> str:
    root = tmp_path / "criteria"
    shutil.copytree(MINI, root)
    target = root / _header(fixture)["target"]
    shutil.copyfile(fixture, target)
    return str(root)


def test_there_is_a_fixture_per_error_kind():
    assert len(INVALID) >= 42


def test_the_mini_tree_itself_is_valid():
    bundle = build_bundle(MINI)
    assert set(bundle["documents"]) == {"mini-doc"}


@pytest.mark.parametrize("fixture", INVALID, ids=os.path.basename)
def test_invalid_fixture_gives_located_message(fixture, tmp_path):
    meta = _header(fixture)
    with pytest.raises(BuildFailed) as failed:
        build_bundle(_apply(fixture, tmp_path))
    target = meta["target"]
    matches = [e for e in failed.value.errors
               if e.path.replace(os.sep, "/").endswith(target) and meta["expect"] in e.expected]
    shown = "\n".join(str(e) for e in failed.value.errors)
    assert matches, f"no error for {target} expecting {meta['expect']!r}; got:\n{shown}"
    error = matches[0]
    assert error.line == int(meta["line"]), shown
    assert error.key == meta.get("key", ""), shown
    assert str(error).startswith(error.path if os.path.isabs(error.path) else target.split("/")[0]) or target in str(error)


def test_cli_reports_errors_without_traceback(tmp_path):
    root = _apply(os.path.join(FIXTURES, "invalid", "08-unknown-clause.yaml"), tmp_path)
    proc = subprocess.run([sys.executable, "-m", "checker.build", "--check", "--criteria", root],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "bodies.yaml:8 [kdn.source.clause]: expected a clause listed in mini-doc's clause index" in proc.stderr
