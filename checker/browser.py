"""The checker page's entry point: the Web Worker passes JSON text in and gets JSON text back.

Strings cross the JavaScript boundary, nothing else, so this module is tested in CPython exactly as
the worker uses it. There is no network, storage or `js` import here: answers stay in memory.

>>> import json
>>> from checker.bundle import DEFAULT_PATH
>>> session = Session(open(DEFAULT_PATH, encoding="utf-8").read())
>>> out = json.loads(session.evaluate('{"schema": 1, "jurisdiction": "azov-memo", "role": "family"}'))
>>> out["ok"], out["summary"]["level"], bool(out["headline"])
(True, None, True)
>>> json.loads(session.evaluate('{"schema": 1, "jurisdiction": "nowhere", "role": "family"}'))["error"]["where"]
'jurisdiction'
>>> rows = json.loads(session.batch('[{"schema": 1, "jurisdiction": "azov-memo", "role": "family"}, {"schema": 2}]'))
>>> rows[0]["result"]["jurisdiction"]["id"], rows[1]["error"]["where"]
('azov-memo', 'schema')
"""
from __future__ import annotations

import json
import time

from .bundle import load_bundle
from .compare import compare
from .engine import evaluate, with_changes
from .model import InputError, parse_answers
from .present import present
from .render_html import headline, render_compare, render_error, render_view

SUMMARY_PARTS = ("urgent", "signals", "categories", "needs", "registers", "next_steps", "interpretations")


def conclusion_ids(result: dict) -> dict:
    """The ids of every conclusion (the payload's `summary`, not the role view's): what browser tests
    compare with the golden scenarios."""
    out = {part: [entry["id"] for entry in result[part]] for part in SUMMARY_PARTS}
    out["help"] = [h["id"] for h in result["help"] if h.get("relevant")]
    out["level"] = result["level"].get("id")
    out["level_others"] = result["level"].get("others", [])
    out["what_if"] = [w["add"] for w in result.get("what_if", [])]
    return out


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


class Session:
    """One loaded bundle; `evaluate` is called once per answer change."""

    def __init__(self, bundle_text: str | None = None, base: str = "../", path: str | None = None):
        # The worker writes the fetched bytes to Pyodide's file system and passes `path`: reading them
        # there is quicker than taking over a 1 MB JavaScript string.
        self.bundle = load_bundle(path=path) if path else load_bundle(text=bundle_text)
        self.base = base
        self._last = None

    def _parse(self, answers_json: str, strict: bool = True):
        try:
            return parse_answers(json.loads(answers_json), self.bundle, strict_jurisdiction=strict), None
        except InputError as error:
            return None, error
        except ValueError as error:
            return None, InputError("$", f"ответы не в формате JSON: {error}")

    def _failed(self, error: InputError) -> str:
        return _dumps({"ok": False, **error.as_dict(), "html": render_error(error),
                       "headline": "Ответы не удалось проверить."})

    def evaluate(self, answers_json: str, what_if: bool = False) -> str:
        """Result without `what_if` (fast, shown at once) — or, with `what_if=True`, the same answers
        again with the nearest changes added (the worker sends this second, when the page is idle)."""
        answers, error = self._parse(answers_json)
        if error:
            return self._failed(error)
        started = time.perf_counter()
        if what_if and self._last and self._last[0] == answers:
            result = self._last[1]
        else:
            result = evaluate(self.bundle, answers, what_if=False)
        if what_if:
            result = {**result, **with_changes(self.bundle, answers, result)}
        # the rules' own time (the verdict, or the nearest changes), apart from the texts and HTML after it
        rules_ms = round((time.perf_counter() - started) * 1000, 2)
        self._last = (answers, result)
        view = present(self.bundle, result)
        html = render_view(self.bundle, view, result, base=self.base)
        return _dumps({"ok": True, "html": html, "headline": headline(view),
                       "urgent": bool(result["urgent"]), "summary": conclusion_ids(result),
                       "rules_ms": rules_ms})

    def warm_up(self, step: int) -> bool:
        """Step `step` of filling the caches of texts and links (checker/present.py, checker/render_html.py)
        before anyone answers: one document and role with every sign of the document ticked, so that nearly
        every text passes through once. The answers given so far are not touched. True while steps remain:
        the worker runs one step whenever it is idle, the build runs them all before the memory snapshot."""
        plan = self._warm_plan()
        if step >= len(plan):
            return False
        answers, error = self._parse(plan[step])
        if not error:
            result = evaluate(self.bundle, answers, what_if=False)
            result = {**result, **with_changes(self.bundle, answers, result)}
            render_view(self.bundle, present(self.bundle, result), result, base=self.base)
        return step + 1 < len(plan)

    def _warm_plan(self) -> list:
        if not hasattr(self, "_plan"):
            self._plan = [_dumps({"schema": 1, "jurisdiction": doc, "role": role,
                                  "signs": sorted(self.bundle.signs_by_doc[doc])})
                          for doc in self.bundle.documents for role in self.bundle.roles]
        return self._plan

    def compare(self, answers_json: str) -> str:
        """The same answers under every document, side by side (the «compare territories» view)."""
        answers, error = self._parse(answers_json, strict=False)
        if error:
            return self._failed(error)
        return _dumps({"ok": True, "html": render_compare(self.bundle, compare(self.bundle, answers), base=self.base)})

    def batch(self, cases_json: str) -> str:
        """Full results (nearest changes included) for many answers at once: the browser parity test
        compares them with CPython's. Each row is {"result": …, "view": …} or {"error": …}."""
        rows = []
        for case in json.loads(cases_json):
            answers, error = self._parse(_dumps(case))
            if error:
                rows.append(error.as_dict())
                continue
            result = evaluate(self.bundle, answers)
            rows.append({"result": result, "view": present(self.bundle, result)})
        return _dumps(rows)
