"""The role's default view over every golden scenario: short enough for a phone, the key answer first,
no internal ids, and the same view from the CLI's --text."""
from __future__ import annotations

import glob
import os
import re

import pytest
import yaml

from checker.engine import evaluate
from checker.explain import render_view_text
from checker.model import parse_answers
from checker.present import present
from tests.scenario_plugin import real_bundle

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_WORDS = 300
KEY_WITHIN = 100


def _cases():
    for path in sorted(glob.glob(os.path.join(HERE, "scenarios", "**", "*.yaml"), recursive=True)):
        data = yaml.safe_load(open(path, encoding="utf-8"))
        for case in data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]:
            if "error" not in case["output"]:
                yield pytest.param(case["input"], id=f"{os.path.basename(path)}:{case['name'][:50]}")


@pytest.fixture(scope="module")
def bundle():
    return real_bundle()


@pytest.mark.parametrize("answers", list(_cases()))
def test_default_view_is_short_and_answers_first(bundle, answers):
    parsed = parse_answers({"schema": 1, **answers}, bundle)      # scenarios expecting an error are not collected
    view = present(bundle, evaluate(bundle, parsed))
    text = render_view_text(bundle, view)
    words = text.split()
    assert len(words) < MAX_WORDS, text
    first = view["crisis"][0]["label"] if view["crisis"] else view["summary"]["title"]
    assert first.split()[0] in words[:KEY_WITHIN], text
    assert not re.search(r"\b(common|starts)/|`", text), text


def test_family_view_never_shows_registers_or_sanctions(bundle):
    for doc in list(bundle.documents) + ["other"]:
        answers = parse_answers({"schema": 1, "jurisdiction": doc, "role": "family",
                                 "signs": sorted(s for s in bundle.signs_by_doc.get(doc, set())
                                                 if not bundle.signs[s].get("audience") == "professional")[:6],
                                 "facts": {"children_ages": [2, 9]}}, bundle, strict_jurisdiction=False)
        view = present(bundle, evaluate(bundle, answers))
        ids = [s["id"] for s in view["sections"]]
        assert "registers" not in ids and "signals" not in ids and "level" not in ids
        shown = " ".join([view["summary"]["title"]] + [l["text"] for l in view["summary"]["lines"]]
                         + [i["label"] for s in view["sections"] for i in s["items"]]).lower()
        for word in ("постановка на учёт", "лишение родительских прав", "нагрузка на куратора"):
            assert word not in shown, (doc, word)


def test_abbreviation_expanded_once(bundle):
    answers = parse_answers({"schema": 1, "jurisdiction": "tolyatti-kdn-2015", "role": "teacher",
                             "signs": ["cruelty-physical"], "facts": {"children_ages": [8]}}, bundle)
    text = render_view_text(bundle, present(bundle, evaluate(bundle, answers)))
    assert text.count("КДН и ЗП (комиссия по делам несовершеннолетних и защите их прав)") == 1
    assert "КДНиЗП" not in text.split("Основание")[0]


def test_every_entry_of_every_section_cites_its_clauses(bundle):
    """«A statement without a source does not ship»: every item of every folded section — what would
    change included — has at least one clause; only the page's own prompts in the key answer have none."""
    missing = []
    for param in _cases():
        answers = param.values[0]
        view = present(bundle, evaluate(bundle, parse_answers({"schema": 1, **answers}, bundle)))
        for section in view["sections"]:
            missing += [(param.id, section["id"], item["label"]) for item in section["items"] if not item["source"]]
        missing += [(param.id, "crisis", card["label"]) for card in view["crisis"] if not card["source"]]
    assert missing == []
