"""The answer each person came for: the engine's result, selected and worded for the role that asks.

`engine.evaluate` decides what holds; this module decides nothing. It chooses what a role sees first (the
`summary`), filters the rest to what that role does or must know, words it for a family, expands
abbreviations on first use and drops internal ids. `--text` and the checker page both render its output,
so neither grows a second copy of these choices.

The view (`present(bundle, result)`):

- `role`, `kind` — `professional` (teacher, pediatrician, obstetrician, other), `family` or `curator`;
- `crisis` — urgent cards, shown before anything else: `{id, label, action, call, report?, because, source}`;
- `summary` — `{title, lines: [{label, text, source}]}` plus the kind's raw fields (below): the key answer
  in one sentence and the few facts shown above the fold;
- `sections` — `[{id, title, items: [{id, label, text, details: [{label, text}], because, source}]}]`,
  shown collapsed below the summary, already filtered for the role;
- `interpretations` — the project's readings met in what is shown: `{id, label, question, short, reading,
  clauses}`;
- `disclaimer` — the checker suggests; it names the body that decides in this territory.

Summary fields by kind: professional — `report` (`yes` | `no` | `silent`), `recipients`, `deadline`,
`written_deadline`, `form`, `via`, `first_step`, `federal`; family — `where`, `voluntary`, `help`
(grouped by kind); curator — `level`, `duration`, `caseload`, `visits`, `not_defined`, `first_steps`.
"""
from __future__ import annotations

import functools
import re

from .model import OTHER

PROFESSIONAL_ROLES = ("teacher", "pediatrician", "obstetrician", "other")
WHAT_IF_SHOWN = 4
NOT_SET = "документ не устанавливает"
DEADLINE_NOT_SET = "срок не установлен"
FORM_NOT_SET = "форма не установлена"

# One spelling per body and the words behind each abbreviation, expanded on first use in a view.
SPELLING = (("КДНиЗП", "КДН и ЗП"), ("КДН и ЗП", "КДН и ЗП"))
ABBREVIATIONS = {
    "КДН и ЗП": "комиссия по делам несовершеннолетних и защите их прав",
    "ЦМППС": "центр медико-психолого-педагогического сопровождения",
    "МКУ": "муниципальное казённое учреждение «Центр социальной помощи семье и детям»",
    "ПДН": "подразделение по делам несовершеннолетних полиции",
    "ОДН": "подразделение по делам несовершеннолетних полиции",
    "ОВД": "органы внутренних дел, полиция",
    "ПАВ": "психоактивные вещества",
    "СОП": "социально опасное положение",
    "ЕОБД": "единый областной банк данных о детях в трудной жизненной ситуации",
    "ИПССС": "индивидуальная программа социального сопровождения семьи",
    "ИПСС": "индивидуальная программа социального сопровождения",
    "КЦСОН": "комплексный центр социального обслуживания населения",
    "СРЦН": "социально-реабилитационный центр для несовершеннолетних",
    "ТЖС": "трудная жизненная ситуация",
    "ЖК": "женская консультация",
    "ОВЗ": "ограниченные возможности здоровья",
    "ПМПК": "психолого-медико-педагогическая комиссия",
    "ИППСУ": "индивидуальная программа предоставления социальных услуг",
}
HELP_KINDS = {"social": "Социальная помощь", "psychological": "Психологическая помощь",
              "pedagogical": "Помощь в воспитании и учёбе", "medical": "Медицинская помощь",
              "legal": "Юридическая помощь", "other": "Другая помощь"}
# What a family never reads in its own view: registers, caseloads and the language of sanctions.
FAMILY_HIDDEN_WORDS = ("постановк", "на учёт", "учёт", "лишени", "нагрузк", "регистр", "реестр")
UNIT_ORDER = {"immediately": 0, "hours": 1, "days": 2, "working_days": 2, "weeks": 3, "months": 4,
              "day_of_month": 5, "next_meeting": 6, "periodic": 7, "none": 9}
_INTERNAL = re.compile(r"`[^`]*`|\b(?:common|starts)/[\w-]+")


