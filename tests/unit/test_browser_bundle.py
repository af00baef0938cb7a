"""The bundle the worker loads leaves out the `_html` renderings made for the knowledge base: the checker
must answer exactly the same without them (it renders its results from the Markdown itself)."""
from __future__ import annotations

import json

from checker.browser import Session
from checker.build.site.assets import without_html
from tests.unit.test_render_html import CASES


def test_without_html_drops_only_the_renderings():
    data = {"text": "a", "text_html": "<p>a</p>", "items": [{"note": "b", "note_html": "<p>b</p>"}], "n": 1}
    assert without_html(data) == {"text": "a", "items": [{"note": "b"}], "n": 1}
    assert data["text_html"] == "<p>a</p>"                     # the knowledge base's copy is untouched


def test_the_checker_answers_the_same_without_the_renderings():
    import checker.bundle
    with open(checker.bundle.DEFAULT_PATH, encoding="utf-8") as handle:
        full_text = handle.read()
    full, lean = Session(full_text), Session(json.dumps(without_html(json.loads(full_text)), ensure_ascii=False))
    for case in CASES[::3]:
        text = json.dumps({"schema": 1, **case["input"]}, ensure_ascii=False)
        for what_if in (False, True):
            a, b = json.loads(full.evaluate(text, what_if)), json.loads(lean.evaluate(text, what_if))
            a.pop("rules_ms", None), b.pop("rules_ms", None)
            assert a == b, case.get("name")
        assert full.compare(text) == lean.compare(text)
