"""A readable Russian text of a result (`evaluate --text`), with the reasons and clauses of each part."""
from __future__ import annotations

from .cite import cite_all
from .present import answer_value, because_labels, written_text

LEVEL_PARAM_MISSING = "документ не устанавливает"


def _because(bundle, because: list) -> str:
    return "; ".join(because_labels(bundle, because))


def _deadline(deadline: dict | None) -> str:
    return deadline["text"] if deadline else "срок не указан"


def _plain(markdown: str) -> str:
    """Markdown emphasis is for the site; the terminal gets the words."""
    return markdown.replace("**", "").replace("\n\n", "\n  ").replace("\n", " ")


def _written(deadline: dict | None) -> str:
    return f"; {written_text(deadline)}" if deadline else ""


def _param(value: dict | None, shown: str | None) -> str:
    if not value or value.get("defined") is False:
        return LEVEL_PARAM_MISSING
    return shown or LEVEL_PARAM_MISSING


def render_text(bundle, result: dict) -> str:
    lines: list[str] = []
    add = lines.append
    j = result["jurisdiction"]
    add(f"Документ: {j['short']}" + (f" — {j['title']}" if j.get("title") else ""))
    add(f"Кто спрашивает: {bundle.roles[result['role']]['label']}")
    add("")

    if result["urgent"]:
        add("!!! СРОЧНО: ЕСТЬ УГРОЗА ЖИЗНИ ИЛИ ЗДОРОВЬЮ РЕБЁНКА")
        for u in result["urgent"]:
            where = f"[{bundle.short(u['document'])}] " if u.get("document") else ""
            add(f"- {where}{u['label']}. {_plain(u['action'])}")
            if u.get("call"):
                add(f"  Звонить сейчас: {', '.join(u['call'])}")
            if u.get("report"):
                r = u["report"]
                add(f"  Письменно: {r['recipient']} — {_deadline(r.get('deadline'))}"
                    + _written(r.get("written_deadline")))
            add(f"  Почему: {_because(bundle, u.get('because'))}")
            add(f"  Основание: {cite_all(bundle, u['source'])}")
        add("")

    add("СИГНАЛ")
    if result["signals"]:
        for s in result["signals"]:
            add(f"- {s['label']}")
            add(f"  Кому: {s['recipient']}; срок: {_deadline(s['deadline'])}"
                + _written(s.get("written_deadline")))
            if s.get("form"):
                add(f"  Форма: {s['form']['label']}")
            if s.get("via"):
                add(f"  Через кого: {s['via']}")
            add(f"  Почему: {_because(bundle, s.get('because'))}")
            add(f"  Основание: {cite_all(bundle, s['source'])}")
    else:
        add("- По этим ответам документ не требует от вас сообщения. Если вы видите неблагополучие, "
            "обсудите его с руководителем или специалистами сопровождения.")
    add("")

    add("КАТЕГОРИИ СЕМЬИ")
    for c in result["categories"]:
        add(f"- {c['label']} (почему: {_because(bundle, c.get('because'))}; {cite_all(bundle, c['source'])})")
    for n in result["not_defined"]:
        if n["section"] == "categories":
            add(f"- Документ не содержит своего перечня категорий. {_plain(n['note'])} ({cite_all(bundle, n['source'])})")
    if not result["categories"] and not any(n["section"] == "categories" for n in result["not_defined"]):
        add("- Ответы не совпали ни с одной категорией документа.")
    if result["needs"]:
        add("Обстоятельства нуждаемости:")
        for c in result["needs"]:
            add(f"- {c['label']} ({cite_all(bundle, c['source'])})")
    add("")

    level = result["level"]
    add("УРОВЕНЬ СОПРОВОЖДЕНИЯ")
    if not level["defined_by_document"]:
        add(f"- Документ не устанавливает уровней сопровождения. {_plain(level.get('note') or '')}".rstrip())
        if level.get("source"):
            add(f"  Основание: {cite_all(bundle, level['source'])}")
    elif level["id"] is None:
        add(f"- {level['note']}")
    else:
        add(f"- {level['label']}")
        months = level["duration_months"]
        caseload = level["caseload_max"]
        add("  Срок: " + _param(level["duration"], f"{months} мес." if months else None))
        add("  Семей на одного куратора: " + _param(level["caseload"], f"не более {caseload}" if caseload else None))
        add("  Посещения куратора: " + _param(level["visits"], level["visits"].get("text")))
        add(f"  Основание: {cite_all(bundle, level['source'])}")
        for m in level["matched"]:
            add(f"  Совпавшие признаки уровня «{m['label']}»:")
            for i in m["indicators"]:
                add(f"    · {i['label']} ({cite_all(bundle, i['source'])})")
    add("")

    if result["registers"]:
        add("УЧЁТ И ПЕРЕЧНИ КРИТЕРИЕВ")
        for r in result["registers"]:
            mark = "→ " if r.get("suggested") else "  "
            add(f"{mark}{r['label']}" + (f": {r['register']}" if r.get("register") else ""))
            for c in r["matched"]:
                add(f"    · {c['label']} ({cite_all(bundle, c['source'])})")
        add("")

    if result["next_steps"]:
        add("ЧТО ДАЛЬШЕ")
        for p in result["next_steps"]:
            add(f"- {p['label']}")
            for step in p["steps"]:
                deadline = f" — {step['deadline']['text']}" if step.get("deadline") else ""
                add(f"    · {step['actor']}: {step['action']}{deadline} ({cite_all(bundle, step['source'])})")
        add("")

    relevant = [h for h in result["help"] if h["relevant"]]
    if result["help"]:
        add("ПОМОЩЬ")
        for h in relevant or result["help"]:
            add(f"- {h['label']} ({cite_all(bundle, h['source'])})")
        add("")

    if result["what_if"]:
        add("ЧТО ИЗМЕНИЛО БЫ РЕЗУЛЬТАТ")
        for w in result["what_if"]:
            effects = []
            for e in w["effects"]:
                if e["kind"] == "urgent":
                    effects.append("срочные действия")
                elif e["kind"] == "level":
                    effects.append(f"уровень «{e['label']}»")
                else:
                    effects.append(f"сигнал: {e['label']}")
            answer = w["label"] if "sign" in w["add"] else f"{w['label']}: {answer_value(w['add']['value'])}"
            add(f"- Если «{answer}» → {', '.join(dict.fromkeys(effects))}")
        add("")

    if result["interpretations"]:
        add("ТОЛКОВАНИЯ ПРОЕКТА (не слова документа)")
        for i in result["interpretations"]:
            add(f"- {i['label']}: {i['reading']}")
        add("")
    add(result["disclaimer"])
    return "\n".join(lines)


