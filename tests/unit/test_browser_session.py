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


def test_warm_up_covers_every_document_and_role_and_changes_no_result():
    bundle = real_bundle()
    inputs = [json.dumps({"schema": 1, **c["input"]}, ensure_ascii=False) for c in CASES[::7]]
    cold = _session()
    before = [(cold.evaluate(text), cold.evaluate(text, True)) for text in inputs]

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
    assert [(warm.evaluate(text), warm.evaluate(text, True)) for text in inputs] == before