def kind_of(role: str) -> str:
    return "family" if role == "family" else "curator" if role == "curator" else "professional"


# --- small text helpers -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _plain(text: str | None) -> str:
    """Markdown emphasis and internal ids never reach a person."""
    return _INTERNAL.sub("", (text or "").replace("**", "")).replace("  ", " ").strip()


def _deadline_text(deadline: dict | None) -> str:
    if not deadline or deadline.get("unit") == "none" and "не установлен" in deadline.get("text", ""):
        return DEADLINE_NOT_SET
    return deadline["text"]


def _deadline_key(deadline: dict | None) -> tuple:
    if not deadline:
        return (9, 0)
    return (UNIT_ORDER.get(deadline.get("unit"), 8), deadline.get("amount") or 0)


def written_text(deadline: dict | None) -> str | None:
    if not deadline:
        return None
    text = deadline["text"]
    return text if text.lower().startswith("письменно") else f"письменно — {text}"


def answer_value(value) -> str:
    """An answer as a person reads it: да / нет, a list of ages, a number."""
    if value is True:
        return "да"
    if value is False:
        return "нет"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def because_labels(bundle, because: list | None) -> list[str]:
    """The answers that caused a conclusion, in words."""
    return [bundle.signs[atom["sign"]]["label"] if "sign" in atom
            else f"{bundle.facts[atom['fact']]['label']}: {answer_value(atom['value'])}"
            for atom in because or []]


def _recipients(values) -> list:
    """Each body once, however the documents spell it («Районная КДНиЗП», «КДН и ЗП района»)."""
    out, seen = [], set()
    for value in values:
        for part in re.split(r";\s*", value):
            norm = part.replace("КДНиЗП", "КДН и ЗП").strip().rstrip(".")
            key = re.sub(r"\b(районн\w*|района|района)\b", "", norm.lower()).strip(" ,")
            if norm and key not in seen:
                seen.add(key)
                out.append(norm[:1].upper() + norm[1:])
    return out


def _audience_ok(entry: dict, role: str, default: tuple = ()) -> bool:
    audience = entry.get("audience") or default
    return not audience or role in audience


def _uniq(values) -> list:
    return list(dict.fromkeys(v for v in values if v))


@functools.lru_cache(maxsize=8192)
def _spelled(text: str) -> tuple[str, tuple]:
    """The text with one spelling per body, and the abbreviations it contains (in ABBREVIATIONS order)."""
    for wrong, right in SPELLING:
        text = text.replace(wrong, right)
    return text, tuple(abbr for abbr in ABBREVIATIONS if abbr in text)


_ABBR_AT = {abbr: re.compile(rf"(?<![\w«]){re.escape(abbr)}(?!\w)") for abbr in ABBREVIATIONS}


class _Abbr:
    """Expands each abbreviation the first time it appears in a view: «КДН и ЗП (комиссия …)»."""

    def __init__(self):
        self.seen: set[str] = set()

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        text, found = _spelled(text)          # this runs on every string of a view: cached, cheap test first
        for abbr in found:
            if abbr in self.seen:
                continue
            match = _ABBR_AT[abbr].search(text)
            if match and (text[match.end():match.end() + 2] in (" (", " «") or text[max(0, match.start() - 1)] == "("):
                self.seen.add(abbr)         # already explained, or the full name follows
            elif match:
                text = f"{text[:match.end()]} ({ABBREVIATIONS[abbr]}){text[match.end():]}"
                self.seen.add(abbr)
        return text


# --- the crisis block ------------------------------------------------------------------------------

