"""evaluate() in CPython over the golden scenarios' inputs: the engine's own cost, without a browser."""
from __future__ import annotations

import glob
import os
import time

import yaml

from checker.bundle import load_bundle
from checker.engine import evaluate
from checker.model import InputError, parse_answers

from .stats import summary

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCENARIOS = os.path.join(ROOT, "tests", "scenarios")


def scenario_inputs() -> list[dict]:
    inputs = []
    for path in sorted(glob.glob(os.path.join(SCENARIOS, "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        cases = data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]
        inputs.extend(case["input"] for case in cases if isinstance(case.get("input"), dict))
    return inputs


def valid_answers(bundle, inputs: list[dict], rename: dict | None = None) -> list:
    """Parsed answers of every input that parses (error scenarios are skipped); `rename` maps
    jurisdiction ids (to aim the same answers at a synthetic copy)."""
    out = []
    for data in inputs:
        if rename and data.get("jurisdiction") in rename:
            data = {**data, "jurisdiction": rename[data["jurisdiction"]]}
        data = {"schema": 1, **data}
        try:
            out.append(parse_answers(data, bundle))
        except (InputError, TypeError, AttributeError):
            continue
    return out


def time_evaluate(bundle, answers: list, what_if: bool, repeat: int = 1) -> dict:
    """Milliseconds per evaluate() call over every answer set, `repeat` passes."""
    times = []
    for _ in range(repeat):
        for one in answers:
            started = time.perf_counter()
            evaluate(bundle, one, what_if=what_if)
            times.append((time.perf_counter() - started) * 1000)
    return summary(times)


def measure(bundle_path: str, rename: dict | None = None, repeat: int = 3) -> dict:
    with open(bundle_path, encoding="utf-8") as handle:
        text = handle.read()
    started = time.perf_counter()
    bundle = load_bundle(text=text)
    load_ms = (time.perf_counter() - started) * 1000
    answers = valid_answers(bundle, scenario_inputs(), rename)
    return {"answers": len(answers), "bundle_bytes": len(text.encode("utf-8")), "load_ms": round(load_ms, 1),
            "core_ms": time_evaluate(bundle, answers, what_if=False, repeat=repeat),
            "what_if_ms": time_evaluate(bundle, answers, what_if=True, repeat=1)}


def measure_session(bundle_path: str, repeat: int = 2) -> dict:
    """The worker's own call (`checker.browser.Session.evaluate`: evaluate, render HTML, JSON) in CPython,
    without and with what would change the result."""
    import json

    from checker.browser import Session
    with open(bundle_path, encoding="utf-8") as handle:
        session = Session(handle.read())
    texts = [json.dumps({"schema": 1, **data}, ensure_ascii=False) for data in scenario_inputs()]
    out = {}
    for what_if in (False, True):
        times = []
        for _ in range(repeat):
            for text in texts:
                started = time.perf_counter()
                session.evaluate(text, what_if)
                times.append((time.perf_counter() - started) * 1000)
        out["what_if_ms" if what_if else "core_ms"] = summary(times)
    return out
