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
On failure the message shows the trace of fired rules with their clauses.
"""
from __future__ import annotations

import json
import os

import pytest
import yaml

from checker.bundle import load_bundle
from checker.cite import cite_all
from checker.engine import evaluate
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
        problems = check(result, expected)
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
        else:
            problems.append(f"unknown expectation key {key!r}")
    return problems


def render_trace(bundle, result: dict) -> str:
    lines = ["fired rules:"]
    for step in result["trace"]:
        lines.append(f"  {step['kind']:<28} {step['id']}  ← {step['because']}  [{cite_all(bundle, step['source'])}]")
    level = result["level"]
    lines.append(f"level: {level.get('id')} (matched: {[m['id'] for m in level.get('matched', [])]})")
    return "\n".join(lines)
