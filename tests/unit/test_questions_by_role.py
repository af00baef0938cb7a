"""Questions by role (issue 9, part 3): danger first, only what the role can see, ≤ 30 before «Ещё вопросы»,
ask_if honoured, a "why" for every fact, «не знаю» never counts as yes, family wording free of stigma."""
from __future__ import annotations

import json

import pytest

from checker.engine import evaluate
from checker.model import OTHER, parse_answers
from checker.questions import LIMIT, questions, render_questions_text

TOLYATTI = "tolyatti-kdn-2015"
ROLES = ("teacher", "pediatrician", "obstetrician", "curator", "family", "other")
# words a family must never read in its questions (the documents' own terms stay in their citations)
STIGMA = ("сектант", "бродяжнич", "аморальн", "асоциальн", "неблагополуч", "неграмотн", "лишение родительских",
          "лишении родительских", "лишения родительских", "постановк", "на учёт", "учёте", "социально опасн",
          "криминальн", "деяни", "злоупотребл", "пренебреж", "уклоня", "запущен", "маргинал")


def _territories(bundle):
    return sorted(bundle.documents) + [OTHER]


def _asked(table):
    return table["main"] + table["more"]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("id", "ask_if", "topic", "kind", "type", "section"):
                yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _observable(sign: dict, role: str, professional: bool) -> bool:
    if sign.get("audience") == "professional" and not professional:
        return False
    return not sign.get("observed_by") or role in sign["observed_by"]


def test_tolyatti_teacher_danger_first_school_view_and_at_most_30(bundle):
    table = questions(bundle, TOLYATTI, "teacher")
    asked = _asked(table)
    danger = [q["danger"] for q in asked]
    assert danger[0] and True in danger and danger.index(False) == danger.count(True), \
        "every danger sign comes before any other question"
    assert {q["id"] for q in asked if q["danger"]} >= {"cruelty-physical", "cruelty-sexual", "child-left-unsupervised",
                                                     "life-threatening-situation"}
    assert len(table["main"]) <= LIMIT == 30 and table["more"], "the rest goes to «Ещё вопросы»"
    assert table["counts"] == {"main": len(table["main"]), "more": len(table["more"]),
                               "not_asked": len(table["not_asked"])}
    ids = {q["id"] for q in asked}
    # only what a school can observe: no prenatal check-up, no paediatric visits, no police records
    for unseen in ("pregnancy-regime-violations", "aggression-to-unborn", "missed-pediatric-visits",
                   "child-crime-charged", "child-left-home", "specialized-medical-need", "parent-social-disease"):
        assert unseen not in ids
        assert {"kind": "sign", "id": unseen, "reason": "observed_by"} in table["not_asked"] or \
            unseen not in bundle.signs_by_doc[TOLYATTI]
    for q in asked:
        if q["kind"] == "sign":
            assert _observable(bundle.signs[q["id"]], "teacher", True), q["id"]
    # what a school sees in its own work is asked in the main part, before family facts it may not know
    main_ids = [q["id"] for q in table["main"]]
    for own in ("school-absences", "discipline-violations", "absent-3-days", "education-neglect"):
        assert own in main_ids
    assert main_ids.index("school-absences") < main_ids.index("children_ages")
    # facts a teacher cannot know are not asked; facts no rule of this document needs are not asked either
    assert not ids & {"income_ratio", "sentence_deferred_82", "social_contract", "pregnancy_risk_registered"}
    assert {q["id"] for q in table["facts"]} <= bundle.facts_by_doc[TOLYATTI] | {
        bundle.facts[f].get("ask_if") for f in bundle.facts_by_doc[TOLYATTI]}


def test_text_prints_main_part_then_more(bundle):
    table = questions(bundle, TOLYATTI, "teacher")
    text = render_questions_text(table)
    head, more = text.split("Ещё вопросы")
    assert text.startswith(f"Главные вопросы ({len(table['main'])}):")
    assert all(f"[{q['id']}]" in head for q in table["main"])
    assert all(f"[{q['id']}]" in more and f"[{q['id']}]" not in head for q in table["more"])
    assert head.index("[cruelty-physical]") < head.index("[school-absences]")
    assert "не знаю" in text


