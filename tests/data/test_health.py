"""Code-health checks over the criteria data itself (OpenFisca style): the counts the documents have,
citations everywhere, honest "not defined" records, and no pasted regulation text."""
from __future__ import annotations

import copy
import importlib.util
import json
import os
import re

import pytest

from checker.bundle import iter_items
from checker.catalog import catalog, coverage
from tests.conftest import ROOT

FINGERPRINT = os.path.join(ROOT, "tests", "data", "seed_fingerprint.json")


def _fingerprint_module():
    """scripts/seed_fingerprint.py: the same word split and hashing for the seeds and for our texts."""
    spec = importlib.util.spec_from_file_location("seed_fingerprint", os.path.join(ROOT, "scripts", "seed_fingerprint.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEED_FP = _fingerprint_module()

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


PASTED_KEYS = ("label", "text", "note", "action", "definition")


def pasted_fields(documents: dict, window: int, digests: set) -> list[str]:
    """Fields of items that repeat `window` or more consecutive words of a seed.
    Quoted official names («…») are exempt: names of bodies and forms are cited as they are."""
    pasted = []
    for doc in documents.values():
        for entry in iter_items(doc):
            for key in PASTED_KEYS:
                text = re.sub(r"«[^»]*»", "", entry.get(key) or "")
                if SEED_FP.shingle_digests(text, window) & digests:
                    pasted.append(f"{entry['gid']}.{key}")
    return pasted


def test_texts_are_our_own_words_not_pasted(bundle):
    """No label or text repeats 14 or more consecutive words of a seed: summarise and cite. Checked against
    the committed fingerprint of the seeds (hashes, no text), so it runs in any clone."""
    window, digests = SEED_FP.load(FINGERPRINT)
    assert window == 14 and len(digests) > 10_000
    assert pasted_fields(bundle.documents, window, digests) == []


def _with_label(bundle, text: str) -> dict:
    documents = copy.deepcopy(bundle.documents)
    entry = next(iter_items(documents["taganrog-2017"]))
    entry["label"] = "Своими словами: " + text
    return documents


def test_shipped_fingerprint_catches_a_pasted_seed_sentence(bundle):
    """Proof that the committed fingerprint still bites in a plain clone: the data quote long official names
    «…» of the documents (exempt as quotes); the same words outside the quotes are reported as pasted."""
    window, digests = SEED_FP.load(FINGERPRINT)
    everything = json.dumps(bundle.data, ensure_ascii=False)
    quotes = {q for q in re.findall(r'«([^»"\\]*)»', everything) if len(SEED_FP.words(q)) >= window}
    seed_quotes = sorted(q for q in quotes if SEED_FP.shingle_digests(q, window) & digests)
    assert seed_quotes, "no quoted seed title of 14+ words left to test with"
    assert pasted_fields(_with_label(bundle, seed_quotes[0]), window, digests) == ["taganrog-2017/" + next(
        iter_items(bundle.doc("taganrog-2017")))["id"] + ".label"]
    assert pasted_fields(_with_label(bundle, f"«{seed_quotes[0]}»"), window, digests) == []


def test_fingerprint_catches_a_repeated_sentence_not_a_retelling(bundle, tmp_path):
    """The mechanism on a seed made up here: a copied sentence is caught, the same facts retold are not."""
    seed = ("Специалист органа опеки в течение трех рабочих дней со дня поступления сведений о семье "
            "проводит обследование условий жизни несовершеннолетнего и составляет акт по установленной форме. "
            "Копия акта направляется в комиссию по делам несовершеннолетних и защите их прав.")
    (tmp_path / "seed.txt").write_text(seed, encoding="utf-8")
    data = SEED_FP.fingerprint(str(tmp_path))
    path = tmp_path / "fp.json"
    path.write_text(SEED_FP.dumps(data), encoding="utf-8")
    window, digests = SEED_FP.load(str(path))
    assert data["count"] == len(SEED_FP.words(seed)) - window + 1 and "акт" not in path.read_text(encoding="utf-8")
    copied = _with_label(bundle, seed.split(". ")[0])
    assert len(pasted_fields(copied, window, digests)) == 1
    retold = _with_label(bundle, "За три рабочих дня опека обследует, как живёт ребёнок, и пишет акт.")
    assert pasted_fields(retold, window, digests) == []