def _crisis(bundle, result: dict, role: str) -> list:
    out = []
    for u in result["urgent"]:
        if not u.get("common") and not _audience_ok(u, role):
            continue
        card = {"id": u["id"], "label": u["label"], "action": _plain(u["action"]), "call": u.get("call", []),
                "because": because_labels(bundle, u.get("because")), "source": u["source"]}
        if u.get("report") and role != "family":
            r = u["report"]
            card["report"] = {"recipient": r["recipient"], "deadline": _deadline_text(r.get("deadline")),
                              "written_deadline": written_text(r.get("written_deadline")),
                              "form": (r.get("form") or {}).get("label")}
        out.append(card)
    danger = any(bundle.signs[a["sign"]].get("danger") for u in result["urgent"]
                 for a in u.get("because", []) if "sign" in a)
    if not out and (result["urgent"] or danger):
        # The document's urgent duties belong to someone else (e.g. the visiting specialist); the danger
        # is still real for the person asking: the call comes first all the same.
        first = result["urgent"][0]
        out.append({"id": first["id"], "label": "Ребёнку может угрожать опасность",
                    "action": "Если опасность прямо сейчас — звоните 112 (или 102 — полиция).",
                    "call": ["112 — если опасность прямо сейчас", "102 — полиция"],
                    "because": because_labels(bundle, first.get("because")), "source": first["source"]})
    return out


# --- summaries ----------------------------------------------------------------------------------------

def _own_steps(result: dict, role: str) -> list:
    steps = []
    for procedure in result["next_steps"]:
        for step in procedure["steps"]:
            if step.get("audience") and role in step["audience"]:
                steps.append({"actor": step["actor"], "action": _plain(step["action"]),
                              "deadline": _deadline_text(step.get("deadline")), "source": step["source"]})
    return steps


def _professional(bundle, result: dict, role: str, crisis: list) -> dict:
    signals = [s for s in result["signals"] if _audience_ok(s, role)]
    reports = [c["report"] for c in crisis if c.get("report")]
    federal = [f for f in result.get("federal", []) if _audience_ok(f, role)]
    own = _own_steps(result, role)
    ticked = bool(result["trace"]) or bool(crisis)
    doc_silent = result["jurisdiction"]["id"] == OTHER or not signals and not reports
    if signals or reports:
        report = "yes"
    elif ticked or federal:
        report = "silent"
    else:
        report = "no"
    recipients = _recipients([r["recipient"] for r in reports] + [s["recipient"] for s in signals])
    deadlines = [s["deadline"] for s in signals]
    earliest = min(deadlines, key=_deadline_key) if deadlines else None
    written = next((s.get("written_deadline") for s in sorted(signals, key=lambda s: _deadline_key(s["deadline"]))
                    if s.get("written_deadline")), None)
    form = next((s["form"]["label"] for s in signals if s.get("form")), None)
    via = next((s["via"] for s in signals if s.get("via")), None)
    source = [c for s in signals for c in s["source"]][:4]
    lines = []
    if report == "yes":
        deadline = _deadline_text(earliest) if earliest else (reports[0]["deadline"] if reports else DEADLINE_NOT_SET)
        title = f"Да, сообщить нужно — {deadline}."
        lines.append({"label": "Кому", "text": "; ".join(recipients), "source": source})
        lines.append({"label": "Срок", "text": deadline + (f"; {written_text(written)}" if written else ""),
                      "source": source})
        lines.append({"label": "Форма", "text": form or FORM_NOT_SET, "source": source})
        if via:
            lines.append({"label": "Кто подписывает и отправляет", "text": via, "source": source})
    elif report == "silent":
        title = ("Документ этой территории не называет вашей обязанности сообщить по этим ответам — "
                 "но это не значит, что сообщать не нужно.")
        if result["jurisdiction"]["id"] == OTHER:
            title = "Для этой территории в базе нет документа. Что требует закон везде — ниже."
        call = bundle.by_id.get("common/urgent-call-112", {})      # the project's reading, citing the clauses
        lines.append({"label": "Если опасность сейчас", "text": "звоните 112 (или 102 — полиция)",
                      "source": call.get("source", [])})
        for duty in federal:
            lines.append({"label": duty["recipient"], "text": f"{duty['about']} — "
                          f"{_deadline_text(duty.get('deadline'))} (федеральный закон)", "source": duty["source"]})
        if not federal:
            lines.append({"label": "Что можно сделать", "text": "обсудите ситуацию с руководителем своей "
                          "организации и специалистами сопровождения семьи", "source": []})
    else:
        title = "По отмеченным ответам документ не требует от вас сообщения."
        lines.append({"label": "Если что-то изменится", "text": "отметьте новые обстоятельства — "
                      "ответ обновится", "source": []})
    if own:
        first = own[0]
        lines.append({"label": "Ваш первый шаг", "text": f"{first['action']} ({first['deadline']})",
                      "source": first["source"]})
    return {"title": title, "lines": lines, "report": report, "recipients": recipients,
            "deadline": _deadline_text(earliest) if earliest else None,
            "written_deadline": written_text(written), "form": form, "form_text": form or FORM_NOT_SET,
            "via": via, "first_step": own[0] if own else None, "document_silent": doc_silent,
            "federal": [{"label": f["label"], "recipient": f["recipient"], "source": f["source"]} for f in federal]}


