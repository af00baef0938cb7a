"""Shared fixtures: the compiled real bundle and a compiled mini bundle made from tests/fixtures/mini."""
from __future__ import annotations

import os

import pytest

from checker.bundle import load_bundle

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
MINI = os.path.join(FIXTURES, "mini")

pytest_plugins = ["tests.scenario_plugin"]


@pytest.fixture(scope="session")
def mini_bundle(tmp_path_factory):
    from checker.build.compile import build_bundle, write_bundle
    out = tmp_path_factory.mktemp("mini") / "bundle.json"
    write_bundle(build_bundle(MINI), str(out))
    return load_bundle(str(out))


@pytest.fixture(scope="session")
def bundle():
    """The real bundle, compiled from criteria/ once per session."""
    from checker.build.compile import build_bundle
    import json
    return load_bundle(text=json.dumps(build_bundle(os.path.join(ROOT, "criteria")), ensure_ascii=False))
