"""Golden scenarios: tests/scenarios/**/*.yaml, each `{name, input, output}` (or a list under `scenarios:`).

`output` is a subset of the engine's result, compared like this:
- `urgent`, `signals`, `categories`, `needs`, `registers`, `help`, `next_steps`, `interpretations`:
  a list of ids that must all be present; `[]` means the part must be empty; `<part>_absent:` lists
  ids that must not be there.
- `level`: the listed keys must be equal (`id`, `duration_months`, `caseload_max`, `others`, …).
- `what_if`: a list of `add:` mappings that must appear among the suggestions.
- `not_defined`: sections the result must report as not defined by the document.
- `fired`: global ids of rules (level indicators, list criteria, categories, …) that must be in the trace;
  `fired_absent:` those that must not be.
- `error`: the input must be rejected with an error located at this key (e.g. `signs.1`).
- `summary`: the role's summary (checker/present.py) — each listed key must be equal, or for a list
  contain every listed value; `title_contains:` a text the summary's title must contain.
- `crisis`: ids of the crisis cards the role sees first (in this order); `crisis_absent:` ids it must not see.
- `sections_absent`: section ids the role's view must not have (a family never sees `registers`…);
  `view_absent_words`: texts that must appear nowhere in the role's view; `summary_absent_words`: nowhere in
  its crisis block and summary (what the person reads first).
On failure the message shows the trace of fired rules with their clauses.
"""
from __future__ import annotations

import json
import os
import re

import pytest
import yaml

from checker.bundle import load_bundle
from checker.cite import cite_all
from checker.engine import evaluate
from checker.present import present
from checker.model import InputError, parse_answers

HERE = os.path.dirname(os.path.abspath(__file__))
LIST_PARTS = ("urgent", "signals", "categories", "needs", "registers", "help", "next_steps", "interpretations")
_cache: dict = {}


def real_bundle():
    if "bundle" not in _cache:
        from checker.build.compile import build_bundle
        data = build_bundle(os.path.join(os.path.dirname(HERE), "criteria"))
        _cache["bundle"] = load_bundle(text=json.dumps(data, ensure_ascii=False))
    return _cache["bundle"]


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and "scenarios" in file_path.parts and str(file_path).startswith(HERE):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self):
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        cases = data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]
        for case in cases:
            yield ScenarioItem.from_parent(self, name=case["name"], case=case)


class ScenarioFailure(Exception):
    pass


class ScenarioItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case
        self.result = None

    def runtest(self):
        bundle = real_bundle()
        raw = {"schema": 1, **self.case["input"]}
        expected = self.case["output"]
        if "error" in expected:
            with pytest.raises(InputError) as error:
                parse_answers(raw, bundle)
            if error.value.where != expected["error"]:
                raise ScenarioFailure(f"error at {error.value.where!r}, expected at {expected['error']!r}")
            return
        self.result = result = evaluate(bundle, parse_answers(raw, bundle))
        problems = check(result, expected) + check_view(present(bundle, result), expected)
        if problems:
            raise ScenarioFailure("\n".join(problems) + "\n\n" + render_trace(bundle, result))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScenarioFailure):
            return f"scenario {self.name!r} ({self.path.name}):\n{excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"


def _ids(part, result) -> list[str]:
    if part == "help":
        return [h["id"] for h in result["help"] if h.get("relevant")]
    return [entry["id"] for entry in result[part]]


def check(result: dict, expected: dict) -> list[str]:
    problems = []
    for key, want in expected.items():
        if key in LIST_PARTS:
            have = _ids(key, result)
            if want == [] and have:
                problems.append(f"{key}: expected none, got {have}")
            for wanted in want:
                if wanted not in have:
                    problems.append(f"{key}: missing {wanted} (have {have})")
        elif key.endswith("_absent") and key[:-7] in LIST_PARTS:
            have = _ids(key[:-7], result)
            problems += [f"{key[:-7]}: {i} should be absent" for i in want if i in have]
        elif key == "level":
            for field, value in want.items():
                if result["level"].get(field) != value:
                    problems.append(f"level.{field}: expected {value!r}, got {result['level'].get(field)!r}")
        elif key == "what_if":
            adds = [w["add"] for w in result["what_if"]]
            problems += [f"what_if: missing {w} (have {adds})" for w in want if w not in adds]
        elif key == "fired":
            have = {step["id"] for step in result["trace"]}
            problems += [f"fired: {gid} did not fire" for gid in want if gid not in have]
        elif key == "fired_absent":
            have = {step["id"] for step in result["trace"]}
            problems += [f"fired: {gid} should not fire" for gid in want if gid in have]
        elif key == "not_defined":
            have = [n["section"] for n in result["not_defined"]]
            problems += [f"not_defined: missing {s} (have {have})" for s in want if s not in have]
        elif key not in VIEW_KEYS:
            problems.append(f"unknown expectation key {key!r}")
    return problems


def render_trace(bundle, result: dict) -> str:
    lines = ["fired rules:"]
    for step in result["trace"]:
        lines.append(f"  {step['kind']:<28} {step['id']}  ← {step['because']}  [{cite_all(bundle, step['source'])}]")
    level = result["level"]
    lines.append(f"level: {level.get('id')} (matched: {[m['id'] for m in level.get('matched', [])]})")
    return "\n".join(lines)


VIEW_KEYS = ("summary", "crisis", "crisis_absent", "sections_absent", "view_absent_words", "summary_absent_words")


def _texts(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "source", "clauses"):
                yield from _texts(value)
    elif isinstance(node, list):
        for element in node:
            yield from _texts(element)


def _has(words: str, text: str) -> bool:
    """`words` at the start of a word («Азов», not the end of «образов»)."""
    return re.search(r"(?<!\w)" + re.escape(words.lower()), text) is not None


def check_view(view: dict, expected: dict) -> list[str]:
    problems = []
    summary = view["summary"]
    for key, want in (expected.get("summary") or {}).items():
        if key == "title_contains":
            if want not in summary["title"]:
                problems.append(f"summary.title: {want!r} not in {summary['title']!r}")
        elif isinstance(want, list) and isinstance(summary.get(key), list):
            problems += [f"summary.{key}: missing {w!r} (have {summary[key]!r})" for w in want if w not in summary[key]]
        elif summary.get(key) != want:
            problems.append(f"summary.{key}: expected {want!r}, got {summary.get(key)!r}")
    if "crisis" in expected:
        have = [c["id"] for c in view["crisis"]]
        if have[:len(expected["crisis"])] != expected["crisis"]:
            problems.append(f"crisis: expected first {expected['crisis']}, got {have}")
    for gid in expected.get("crisis_absent", []):
        if gid in [c["id"] for c in view["crisis"]]:
            problems.append(f"crisis: {gid} should be absent")
    for section in expected.get("sections_absent", []):
        if section in [s["id"] for s in view["sections"]]:
            problems.append(f"sections: {section} should be absent")
    text = " ".join(_texts(view)).lower()
    problems += [f"view: the words {w!r} should not appear" for w in expected.get("view_absent_words", [])
                 if _has(w, text)]
    first = " ".join(_texts([view["crisis"], view["summary"]])).lower()
    problems += [f"crisis/summary: the words {w!r} should not appear" for w in expected.get("summary_absent_words", [])
                 if _has(w, first)]
    return problems