@pytest.mark.parametrize("role", ROLES)
def test_ask_if_dependents_follow_their_parent(bundle, role):
    seen_dependent = False
    for territory in _territories(bundle):
        table = questions(bundle, territory, role)
        order = [q["id"] for q in _asked(table)]
        for index, q in enumerate(_asked(table)):
            parent = bundle.facts[q["id"]].get("ask_if") if q["kind"] == "fact" else None
            if not parent:
                continue
            seen_dependent = True
            assert q["ask_if"] == parent and q["dependent"] is True
            assert bundle.facts[parent]["type"] == "bool"
            assert parent in order, f"{territory}/{role}: {q['id']} without its parent {parent}"
            between = order[order.index(parent) + 1:index]
            assert all(bundle.facts.get(x, {}).get("ask_if") == parent for x in between), \
                f"{territory}/{role}: {q['id']} is not right after {parent}"
            # a parent and its dependents are never split between the main part and «Ещё вопросы»
            main = [m["id"] for m in table["main"]]
            assert (parent in main) == (q["id"] in main)
        for q in _asked(table):
            if q["kind"] == "fact" and not bundle.facts[q["id"]].get("ask_if"):
                assert q["dependent"] is False and "ask_if" not in q
    if role in ("family", "curator"):
        assert seen_dependent, "Kogalym and Taganrog ask months in a substitute family only after «да»"


def test_kogalym_family_substitute_months_right_after_substitute_family(bundle):
    order = [q["id"] for q in _asked(questions(bundle, "kogalym-kcson", "family"))]
    assert order[order.index("substitute_family") + 1] == "substitute_months"
    assert order[order.index("disabled_child") + 1] == "disabled_child_mental"
    assert order[order.index("refugee") + 1] == "refugee_months"


def test_every_fact_has_a_why(bundle):
    for fact in bundle.data["facts"]:
        assert fact.get("why", "").strip(), f"fact {fact['id']} has no «зачем спрашиваем»"
    for territory in _territories(bundle):
        for role in ROLES:
            for q in questions(bundle, territory, role)["facts"]:
                assert q["why"] == bundle.facts[q["id"]]["why"]
                if role != "family":
                    assert q["rules"], f"{territory}/{role}: {q['id']} asked but no rule named"


def test_unknown_is_a_valid_answer_and_never_yes(bundle):
    table = questions(bundle, TOLYATTI, "family")
    assert "Не знаю" in table["unknown"]["label"]
    for q in table["facts"]:
        if q["type"] == "bool":
            assert {"value": None, "label": "Не знаю"} in q["options"]
    for q in _asked(table):
        if q["kind"] == "sign":
            assert [o["value"] for o in q["options"]] == [True, None]
    every_null = {f["id"]: None for f in bundle.data["facts"]}
    for territory in _territories(bundle):
        for role in ("teacher", "family"):
            base = {"schema": 1, "jurisdiction": territory, "role": role}
            plain = evaluate(bundle, parse_answers(base, bundle), what_if=False)
            unknown = parse_answers({**base, "facts": every_null, "signs": []}, bundle)
            assert unknown.facts == {} and unknown.signs == frozenset()
            assert evaluate(bundle, unknown, what_if=False) == plain
    # a yes changes things where a null did not: the comparison above is not vacuous
    base = {"schema": 1, "jurisdiction": "taganrog-2017", "role": "family"}
    yes = evaluate(bundle, parse_answers({**base, "facts": {"single_parent": True}}, bundle), what_if=False)
    null = evaluate(bundle, parse_answers({**base, "facts": {"single_parent": None}}, bundle), what_if=False)
    assert json.dumps(yes, sort_keys=True) != json.dumps(null, sort_keys=True)


def test_unticked_sign_changes_nothing(bundle):
    """Ticking only some signs gives the same result however many others were left unticked."""
    base = {"schema": 1, "jurisdiction": TOLYATTI, "role": "teacher", "signs": ["school-absences"]}
    one = evaluate(bundle, parse_answers(base, bundle), what_if=False)
    same = evaluate(bundle, parse_answers({**base, "facts": {"sop_registered": None}}, bundle), what_if=False)
    assert one == same
    none = evaluate(bundle, parse_answers({**base, "signs": []}, bundle), what_if=False)
    assert none != one


@pytest.mark.parametrize("territory", ["azov-memo", "kogalym-kcson", "taganrog-2017", TOLYATTI,
                                       "tula-srcn2-2022", OTHER])
