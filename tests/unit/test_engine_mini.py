"""The engine on the tiny fixture bundle: each part of the result, with reasons and clauses."""
from __future__ import annotations

import pytest

from checker.engine import evaluate
from checker.model import InputError, parse_answers


def run(bundle, signs=(), facts=None, role="teacher", what_if=True):
    answers = parse_answers({"schema": 1, "jurisdiction": "mini-doc", "role": role,
                             "signs": list(signs), "facts": facts or {}}, bundle)
    return evaluate(bundle, answers, what_if=what_if)


def test_no_answers_give_no_conclusions(mini_bundle):
    result = run(mini_bundle)
    assert result["urgent"] == [] and result["signals"] == [] and result["categories"] == []
    assert result["level"]["id"] is None and result["level"]["defined_by_document"] is True
    assert [h["id"] for h in result["help"]] == ["mini-doc/help-legal"]   # general help only


def test_urgent_comes_with_call_report_and_reason(mini_bundle):
    result = run(mini_bundle, ["cruelty"])
    urgent = result["urgent"][0]
    assert urgent["id"] == "mini-doc/urgent-cruelty"
    assert urgent["call"] == ["112", "Полиция"]
    assert urgent["report"]["deadline"]["amount"] == 24
    assert urgent["report"]["form"] == {"id": "mini-doc/message", "label": "Информационное сообщение"}
    assert urgent["because"] == [{"sign": "cruelty"}]
    assert urgent["source"] == [{"doc": "mini-doc", "clause": "2"}]
    assert "common/call-now" in [i["id"] for i in result["interpretations"]]
    assert list(result)[:5] == ["schema", "bundle_version", "jurisdiction", "role", "disclaimer"]
    assert list(result).index("urgent") < list(result).index("signals") < list(result).index("categories")


def test_urgent_with_age_condition(mini_bundle):
    assert run(mini_bundle, ["left-alone"], {"children_ages": [12]})["urgent"] == []
    fired = run(mini_bundle, ["left-alone"], {"children_ages": [12, 4]})["urgent"][0]
    assert fired["because"] == [{"sign": "left-alone"}, {"fact": "children_ages", "value": [12, 4]}]


def test_signal_is_filtered_by_role(mini_bundle):
    assert [s["id"] for s in run(mini_bundle, ["conflicts"])["signals"]] == ["mini-doc/signal-teacher"]
    assert run(mini_bundle, ["conflicts"], role="family")["signals"] == []
    signal = run(mini_bundle, ["conflicts"])["signals"][0]
    assert signal["via"] == "подписывает руководитель" and signal["deadline"]["amount"] == 3


def test_categories_with_derived_children_count(mini_bundle):
    result = run(mini_bundle, facts={"children_ages": [1, 4, 7], "income_ratio": 1.2})
    assert [c["id"] for c in result["categories"]] == ["mini-doc/large-family", "mini-doc/poor"]
    assert result["categories"][0]["because"] == [{"fact": "children_count", "value": 3}]
    assert "mini-doc/income-reading" in [i["id"] for i in result["interpretations"]]


def test_highest_level_wins_and_others_are_shown(mini_bundle):
    level = run(mini_bundle, ["conflicts", "cruelty"])["level"]
    assert level["id"] == "emergency" and level["duration_months"] == 3 and level["caseload_max"] == 6
    assert level["others"] == ["basic"]
    assert [m["id"] for m in level["matched"]] == ["emergency", "basic"]
    assert level["selection"] == "mini-doc/highest-wins"


def test_level_parameter_not_defined_is_said(mini_bundle):
    level = run(mini_bundle, ["conflicts"])["level"]
    assert level["id"] == "basic" and level["visits"]["defined"] is False


def test_registers_and_help(mini_bundle):
    result = run(mini_bundle, ["conflicts"])
    assert result["registers"][0]["matched"][0]["id"] == "mini-doc/risk-conflicts"
    assert [h["id"] for h in result["help"]] == ["mini-doc/help-psych", "mini-doc/help-legal"]
    assert result["help"][0]["relevant"] is True


def test_what_if_names_the_nearest_change(mini_bundle):
    what_if = run(mini_bundle, ["conflicts"])["what_if"]
    first = what_if[0]
    assert first["add"] == {"sign": "cruelty"}
    assert {e["kind"] for e in first["effects"]} == {"urgent", "level"}


def test_trace_lists_every_fired_rule(mini_bundle):
    trace = run(mini_bundle, ["conflicts"], {"single_parent": True})["trace"]
    ids = {t["id"] for t in trace}
    assert {"mini-doc/signal-teacher", "mini-doc/single-parent", "mini-doc/ind-conflicts",
            "mini-doc/risk-conflicts"} <= ids


def test_other_territory_is_honest(mini_bundle):
    answers = parse_answers({"schema": 1, "jurisdiction": "other", "role": "family", "signs": ["cruelty"]},
                            mini_bundle)
    result = evaluate(mini_bundle, answers)
    # no document: never another territory's bodies as whom to call (the mini base has no crisis items)
    assert all(u.get("common") for u in result["urgent"]) and not any("document" in u for u in result["urgent"])
    assert result["level"]["defined_by_document"] is False and result["categories"] == []


@pytest.mark.parametrize("data, where", [
    ({"schema": 2, "jurisdiction": "mini-doc", "role": "teacher"}, "schema"),
    ({"schema": 1, "jurisdiction": "moscow", "role": "teacher"}, "jurisdiction"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "doctor"}, "role"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "signs": ["crulety"]}, "signs.1"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "facts": {"age": 3}}, "facts.age"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "facts": {"single_parent": "да"}},
     "facts.single_parent"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "facts": {"children_ages": [3, 40]}},
     "facts.children_ages"),
    ({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "name": "Иван"}, "name"),
    ([1, 2], "$"),
])
def test_invalid_input_gives_one_located_error(mini_bundle, data, where):
    with pytest.raises(InputError) as error:
        parse_answers(data, mini_bundle)
    assert error.value.where == where


def test_unknown_sign_suggests_nearest(mini_bundle):
    with pytest.raises(InputError) as error:
        parse_answers({"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "signs": ["crulety"]},
                      mini_bundle)
    assert error.value.nearest[0] == "cruelty"


def test_highest_register_is_suggested_first(mini_bundle):
    registers = run(mini_bundle, ["conflicts", "cruelty"])["registers"]
    assert [(r["id"], r["suggested"]) for r in registers] == [("mini-doc/sop-list", True),
                                                               ("mini-doc/risk-list", False)]
