"""Property tests (hypothesis) over the real bundle and the mini fixture."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine import evaluate
from checker.model import OTHER, Answers, InputError, parse_answers

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="session", params=["mini", "real"])
def any_bundle(request, mini_bundle):
    return mini_bundle if request.param == "mini" else request.getfixturevalue("bundle")


def _fact_value(spec):
    low, high = spec.get("min", 0), spec.get("max", 100)
    if spec["type"] == "bool":
        return st.booleans()
    if spec["type"] == "int":
        return st.integers(int(low), int(high))
    if spec["type"] == "number":
        return st.floats(low, high, allow_nan=False)
    return st.lists(st.integers(int(low), int(high)), max_size=6)


@st.composite
def answers_for(draw, bundle):
    jurisdiction = draw(st.sampled_from(sorted(bundle.documents) + [OTHER]))
    pool = sorted(bundle.signs) if jurisdiction == OTHER else sorted(bundle.signs_by_doc[jurisdiction])
    signs = draw(st.lists(st.sampled_from(pool), unique=True, max_size=8)) if pool else []
    names = draw(st.lists(st.sampled_from(sorted(bundle.facts)), unique=True, max_size=6))
    facts = {name: draw(_fact_value(bundle.facts[name])) for name in names}
    role = draw(st.sampled_from(sorted(bundle.roles)))
    return {"schema": 1, "jurisdiction": jurisdiction, "role": role, "signs": signs, "facts": facts}


def assert_valid_output(result: dict):
    assert result["schema"] == 1
    for key in ("urgent", "signals", "categories", "needs", "registers", "next_steps", "help", "what_if",
                "interpretations", "not_defined", "trace"):
        assert isinstance(result[key], list), key
    level = result["level"]
    assert isinstance(level["defined_by_document"], bool) and (level["id"] is None or isinstance(level["id"], str))
    for part in ("urgent", "signals", "categories", "needs", "next_steps", "help"):
        for entry in result[part]:
            assert entry["id"] and entry["label"] and entry["source"], (part, entry)
    for register in result["registers"]:
        assert register["source"] and all(c["source"] for c in register["matched"])
    if level["id"] is not None:
        assert level["source"] and all(i["source"] for m in level["matched"] for i in m["indicators"])
        assert level["selection"], "several levels may match: the selection rule must be named"
    for record in result["interpretations"]:
        assert record["clauses"] and record["reading"]
    for signal in result["signals"]:
        assert signal["recipient"] and signal["deadline"]["text"]


@given(data=st.data())
@SETTINGS
def test_schema_valid_input_gives_valid_cited_output(any_bundle, data):
    raw = data.draw(answers_for(any_bundle))
    result = evaluate(any_bundle, parse_answers(raw, any_bundle))
    assert_valid_output(result)


@given(data=st.data())
@SETTINGS
def test_evaluation_is_deterministic(any_bundle, data):
    answers = parse_answers(data.draw(answers_for(any_bundle)), any_bundle)
    assert evaluate(any_bundle, answers) == evaluate(any_bundle, answers)


@given(data=st.data())
@SETTINGS
def test_adding_a_sign_never_lowers_level_nor_removes_urgent(any_bundle, data):
    answers = parse_answers(data.draw(answers_for(any_bundle)), any_bundle)
    pool = sorted(any_bundle.signs if answers.jurisdiction == OTHER else any_bundle.signs_by_doc[answers.jurisdiction])
    extra = data.draw(st.sampled_from(pool))
    before = evaluate(any_bundle, answers, what_if=False)
    after = evaluate(any_bundle, answers.with_sign(extra), what_if=False)
    assert (after["level"].get("rank") or 0) >= (before["level"].get("rank") or 0)
    assert {u["id"] for u in before["urgent"]} <= {u["id"] for u in after["urgent"]}
    assert {s["id"] for s in before["signals"]} <= {s["id"] for s in after["signals"]}


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                       max_leaves=12)


@given(data=st.data())
@SETTINGS
def test_any_json_is_answers_or_input_error(any_bundle, data):
    raw = data.draw(st.one_of(JSONISH, answers_for(any_bundle).flatmap(
        lambda good: st.fixed_dictionaries({k: st.just(v) for k, v in good.items()}) | st.builds(
            lambda key, value: {**good, key: value},
            st.sampled_from(["schema", "jurisdiction", "role", "signs", "facts", "name"]), JSONISH))))
    try:
        answers = parse_answers(raw, any_bundle)
    except InputError as error:
        assert error.where and error.message
        return
    assert isinstance(answers, Answers)
    assert_valid_output(evaluate(any_bundle, answers))