def test_family_never_sees_professional_signs_or_stigmatising_words(bundle, territory):
    table = questions(bundle, territory, "family")
    for q in _asked(table):
        if q["kind"] == "sign":
            sign = bundle.signs[q["id"]]
            assert sign.get("audience") != "professional", q["id"]
            assert _observable(sign, "family", False), q["id"]
            assert q["label"] == sign.get("family_label", sign["label"])
    for text in _strings({k: table[k] for k in ("main", "more", "groups", "unknown")}):
        low = text.lower()
        assert not [w for w in STIGMA if w in low], f"{territory}: «{text}»"


def test_family_wording_in_the_data(bundle):
    """Signs whose document wording is harsh carry a family wording; categories say «вы можете получить помощь»."""
    for sign in bundle.data["signs"]:
        text = " ".join(sign.get(k, "") for k in ("label", "hint")).lower()
        if any(w in text for w in STIGMA) and _observable(sign, "family", False):
            family_text = (sign.get("family_label", sign["label"]) + " " +
                           sign.get("family_hint", sign.get("hint", ""))).lower()
            assert not [w for w in STIGMA if w in family_text], sign["id"]
    for doc_id, doc in bundle.documents.items():
        for section in ("categories", "needs"):
            for item in doc.get(section, {}).get("items", []):
                assert item.get("family_label", "").startswith("Вы можете получить помощь"), \
                    f"{doc_id}/{item['id']}: family_label"


def test_roles_see_their_own_signs(bundle):
    tolyatti = {role: {q["id"] for q in _asked(questions(bundle, TOLYATTI, role))} for role in ROLES}
    assert "missed-pediatric-visits" in tolyatti["pediatrician"]
    assert "missed-pediatric-visits" not in tolyatti["teacher"] | tolyatti["obstetrician"] | tolyatti["family"]
    assert {"pregnancy-regime-violations", "aggression-to-unborn", "unwanted-pregnancy"} <= tolyatti["obstetrician"]
    assert not {"pregnancy-regime-violations", "aggression-to-unborn"} & (tolyatti["teacher"] | tolyatti["pediatrician"])
    assert "school-absences" not in tolyatti["pediatrician"] | tolyatti["obstetrician"]
    assert "child-crime-charged" in tolyatti["curator"] and "child-crime-charged" not in tolyatti["teacher"]
    taganrog = {role: {q["id"] for q in _asked(questions(bundle, "taganrog-2017", role))} for role in ROLES}
    assert "sentence_deferred_82" in taganrog["curator"] and "sentence_deferred_82" in taganrog["family"]
    assert "sentence_deferred_82" not in taganrog["teacher"] | taganrog["pediatrician"] | taganrog["other"]
    assert "income_ratio" in taganrog["family"] and "income_ratio" not in taganrog["teacher"]
    # the pediatrician's own signs come right after danger, before family facts
    ped = [q["id"] for q in questions(bundle, TOLYATTI, "pediatrician")["main"]]
    assert ped.index("missed-pediatric-visits") < ped.index("children_ages")


@pytest.mark.parametrize("role", ROLES)
def test_counts_per_territory(bundle, role):
    for territory in _territories(bundle):
        table = questions(bundle, territory, role)
        asked = _asked(table)
        ids = [q["id"] for q in asked]
        assert len(ids) == len(set(ids)), "no question twice"
        assert 0 < len(table["main"]) <= LIMIT
        assert not table["more"] or len(table["main"]) + len(table["more"][0:1]) > LIMIT - 3, \
            "the main part is filled before anything goes to «Ещё вопросы»"
        # the older keys hold exactly the same questions
        assert [q["id"] for q in table["facts"]] == [q["id"] for q in asked if q["kind"] == "fact"]
        grouped = [s["id"] for g in table["groups"] for s in g["signs"]]
        assert sorted(grouped) == sorted(q["id"] for q in asked if q["kind"] == "sign")
        assert all({"id", "label", "hint", "why"} <= set(s) for g in table["groups"] for s in g["signs"])
        # nothing the document uses is silently lost: it is asked or listed in not_asked with a reason
        not_asked = {n["id"] for n in table["not_asked"]}
        if territory != OTHER:
            assert bundle.signs_by_doc[territory] <= set(ids) | not_asked
            assert bundle.facts_by_doc[territory] <= set(ids) | not_asked