def _family_route(bundle, doc_id: str) -> list:
    if doc_id == OTHER:
        return []
    doc = bundle.doc(doc_id)
    route = [g for g in doc.get("grounds", {}).get("items", [])
             if g.get("type") in ("start", "context") and ("family" in (g.get("audience") or [])
                                              or re.search(r"application|appeal|voluntary", g["id"]))]
    return [{"label": g.get("family_label") or g["label"], "source": g["source"]} for g in route]


def _help_groups(bundle, result: dict, family: bool) -> list:
    relevant = [h for h in result["help"] if h["relevant"]] or result["help"]
    groups: dict[str, list] = {}
    for h in relevant:
        item = bundle.by_id.get(h["id"], {})
        label = item.get("family_label") if family and item.get("family_label") else h["label"]
        groups.setdefault(h["type"], []).append({"id": h["id"], "label": label, "source": h["source"]})
    return [{"type": t, "title": HELP_KINDS.get(t, t), "items": groups[t]} for t in HELP_KINDS if t in groups]


def _family(bundle, result: dict) -> dict:
    doc_id = result["jurisdiction"]["id"]
    route = _family_route(bundle, doc_id)
    help_groups = _help_groups(bundle, result, family=True)
    lines = []
    if doc_id == OTHER:
        title = ("Вашей территории нет в базе. Помощь семье есть везде: обратитесь в отдел социальной защиты "
                 "или центр социальной помощи семье и детям своего города.")
    else:
        decides = bundle.doc(doc_id)["source"].get("organiser") or ""
        title = "Вы можете попросить о помощи сами."
        if route:
            lines.append({"label": "Как попросить", "text": "; ".join(r["label"] for r in route),
                          "source": [c for r in route for c in r["source"]][:3]})
        if decides:
            lines.append({"label": "Куда обратиться", "text": _plain(re.split(r"[:;]| \(", decides)[0]),
                          "source": route[0]["source"] if route else []})
    consent = [r for r in route if re.search(r"решает|заявлени|соглаш|обращ", r["label"].lower())]
    if consent:
        lines.append({"label": "По желанию семьи", "text": "сопровождение начинается с заявления или согласия "
                      "семьи", "source": consent[-1]["source"]})
    for group in help_groups[:3]:
        lines.append({"label": group["title"], "text": "; ".join(i["label"] for i in group["items"][:3]),
                      "source": group["items"][0]["source"]})
    lines.append({"label": "Поговорить анонимно", "text": "детский телефон доверия 8 800 2000 122 — "
                  "звонок бесплатный", "source": [{"doc": "taganrog-2017", "clause": "8.2", "item": 2}]})
    return {"title": title, "lines": lines, "where": route, "help": help_groups,
            "voluntary": "Сопровождение — добровольное: оно начинается с согласия семьи."}


def _first_paragraph(markdown: str | None) -> str:
    """The first paragraph of a note, with the list it introduces when it ends with a colon."""
    paragraphs = _plain(markdown).split("\n\n")
    text = paragraphs[0]
    if text.endswith(":") and len(paragraphs) > 1:
        items: list[str] = []
        for line in paragraphs[1].splitlines():
            if re.match(r"\s*[-*]\s", line):
                items.append(re.sub(r"^\s*[-*]\s+", "", line))
            elif items:
                items[-1] += " " + line.strip()
        text = text + " " + "; ".join(re.split(r" — |: | \(", i)[0].rstrip(";.") for i in items[:5]) + "."
    return re.sub(r"\s+", " ", text)