# --- the role's default view (`evaluate --text`): what the page shows before anything is expanded ---------

def _cites(bundle, source: list) -> str:
    return f" [{cite_all(bundle, source[:2])}]" if source else ""


def render_view_text(bundle, view: dict) -> str:
    """The crisis block, then the summary; the sections only as their titles (the page keeps them folded)."""
    lines: list[str] = []
    add = lines.append
    j = view["jurisdiction"]
    for position, card in enumerate(view["crisis"]):
        add(f"!!! СРОЧНО. {card['label']}")
        if position == 0:               # the first card says what to do; the others add whom and by when
            add(f"  {card['action']}")
        if card.get("call"):
            add("  Звонить: " + "; ".join(card["call"]))
        if card.get("report"):
            r = card["report"]
            add(f"  Затем письменно: {r['recipient']} — {r['deadline']}"
                + (f"; {r['written_deadline']}" if r.get("written_deadline") else ""))
        add(f"  Основание: {cite_all(bundle, card['source'][:2])}")
    if view["crisis"]:
        add("")
    summary = view["summary"]
    add(summary["title"])
    for line in summary["lines"]:
        add(f"- {line['label']}: {line['text']}{_cites(bundle, line['source'])}")
    add("")
    if view["sections"]:
        add("Подробнее (на странице — свёрнуто): " + "; ".join(s["title"] for s in view["sections"]) + ".")
    add(f"{j['short']}. {view['disclaimer']}")
    return "\n".join(lines)


def render_full_text(bundle, view: dict, result: dict) -> str:
    """Everything: the default view, each section opened, the project's readings, then the engine's text."""
    out = [render_view_text(bundle, view), ""]
    for section in view["sections"]:
        out.append(section["title"].upper())
        for item in section["items"]:
            out.append(f"- {item['label']}" + (f". {item['text']}" if item.get("text") else "")
                       + _cites(bundle, item["source"]))
            out += [f"    {d['label']}: {d['text']}" for d in item["details"]]
            if item["because"]:
                out.append("    Почему: " + "; ".join(item["because"]))
        out.append("")
    if view["interpretations"]:
        out.append("ТОЛКОВАНИЯ ПРОЕКТА (не слова документа)")
        out += [f"- {i['label']}: {i['short']}" for i in view["interpretations"]]
        out.append("")
    out += ["ПОЛНЫЙ РАЗБОР", render_text(bundle, result)]
    return "\n".join(out)
