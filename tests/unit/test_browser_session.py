"""checker/browser.py as the worker uses it: warming the caches up changes no answer and no state."""
from __future__ import annotations

import json

from checker.browser import Session
from tests.scenario_plugin import real_bundle
from tests.unit.test_render_html import CASES


def _session() -> Session:
    import checker.bundle
    with open(checker.bundle.DEFAULT_PATH, encoding="utf-8") as handle:
        return Session(handle.read())


def _without_timing(text: str) -> dict:
    data = json.loads(text)
    data.pop("rules_ms", None)
    return data


def test_warm_up_covers_every_document_and_role_and_changes_no_result():
    bundle = real_bundle()
    inputs = [json.dumps({"schema": 1, **c["input"]}, ensure_ascii=False) for c in CASES[::7]]
    cold = _session()
    before = [(_without_timing(cold.evaluate(text)), _without_timing(cold.evaluate(text, True))) for text in inputs]

    warm = _session()
    warm.evaluate(inputs[0])
    last = warm._last
    steps = 0
    while warm.warm_up(steps):
        steps += 1
    assert steps + 1 == len(bundle.documents) * len(bundle.roles)
    assert warm.warm_up(steps + 1) is False
    assert warm._last is last                      # the answers being shown are not touched
    plans = [json.loads(text) for text in warm._warm_plan()]
    assert all(json.loads(warm.evaluate(text))["ok"] for text in warm._warm_plan())
    assert {(p["jurisdiction"], p["role"]) for p in plans} == {(d, r) for d in bundle.documents for r in bundle.roles}
    assert [(_without_timing(warm.evaluate(text)), _without_timing(warm.evaluate(text, True)))
            for text in inputs] == before


def test_each_result_says_how_long_the_rules_took_apart_from_its_html():
    """`rules_ms` is the core verdict's own time (the benchmark's budget): a small non-negative number on
    every result, the verdict and the nearest changes alike; an error has none."""
    session = _session()
    text = json.dumps({"schema": 1, **CASES[0]["input"]}, ensure_ascii=False)
    for what_if in (False, True):
        data = json.loads(session.evaluate(text, what_if))
        assert data["ok"] and isinstance(data["rules_ms"], float) and 0 <= data["rules_ms"] < 10_000
    failed = json.loads(session.evaluate("{"))
    assert failed["ok"] is False and "rules_ms" not in failed
