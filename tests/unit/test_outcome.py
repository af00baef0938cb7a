"""checker/outcome.py against the whole engine: for every golden scenario's answers and each answer one
step away (what "what would change" tries), the outline's urgent actions, signals, level and help are
exactly those of `engine._evaluate_document`, and re-testing only the conditions that read the changed
answer gives the same truths as testing them all."""
from __future__ import annotations

import pytest

from checker.conditions import holds, is_true
from checker.engine import _boundary_values, _evaluate_document
from checker.model import OTHER, parse_answers
from checker.outcome import outline
from tests.scenario_plugin import real_bundle
from tests.unit.test_render_html import CASES


def _projection(result: dict) -> tuple:
    level = result["level"]
    return ([(u["id"], u["label"]) for u in result["urgent"] if not u.get("common")],
            [(s["id"], s["label"]) for s in result["signals"]],
            [(h["id"], h["label"]) for h in result["help"] if h["relevant"]],
            (level.get("id"), level.get("rank") or 0, level.get("label")))


def _changes(bundle, answers):
    doc_id = answers.jurisdiction
    for sign in sorted(bundle.signs_by_doc[doc_id] - answers.signs):
        yield ("sign", sign), answers.with_sign(sign)
    for sign in sorted(answers.signs):
        yield ("sign", sign), type(answers)(doc_id, answers.role, answers.signs - {sign}, answers.facts)
    for name in sorted(bundle.facts_by_doc[doc_id]):
        if bundle.facts[name]["type"] == "bool":
            yield ("fact", name), answers.with_fact(name, not answers.facts.get(name, False))
    for _, name, value in _boundary_values(bundle, doc_id, answers):
        yield ("fact", name), answers.with_fact(name, value)


@pytest.fixture(scope="module")
def bundle():
    return real_bundle()


WITH_DOCUMENT = [i for i, c in enumerate(CASES) if c["input"].get("jurisdiction") != OTHER]


@pytest.mark.parametrize("index", WITH_DOCUMENT, ids=[f"{CASES[i]['file']}#{CASES[i]['n']}" for i in WITH_DOCUMENT])
def test_outline_agrees_with_the_engine_one_step_away(bundle, index):
    answers = parse_answers({"schema": 1, **CASES[index]["input"]}, bundle)
    plan = outline(bundle, answers.jurisdiction)
    truths = plan.truths(answers)
    outcome = plan.outcome(truths)
    assert (outcome.urgent, outcome.signals, outcome.help, outcome.level) == _projection(_evaluate_document(bundle, answers))
    tried = 0
    for atom, changed in _changes(bundle, answers):
        again = plan.changed(truths, changed, atom)
        assert again == plan.truths(changed), atom
        other = plan.outcome(again)
        assert (other.urgent, other.signals, other.help, other.level) == _projection(_evaluate_document(bundle, changed)), atom
        tried += 1
    assert tried > 0


def test_is_true_is_the_truth_of_holds(bundle):
    """On every condition of every document, with the answers of every scenario of that document."""
    answers_by_doc: dict = {}
    for case in CASES:
        answers = parse_answers({"schema": 1, **case["input"]}, bundle)
        answers_by_doc.setdefault(answers.jurisdiction, []).append(answers)
    checked = 0
    for doc_id in bundle.documents:
        for entry in outline(bundle, doc_id).entries:
            for answers in answers_by_doc.get(doc_id, []):
                assert is_true(entry.cond, answers) == holds(entry.cond, answers)[0]
                checked += 1
    assert checked > 1000


def test_the_parts_the_readings_walk_skips_hold_no_reading(bundle):
    """engine._interpretations skips some keys of a result for speed: in no scenario's result do they hold
    an `interpretations` list or a level's `selection`."""
    from checker.engine import _NO_READINGS, evaluate

    def holds_reading(node) -> bool:
        if isinstance(node, dict):
            return "interpretations" in node or "selection" in node or any(map(holds_reading, node.values()))
        return isinstance(node, list) and any(map(holds_reading, node))

    def skipped(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _NO_READINGS:
                    yield key, value
                else:
                    yield from skipped(value)
        elif isinstance(node, list):
            for element in node:
                yield from skipped(element)

    seen = set()
    for case in CASES:
        result = evaluate(bundle, parse_answers({"schema": 1, **case["input"]}, bundle))
        body = {k: v for k, v in result.items() if k not in ("interpretations", "trace")}
        for key, value in skipped(body):
            seen.add(key)
            assert not holds_reading(value), (case["file"], key)
    assert {"source", "because", "deadline", "what_if"} <= seen