def _curator(bundle, result: dict, crisis: list) -> dict:
    level = result["level"]
    own = _own_steps(result, "curator")
    steps = own or [{"actor": s["actor"], "action": _plain(s["action"]), "deadline": _deadline_text(s.get("deadline")),
                     "source": s["source"]} for p in result["next_steps"][:1] for s in p["steps"]]
    lines = []
    if not level["defined_by_document"]:
        title = "Документ не устанавливает уровней сопровождения."
        note = _first_paragraph(level.get("note"))
        lines.append({"label": "Что вместо уровней", "text": note, "source": level.get("source", [])})
        suggested = [r for r in result["registers"] if r.get("suggested")]
        if suggested:
            lines.append({"label": "Подходящий учёт", "text": suggested[0]["label"], "source": suggested[0]["source"][:2]})
        out = {"level": None, "duration": None, "caseload": None, "visits": None, "not_defined": note}
    elif level["id"] is None:
        title = "Ответы не совпали с признаками уровней: уровень определяют по итогам оценки семьи."
        out = {"level": None, "duration": None, "caseload": None, "visits": None, "not_defined": None}
    else:
        duration = f"{level['duration_months']} мес." if level.get("duration_months") else NOT_SET
        caseload = f"не более {level['caseload_max']} семей на куратора" if level.get("caseload_max") else NOT_SET
        visits = (level["visits"].get("text") if level["visits"].get("defined") is not False else None) or NOT_SET
        name = re.sub(r"\s*уровень\s*", " ", level["label"]).strip().lower()
        title = f"Предлагаемый уровень — {name}, срок {duration.rstrip('.')}." if duration != NOT_SET else \
            f"Предлагаемый уровень — {name}; срок {NOT_SET}."
        lines += [{"label": "Срок", "text": duration, "source": level["duration"].get("source", level["source"])},
                  {"label": "Нагрузка", "text": caseload, "source": level["caseload"].get("source", level["source"])},
                  {"label": "Посещения", "text": visits, "source": level["visits"].get("source", level["source"])}]
        out = {"level": level["id"], "label": level["label"], "duration": duration, "caseload": caseload,
               "visits": visits, "not_defined": None}
    for step in steps[:1 if crisis else 3]:
        lines.append({"label": step["actor"], "text": f"{step['action'].rstrip('.')} — {step['deadline']}",
                      "source": step["source"]})
    return {"title": title, "lines": lines, **out, "first_steps": steps[:5]}


# --- sections below the summary -----------------------------------------------------------------------

def _item(bundle, entry: dict, *, label: str | None = None, text: str | None = None, details=()) -> dict:
    return {"id": entry["id"], "label": label or entry["label"], "text": text,
            "details": [d for d in details if d["text"]], "because": because_labels(bundle, entry.get("because")),
            "source": entry["source"]}


def _what_if(bundle, result: dict, kind: str) -> list:
    """A few entries: level and help first, never abuse signs the person chose not to tick."""
    shown = []
    for w in result.get("what_if", []):
        effects = [e for e in w["effects"] if e["kind"] != "urgent"]
        if kind == "family":
            effects = [e for e in effects if e["kind"] == "help"]
        sign = w["add"].get("sign")
        if not effects or sign and bundle.signs[sign].get("danger") or sign in UNSAID_SIGNS:
            continue
        words = {"level": "уровень «{label}»", "signal": "сообщение: {label}", "help": "помощь: {label}"}
        order = {"level": 0, "help": 1, "signal": 2}
        effects.sort(key=lambda e: order[e["kind"]])
        shown.append((order[effects[0]["kind"]], {
            "id": str(w["add"]), "label": f"Если «{w['label']}»",
            "text": "; ".join(_uniq(words[e["kind"]].format(label=e["label"]) for e in effects[:2])),
            "details": [], "because": [], "source": _effect_sources(bundle, result, effects[:2])}))
    shown.sort(key=lambda pair: pair[0])
    out = [entry for _, entry in shown[:WHAT_IF_SHOWN]]
    if kind != "family":
        for w in result.get("what_lowers", [])[:2]:
            texts = ["уровень станет ниже" if e["kind"] == "lower" else f"отпадёт: {e['label']}" for e in w["effects"]]
            out.append({"id": str(w["change"]), "label": f"Если больше не будет «{w['label']}»",
                        "text": "; ".join(_uniq(texts)), "details": [], "because": [],
                        "source": _effect_sources(bundle, result, w["effects"])})
    return out


