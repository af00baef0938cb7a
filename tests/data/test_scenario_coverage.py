"""Every rule the engine can fire is exercised by a golden scenario, and every interpretation the engine
can put into a result is asserted by one (OpenFisca's "every parameter has a test" habit)."""
from __future__ import annotations

import glob
import os

import pytest
import yaml

from checker.engine import evaluate
from checker.model import parse_answers
from tests.conftest import ROOT

SCENARIOS = os.path.join(ROOT, "tests", "scenarios")
# Sections whose items carry `when:` and can appear in a result.
FIRING = ("urgent", "signals", "categories", "needs")
# Sections the engine walks; interpretations attached anywhere else (bodies, glossary, forms, grounds,
# detection) are shown on the site, never in a checker result.
ENGINE_SECTIONS = ("urgent", "signals", "categories", "needs", "lists", "procedures", "help")


def _cases() -> list[dict]:
    cases = []
    for path in sorted(glob.glob(os.path.join(SCENARIOS, "**", "*.yaml"), recursive=True)):
        data = yaml.safe_load(open(path, encoding="utf-8"))
        cases += data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]
    return cases


@pytest.fixture(scope="module")
def fired(bundle) -> set[str]:
    """Global ids of every item that fired in at least one golden scenario."""
    out = set()
    for case in _cases():
        if "error" in case["output"]:
            continue
        result = evaluate(bundle, parse_answers({"schema": 1, **case["input"]}, bundle), what_if=False)
        out.update(step["id"] for step in result["trace"])
    return out


def _collect_interpretations(node, into: set):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "interpretations" and isinstance(value, list):
                into.update(value)
            elif key == "selection" and isinstance(value, str):
                into.add(value)
            else:
                _collect_interpretations(value, into)
    elif isinstance(node, list):
        for element in node:
            _collect_interpretations(element, into)


def _firing_items(bundle):
    for doc_id, doc in bundle.documents.items():
        for section in FIRING:
            for entry in doc.get(section, {}).get("items", []):
                if "when" in entry:
                    yield entry["gid"]
        for level in doc.get("levels", {}).get("levels", []):
            for indicator in level.get("indicators", []):
                if "when" in indicator:
                    yield indicator["gid"]
        for register in doc.get("lists", {}).get("items", []):
            for criterion in register.get("items", []):
                if "when" in criterion:
                    yield criterion["gid"]


def test_every_rule_fires_in_some_scenario(bundle, fired):
    never = sorted(gid for gid in _firing_items(bundle) if gid not in fired)
    assert never == [], f"{len(never)} rules no golden scenario fires"


def test_every_reachable_interpretation_is_asserted_by_a_scenario(bundle):
    reachable: set[str] = set()
    for doc in bundle.documents.values():
        for section in ENGINE_SECTIONS:
            _collect_interpretations(doc.get(section, {}).get("items", []), reachable)
        _collect_interpretations(doc.get("levels", {}), reachable)
    asserted = {i for case in _cases() for i in case["output"].get("interpretations", [])}
    missing = sorted(reachable - asserted)
    assert missing == [], f"{len(missing)} interpretations that a result can show are asserted by no scenario"
