"""Code-health checks over the criteria data itself (OpenFisca style): the counts the documents have,
citations everywhere, honest "not defined" records, and no pasted regulation text."""
from __future__ import annotations

import os
import re

import pytest

from checker.bundle import iter_items
from checker.catalog import catalog, coverage
from tests.conftest import ROOT

SEEDS = os.environ.get("SEEDS_DIR", os.path.join(os.path.dirname(ROOT), "shared", "seeds"))

# (doc, clause, part) -> number of list items the document has; the data must cite every one.
EXPECTED_LISTS = {
    ("taganrog-2017", "5.2", None): 14,
    ("taganrog-2017", "5.3", None): 10,
    ("kogalym-kcson", "5.1", None): 15,
    ("tula-srcn2-2022", "5.1", None): 12,
    ("tolyatti-kdn-2015", "прил. 1", None): 9,
    ("tolyatti-kdn-2015", "прил. 2", None): 16,
    ("tolyatti-kdn-2015", "прил. 6", None): 23,
    ("tolyatti-kdn-2015", "прил. 7", None): 15,
    ("tolyatti-kdn-2015", "прил. 7.1", None): 17,
    ("tolyatti-kdn-2015", "прил. 8", None): 14,
    ("tolyatti-kdn-2015", "прил. 14", None): 15,
    ("tolyatti-kdn-2015", "прил. 15", None): 7,
    ("tolyatti-kdn-2015", "прил. 17", None): 5,
}
LEVEL_INDICATORS = {
    "taganrog-2017": {"adaptive": 4, "basic": 9, "crisis": 5, "emergency": 7},
    "kogalym-kcson": {"adaptive": 4, "basic": 8, "crisis": 6, "emergency": 9},
}
TOLYATTI_FORMS = ["pril-2", "pril-3", "pril-4", "pril-6", "pril-8", "pril-9", "pril-9-1", "pril-10", "pril-11",
                  "pril-12"]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _coverage_row(bundle, doc, clause, part):
    for row in coverage(bundle):
        if (row["doc"], row["clause"], row["part"]) == (doc, clause, part):
            return row
    raise AssertionError(f"{doc} {clause} {part or ''} is not in the clause index")


@pytest.mark.parametrize("key, count", EXPECTED_LISTS.items(), ids=lambda v: " ".join(filter(None, map(str, v)))
                         if isinstance(v, tuple) else str(v))
def test_every_list_item_of_the_document_is_cited(bundle, key, count):
    row = _coverage_row(bundle, *key)
    assert row["declared_items"] == count
    assert row["items_cited"] == count, f"missing items {row['missing_items']}"


@pytest.mark.parametrize("doc", LEVEL_INDICATORS)
def test_level_indicator_counts(bundle, doc):
    levels = {lvl["id"]: len(lvl["indicators"]) for lvl in bundle.doc(doc)["levels"]["levels"]}
    assert levels == LEVEL_INDICATORS[doc]


def test_sop_is_an_emergency_indicator_in_taganrog_and_kogalym(bundle):
    for doc in LEVEL_INDICATORS:
        emergency = next(lvl for lvl in bundle.doc(doc)["levels"]["levels"] if lvl["id"] == "emergency")
        assert any("sop_registered" in str(ind.get("when")) for ind in emergency["indicators"]), doc


def test_documents_without_levels_say_so(bundle):
    for doc in ("tula-srcn2-2022", "azov-memo", "tolyatti-kdn-2015"):
        levels = bundle.doc(doc)["levels"]
        assert levels["defined"] is False and levels["note"] and levels["source"], doc


def test_azov_has_no_categories_of_its_own(bundle):
    categories = bundle.doc("azov-memo")["categories"]
    assert categories["defined"] is False and "1835" in categories["note"]


def test_level_parameters_stated_or_not_defined(bundle):
    expected = {("kogalym-kcson", "adaptive", "caseload"), ("taganrog-2017", "adaptive", "visits"),
                ("taganrog-2017", "basic", "visits"), ("taganrog-2017", "crisis", "visits"),
                ("taganrog-2017", "emergency", "visits")}
    missing = {(doc, lvl["id"], param) for doc in LEVEL_INDICATORS for lvl in bundle.doc(doc)["levels"]["levels"]
               for param in ("duration", "caseload", "visits") if lvl[param].get("defined") is False}
    assert missing == expected


def test_tolyatti_forms_exist(bundle):
    forms = {f["id"] for f in bundle.doc("tolyatti-kdn-2015")["forms"]["items"]}
    assert set(TOLYATTI_FORMS) <= forms


def test_every_tolyatti_report_row_is_a_signal_with_deadline(bundle):
    rows = set()
    for signal in bundle.doc("tolyatti-kdn-2015")["signals"]["items"]:
        for c in signal["source"]:
            if c["clause"] == "прил. 14" and c.get("item"):
                rows.add(c["item"])
                assert signal["deadline"]["text"] and signal["deadline"]["unit"]
    assert rows == set(range(1, 16))


def test_every_document_has_urgent_guidance(bundle):
    for doc_id, doc in bundle.documents.items():
        assert doc["urgent"]["items"], doc_id


def test_every_item_is_cited_and_labelled_in_russian(bundle):
    for row in catalog(bundle):
        assert row["source"], row["id"]
        assert row["label"] and CYRILLIC.search(row["label"]), row["id"]


def test_every_interpretation_names_its_clauses(bundle):
    records = list(bundle.data["interpretations"])
    for doc in bundle.documents.values():
        records += doc["interpretations"]["items"]
    assert records
    for record in records:
        assert record["clauses"] and record["question"] and record["reading"] and record["reason"], record["gid"]


def test_every_item_of_every_document_has_a_global_id(bundle):
    for doc_id, doc in bundle.documents.items():
        for entry in iter_items(doc):
            assert entry["gid"].startswith(doc_id + "/")


def _words(text: str) -> list[str]:
    return re.findall(r"[а-яёa-z0-9]+", text.lower().replace("ё", "е"))


def test_texts_are_our_own_words_not_pasted(bundle):
    """No label or text repeats 14 or more consecutive words of a seed: summarise and cite.
    Quoted official names («…») are exempt: names of bodies and forms are cited as they are."""
    window = 14
    grams = set()
    for name in os.listdir(SEEDS):
        if name.endswith(".txt"):
            words = _words(open(os.path.join(SEEDS, name), encoding="utf-8").read())
            grams.update(tuple(words[i:i + window]) for i in range(len(words) - window + 1))
    pasted = []
    for doc in bundle.documents.values():
        for entry in iter_items(doc):
            for key in ("label", "text", "note", "action", "definition"):
                words = _words(re.sub(r"«[^»]*»", "", entry.get(key) or ""))
                if any(tuple(words[i:i + window]) in grams for i in range(len(words) - window + 1)):
                    pasted.append(f"{entry['gid']}.{key}")
    assert pasted == []