def _effect_sources(bundle, result: dict, effects: list) -> list:
    """The clauses behind what a change would bring or take away: the signal's or help's own clauses,
    for a level the clauses of the level it would become (or of the level the family is at now)."""
    levels = {}
    if result["jurisdiction"]["id"] != OTHER:
        scheme = bundle.doc(result["jurisdiction"]["id"]).get("levels") or {}
        levels = {level["id"]: level.get("source", []) for level in scheme.get("levels", [])}
    out = []
    for effect in effects:
        if effect["kind"] == "level":
            out += levels.get(effect.get("to"), [])
        elif effect["kind"] == "lower":
            out += result["level"].get("source", [])
        else:
            out += (bundle.by_id.get(effect.get("id")) or {}).get("source", [])
    return [dict(c) for c in {tuple(sorted(c.items())): c for c in out}.values()]


# Signs of abuse and crime are never suggested as "what would change": a person ticks what they saw.
UNSAID_SIGNS = {"cruelty-physical", "cruelty-psychological", "cruelty-sexual", "child-exploitation",
                "grave-crime-against-child", "child-death", "aggression-towards-child"}


def _sections(bundle, result: dict, role: str, kind: str) -> list:
    family = kind == "family"
    sections = []

    def add(section_id: str, title: str, items: list):
        if items:
            sections.append({"id": section_id, "title": title, "items": items})

    if not family:
        add("signals", "Кому и когда сообщить", [
            _item(bundle, s, details=[{"label": "Кому", "text": s["recipient"]},
                                      {"label": "Срок", "text": _deadline_text(s["deadline"])},
                                      {"label": "Письменно", "text": written_text(s.get("written_deadline"))},
                                      {"label": "Форма", "text": (s.get("form") or {}).get("label") or FORM_NOT_SET},
                                      {"label": "Через кого", "text": s.get("via")}])
            for s in result["signals"] if _audience_ok(s, role)])
    categories = []
    for c in result["categories"] + result["needs"]:
        item = bundle.by_id.get(c["id"], {})
        label = (item.get("family_label") or f"Вы можете получить помощь как {c['label'][:1].lower()}{c['label'][1:]}") \
            if family else c["label"]
        categories.append(_item(bundle, c, label=label))
    add("categories", "Вы можете получить помощь" if family else "Категории семьи и обстоятельства", categories)
    level = result["level"]
    if not family and level.get("matched"):
        add("level", "Совпавшие признаки уровней", [
            _item(bundle, {"id": m["id"], "label": f"{m['label']}", "source": m["source"]},
                  details=[{"label": "Признак", "text": i["label"]} for i in m["indicators"]])
            for m in level["matched"]])
    if not family:
        add("registers", "Учёты и перечни критериев", [
            _item(bundle, r, text=_plain(r.get("register")),
                  details=[{"label": "Совпало", "text": c["label"]} for c in r["matched"]])
            for r in result["registers"] if _audience_ok(r, role, ("curator", "teacher", "pediatrician", "obstetrician"))])
    steps = []
    for procedure in result["next_steps"]:
        mine = [s for s in procedure["steps"] if _audience_ok(s, role, ("curator",))]
        if family:
            mine = [s for s in mine if "family" in (s.get("audience") or [])]
        if mine:
            steps.append(_item(bundle, procedure, details=[
                {"label": s["actor"], "text": _plain(s["action"]) + (f" — {_deadline_text(s.get('deadline'))}"
                                                                     if s.get("deadline") else "")}
                for s in mine]))
    add("next_steps", "Что дальше", steps)
    add("help", "Какая помощь бывает", [
        _item(bundle, {"id": f"help-{g['type']}", "label": g["title"], "source": g["items"][0]["source"]},
              details=[{"label": "•", "text": i["label"]} for i in g["items"]])
        for g in _help_groups(bundle, result, family)])
    add("what_if", "Что изменило бы результат", _what_if(bundle, result, kind))
    if family:
        for section in sections:
            section["items"] = [i for i in section["items"]
                                if not _family_hidden(i["label"], i["text"], *(d["text"] for d in i["details"]))]
    return sections


