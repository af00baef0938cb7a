"""Issue 9, part 6 and part 2: the defects a golden scenario cannot express by ids — who a duty belongs to,
texts restored to the document's words, invented lines removed, grounds that are not grounds — and the
audience tags of every procedure step. Each test failed before the fix."""
from __future__ import annotations

import pytest

from checker.engine import evaluate
from checker.model import parse_answers

ROLES = {"teacher", "pediatrician", "obstetrician", "curator", "family", "other"}
DOCS = ("taganrog-2017", "kogalym-kcson", "azov-memo", "tula-srcn2-2022", "tolyatti-kdn-2015")
VISIT_FORM = ("tolyatti-kdn-2015/urgent-visit-cruelty-signs", "tolyatti-kdn-2015/urgent-visit-threat-under-10")


def _run(bundle, **answers):
    return evaluate(bundle, parse_answers({"schema": 1, **answers}, bundle), what_if=False)


def _texts(item: dict) -> str:
    return " ".join(str(item.get(key, "")) for key in ("label", "text", "note", "action", "recipient", "purpose",
                                                          "question", "reading", "reason", "definition"))


# ---- Тольятти, прил. 10: звонок в полицию, КДНиЗП и опеку и запись в листе контроля — обязанность специалиста
# МКУ, который посещает семью; письменного сообщения форма не требует
@pytest.mark.parametrize("gid", VISIT_FORM)
def test_visit_form_duty_belongs_to_the_mku_specialist(bundle, gid):
    item = bundle.by_id[gid]
    assert item["audience"] == ["curator"]
    assert "report" not in item
    assert item["action"].startswith("Куратор на визите") and "Письменного сообщения форма не требует" in item["action"]


def test_teacher_who_sees_cruelty_gets_p14_not_the_visit_form_report(bundle):
    result = _run(bundle, jurisdiction="tolyatti-kdn-2015", role="teacher", signs=["cruelty-physical"],
                  facts={"children_ages": [8]})
    urgent = {u["id"]: u for u in result["urgent"]}
    assert "tolyatti-kdn-2015/urgent-p14-cruelty" in urgent
    for gid in VISIT_FORM:
        if gid in urgent:       # shown to the engine, but addressed to the curator and with no written report
            assert urgent[gid].get("audience") == ["curator"] and "report" not in urgent[gid]
    assert "teacher" in urgent["tolyatti-kdn-2015/urgent-p14-cruelty"]["audience"]


# ---- common/urgent-call-112: не приписывать всем документам обязанность Тольятти сообщать немедленно
def test_urgent_call_112_does_not_attribute_tolyatti_duty_to_every_document(bundle):
    record = bundle.by_id["common/urgent-call-112"]
    assert "Документы требуют" not in record["question"]
    assert "Тольятти" in record["reason"] and "не устанавливают" in record["reason"]
    cited = {c["doc"] for citation in record["clauses"] for c in citation}
    assert cited == set(DOCS)


# ---- Когалым: придуманные строки удалены
@pytest.mark.parametrize("phrase", ["звонок в полицию здесь не нужен", "Служба сама решает", "сообщение от неё"])
def test_kogalym_invented_lines_are_gone(bundle, phrase):
    doc = bundle.documents["kogalym-kcson"]
    for section in ("urgent", "signals", "detection", "bodies"):
        for item in doc.get(section, {}).get("items", []):
            assert phrase not in _texts(item), item["gid"]


# ---- слова документов восстановлены
@pytest.mark.parametrize("gid, key, words", [
    ("taganrog-2017/crisis", "purpose", "на ранней стадии"),
    ("kogalym-kcson/crisis", "purpose", "на ранней стадии"),
    ("taganrog-2017/helpline-services", "label", "социально-психологической"),
    ("kogalym-kcson/sig-helpline", "recipient", "социально-психологической"),
    ("tolyatti-kdn-2015/p71-01-absences", "label", "50 % учебного времени"),
])
def test_document_words_are_restored(bundle, gid, key, words):
    assert words in bundle.by_id[gid][key]


# ---- основания, которые не основания: срок уровня Когалыма — повод решить о продолжении, а не прекращение;
# определения и принципы — «связанные положения» (тип context), не основания начать или прекратить
def test_kogalym_term_expiry_is_not_an_end_ground(bundle):
    assert bundle.by_id["kogalym-kcson/gr-end-term"]["type"] == "continue"


@pytest.mark.parametrize("gid", [
    "taganrog-2017/gr-start-voluntary", "taganrog-2017/gr-start-general-order", "taganrog-2017/gr-placement-kdn",
    "taganrog-2017/gr-end-positive", "kogalym-kcson/gr-start-recognition", "tula-srcn2-2022/start-sop-obligatory"])
def test_provisions_that_are_not_grounds_say_so(bundle, gid):
    assert bundle.by_id[gid]["type"] == "context"
    assert bundle.by_id[gid]["note"] if "note" in bundle.by_id[gid] else bundle.by_id[gid]["text"]


# ---- part 2: every procedure step says who acts or must know; the class teacher's petition is the teacher's
def test_every_procedure_step_has_an_audience(bundle):
    untagged = [f"{doc_id}/{step['id']}" for doc_id in DOCS
                for proc in bundle.documents[doc_id].get("procedures", {}).get("items", [])
                for step in proc["steps"] if not step.get("audience")]
    assert untagged == []
    for doc_id in DOCS:
        for proc in bundle.documents[doc_id].get("procedures", {}).get("items", []):
            assert proc.get("audience"), proc["gid"]
            assert set(proc["audience"]) <= {r for step in proc["steps"] for r in step["audience"]}, proc["gid"]
            for step in proc["steps"]:
                assert set(step["audience"]) <= ROLES


def test_class_teacher_petition_is_the_teachers_step(bundle):
    proc = bundle.by_id["tolyatti-kdn-2015/proc-school"]
    step = next(s for s in proc["steps"] if s["id"] == "sch-teacher-petition")
    assert step["audience"] == ["teacher"]


def test_a_family_never_is_the_audience_of_a_register(bundle):
    lists = bundle.documents["tolyatti-kdn-2015"]["lists"]["items"]
    assert all(entry.get("audience") and "family" not in entry["audience"] for entry in lists)
