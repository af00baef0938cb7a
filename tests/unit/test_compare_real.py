"""`compare` on the real bundle: each row is exactly what evaluating that document alone gives, and the
real differences between the documents show up side by side."""
from __future__ import annotations

import pytest

from checker.compare import compare
from checker.engine import evaluate
from checker.model import parse_answers

DOCS = ["azov-memo", "kogalym-kcson", "taganrog-2017", "tolyatti-kdn-2015", "tula-srcn2-2022"]

ANSWER_SETS = {
    # a 16-year-old mother with a newborn, seen by a paediatrician
    "minor-mother": {"role": "pediatrician", "signs": [], "facts": {"mother_age": 16, "children_ages": [0]}},
    # a teacher sees bruises on a 7-year-old
    "cruelty-teacher": {"role": "teacher", "signs": ["cruelty-physical"], "facts": {"children_ages": [7]}},
    # a family: a parent drinks, a member is mobilised, three children (Azov does not use the sign)
    "family-mobilized": {"role": "family", "signs": ["parent-substance-abuse"],
                         "facts": {"mobilized_parent": True, "children_ages": [2, 5, 9]}},
}


def _answers(bundle, answers: dict):
    return parse_answers({"schema": 1, "jurisdiction": "other", **answers}, bundle, strict_jurisdiction=False)


def _alone(bundle, doc_id: str, answers: dict) -> dict:
    """Evaluate one document the way its own form would: only the signs it asks, strict validation."""
    signs = [s for s in answers["signs"] if s in bundle.signs_by_doc[doc_id]]
    raw = {"schema": 1, "jurisdiction": doc_id, "role": answers["role"], "signs": signs, "facts": answers["facts"]}
    return evaluate(bundle, parse_answers(raw, bundle), what_if=False)


def _ids(items) -> list[str]:
    return [item["id"] for item in items]


@pytest.fixture(scope="module")
def tables(bundle):
    return {name: compare(bundle, _answers(bundle, answers)) for name, answers in ANSWER_SETS.items()}


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_rows_equal_each_document_alone(bundle, tables, name):
    answers = ANSWER_SETS[name]
    table = tables[name]
    assert table["role"] == answers["role"]
    rows = {row["jurisdiction"]["id"]: row for row in table["documents"]}
    assert [row["jurisdiction"]["id"] for row in table["documents"]] == DOCS
    for doc_id, row in rows.items():
        alone = _alone(bundle, doc_id, answers)
        assert _ids(row["urgent"]) == _ids(alone["urgent"]), doc_id
        assert _ids(row["signals"]) == _ids(alone["signals"]), doc_id
        assert _ids(row["categories"]) == _ids(alone["categories"]), doc_id
        assert _ids(row["registers"]) == _ids(alone["registers"]), doc_id
        for key in ("id", "defined_by_document", "duration_months", "caseload_max"):
            assert row["level"][key] == alone["level"].get(key), (doc_id, key)
        assert row["signs_not_used"] == sorted(set(answers["signs"]) - bundle.signs_by_doc[doc_id]), doc_id


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_levels_defined_only_in_taganrog_and_kogalym(tables, name):
    defined = {row["jurisdiction"]["id"] for row in tables[name]["documents"] if row["level"]["defined_by_document"]}
    assert defined == {"taganrog-2017", "kogalym-kcson"}
    for row in tables[name]["documents"]:
        if not row["level"]["defined_by_document"]:
            assert row["level"]["id"] is None


def test_minor_mother_category_in_taganrog_and_tula_not_in_kogalym(tables):
    rows = {row["jurisdiction"]["id"]: row for row in tables["minor-mother"]["documents"]}
    assert "taganrog-2017/cat-minor-parents" in _ids(rows["taganrog-2017"]["categories"])
    assert "tula-srcn2-2022/cat-minor-spouses" in _ids(rows["tula-srcn2-2022"]["categories"])
    assert rows["kogalym-kcson"]["categories"] == []
    # Azov has no list of its own, Tolyatti has none either: nothing is borrowed from other documents
    assert rows["azov-memo"]["categories"] == []
    assert rows["tolyatti-kdn-2015"]["categories"] == []
    # no danger was reported: nobody gives urgent advice
    assert all(row["urgent"] == [] for row in rows.values())


def test_cruelty_gives_urgent_advice_in_every_document(tables):
    rows = {row["jurisdiction"]["id"]: row for row in tables["cruelty-teacher"]["documents"]}
    assert _ids(rows["azov-memo"]["urgent"]) == ["azov-memo/child-in-danger"]
    assert _ids(rows["tula-srcn2-2022"]["urgent"]) == ["tula-srcn2-2022/child-in-danger"]
    assert "taganrog-2017/urgent-cruelty" in _ids(rows["taganrog-2017"]["urgent"])
    assert "kogalym-kcson/urgent-hostility" in _ids(rows["kogalym-kcson"]["urgent"])
    assert {"tolyatti-kdn-2015/urgent-visit-cruelty-signs", "tolyatti-kdn-2015/urgent-p14-cruelty"} <= set(
        _ids(rows["tolyatti-kdn-2015"]["urgent"]))
    # Azov: a prevention body's message starts support (l. 13), so the route shows; Tula obliges nobody
    assert rows["azov-memo"]["signals"] != []
    assert rows["taganrog-2017"]["signals"] != []


def test_family_mobilized_only_tula_knows_mobilised_families(tables):
    rows = {row["jurisdiction"]["id"]: row for row in tables["family-mobilized"]["documents"]}
    assert "tula-srcn2-2022/cat-mobilized" in _ids(rows["tula-srcn2-2022"]["categories"])
    assert "tula-srcn2-2022/signal-parent-application" in _ids(rows["tula-srcn2-2022"]["signals"])
    others = [c for doc_id, row in rows.items() if doc_id != "tula-srcn2-2022" for c in _ids(row["categories"])]
    assert not any("mobiliz" in c for c in others)
    assert rows["azov-memo"]["signs_not_used"] == ["parent-substance-abuse"]
    assert rows["azov-memo"]["categories"] == []
    assert rows["tula-srcn2-2022"]["signs_not_used"] == []