def _family_hidden(*texts: str | None) -> bool:
    text = " ".join(t for t in texts if t).lower()
    return any(word in text for word in FAMILY_HIDDEN_WORDS)


def _interpretations(bundle, result: dict, kind: str, shown_ids: set) -> list:
    out = []
    for record in result["interpretations"]:
        full = bundle.by_id.get(record["id"], record)
        applies = set(full.get("applies_to") or [])
        if kind == "family" and (not (applies & shown_ids) and not record["id"].startswith("common/")
                                 or _family_hidden(record["reading"], full.get("short"))):
            continue
        out.append({"id": record["id"], "label": record["label"], "question": _plain(record["question"]),
                    "short": full.get("short") or _plain(record["reading"]).split(". ")[0].rstrip(".") + ".",
                    "reading": _plain(record["reading"]), "clauses": record["clauses"]})
    return out[:8] if kind == "family" else out


def _disclaimer(bundle, result: dict) -> str:
    doc_id = result["jurisdiction"]["id"]
    if doc_id == OTHER:
        return ("Это подсказка, а не решение. Решение о помощи семье принимают органы вашей территории: "
                "комиссия по делам несовершеннолетних и защите их прав, органы опеки, социальная защита.")
    decides = bundle.doc(doc_id)["source"].get("decides")
    body = decides["label"].split(":")[0] if decides else "органы, которые называет документ"
    body = body if body[:2].isupper() else body[:1].lower() + body[1:]
    return f"Это подсказка по тексту документа, а не решение. Решает {body}."


def present(bundle, result: dict) -> dict:
    """The role's view of an engine result (see the module docstring for its shape)."""
    role = result["role"]
    kind = kind_of(role)
    crisis = _crisis(bundle, result, role)
    if kind == "family":
        summary = _family(bundle, result)
    elif kind == "curator":
        summary = _curator(bundle, result, crisis)
    else:
        summary = _professional(bundle, result, role, crisis)
    sections = _sections(bundle, result, role, kind)
    shown = {i["id"] for s in sections for i in s["items"]} | {c["id"] for c in crisis}
    view = {"role": role, "kind": kind, "jurisdiction": result["jurisdiction"], "crisis": crisis,
            "summary": summary, "sections": sections,
            "interpretations": _interpretations(bundle, result, kind, shown),
            "disclaimer": _disclaimer(bundle, result)}
    _expand(view)
    return view


def _expand(view: dict) -> None:
    """Abbreviations expanded on first use, in reading order; one spelling per body. "What would change"
    arrives after the verdict, so it is expanded last: its arrival changes nothing else on the page."""
    abbr = _Abbr()

    def items(sections):
        for section in sections:
            for item in section["items"]:
                item["label"], item["text"] = abbr(item["label"]), abbr(item["text"])
                for detail in item["details"]:
                    detail["label"], detail["text"] = abbr(detail["label"]), abbr(detail["text"])

    for card in view["crisis"]:
        card["label"], card["action"] = abbr(card["label"]), abbr(card["action"])
        card["call"] = [abbr(c) for c in card["call"]]
        if card.get("report"):
            card["report"]["recipient"] = abbr(card["report"]["recipient"])
    summary = view["summary"]
    summary["title"] = abbr(summary["title"])
    for line in summary["lines"]:
        line["label"], line["text"] = abbr(line["label"]), abbr(line["text"])
    items(s for s in view["sections"] if s["id"] != "what_if")
    for record in view["interpretations"]:
        record["short"], record["reading"] = abbr(record["short"]), abbr(record["reading"])
    view["disclaimer"] = abbr(view["disclaimer"])
    items(s for s in view["sections"] if s["id"] == "what_if")
