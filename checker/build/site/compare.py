"""Comparison pages: the five documents side by side. Every cell names what the document says and links to
the clause it comes from; where a document does not define something, the cell says so and links to the
clause that shows it (the section's own source), so nothing is filled in from another document."""
from __future__ import annotations

import re

from checker import urls
from checker.bundle import condition_atoms
from checker.build.site.md import condition, esc, rel, sources

COMPARE_MD = "compare/index.md"
PAGES = {  # file -> menu title
    "compare/categories.md": "Категории семей",
    "compare/levels.md": "Уровни сопровождения",
    "compare/programme.md": "Индивидуальная программа",
    "compare/grounds.md": "Начало и завершение",
    "compare/deadlines.md": "Сроки сообщений",
}
LEVEL_IDS = ("adaptive", "basic", "crisis", "emergency")
_PROGRAMME = re.compile(r"програм|ипсс", re.I)
_DRAFT = re.compile(r"^(составл|разрабатыва|формирует|готовит проект|составить)|разрабатывается", re.I)
_APPROVE = re.compile(r"утвержда|утвердить|согласует", re.I)
_NOT_APPROVE = re.compile(r"дополнени|утверждённ|согласованн", re.I)


def nav() -> list:
    return [{"Обзор": COMPARE_MD}] + [{title: path} for path, title in PAGES.items()]


class Table:
    def __init__(self, ctx, here: str, first: str):
        self.ctx, self.here = ctx, here
        self.docs = ctx.docs()
        self.lines = ["| " + (first or "Что сравниваем") + " | " + " | ".join(
            f"[{esc(doc['source']['short'])}]({rel(here, urls.page_md(d, 'index'))})" for d, doc in self.docs) + " |",
            "|---" * (len(self.docs) + 1) + "|"]

    def row(self, label: str, cells: list[str]) -> None:
        self.lines.append(f"| {label} | " + " | ".join(c or "—" for c in cells) + " |")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def cell(here: str, label: str, cites: list) -> str:
    return f"{esc(label)} ({sources(here, cites)})"


def _section_source(doc: dict, *names: str) -> list:
    """The clauses behind a section as a whole: its own source, or its first item's."""
    for name in names:
        section = doc.get(name) or {}
        if section.get("source"):
            return section["source"][:1]
        items = section.get("items") or section.get("levels") or []
        if items:
            return items[0]["source"][:1]
    return []


def _not_defined_cell(here: str, doc: dict, name: str, text: str) -> str:
    cites = _section_source(doc, name)
    return f"*{text}* ({sources(here, cites)})" if cites else ""


def _empty_cell(here: str, doc: dict, name: str, absent: str, undefined: str) -> str:
    """A cell with nothing to show: the document's section has other items (`absent`), or the document
    does not define the section at all (`undefined`); either way cited."""
    if (doc.get(name) or {}).get("items"):
        return f"*{absent}* ({sources(here, _section_source(doc, name))})"
    return _not_defined_cell(here, doc, name, undefined)


def page_categories(ctx) -> str:
    here = "compare/categories.md"
    out = ["# Категории семей в пяти документах", "",
           "Строка таблицы — обстоятельство, которое проверка спрашивает у человека; в ячейке — категория "
           "документа, в которую семья попадает при этом обстоятельстве, и пункт, откуда она. Строки, где "
           "заполнена одна ячейка, показывают, чем документы расходятся.", ""]
    rows: dict[str, dict[str, list]] = {}
    order: list[str] = []
    for doc_id, doc in ctx.docs():
        for entry in (doc.get("categories") or {}).get("items", []):
            atoms = list(condition_atoms(entry["when"])) if entry.get("when") else [("none", entry["id"])]
            kind, name = atoms[0]
            key = f"{kind}:{name}"
            if key not in rows:
                rows[key] = {}
                order.append(key)
            rows[key].setdefault(doc_id, []).append(entry)
    table = Table(ctx, here, "Обстоятельство")
    for key in order:
        kind, name = key.split(":", 1)
        if kind == "sign":
            label = condition(here, {"sign": name}, ctx.signs, ctx.facts)
        elif kind == "fact":
            label = esc(ctx.facts.get(name, {}).get("label", name).rstrip("?"))
        else:
            first = next(iter(rows[key].values()))[0]
            label = esc(first["label"])
        cells = []
        for doc_id, doc in ctx.docs():
            entries = rows[key].get(doc_id)
            if entries:
                cells.append("<br>".join(cell(here, e["label"], e["source"][:1]) for e in entries))
            else:
                cells.append(_empty_cell(here, doc, "categories", "нет в перечне", "категорий не перечисляет"))
        table.row(label, cells)
    out += [table.text()]
    return "\n".join(out)


def page_levels(ctx) -> str:
    here = "compare/levels.md"
    out = ["# Уровни сопровождения в пяти документах", "",
           "Таганрог и Когалым делят сопровождение на четыре уровня, но с разными показателями, нагрузкой и "
           "частотой встреч. Остальные документы уровней не устанавливают — это сказано в ячейке, ничего не "
           "подставлено из других документов.", ""]
    from checker.build.site.pages import LEVEL_PARAMS, level_value
    params = list(LEVEL_PARAMS) + [("indicators", "Показатели уровня")]
    for key, title in params:
        out += [f"## {title}", ""]
        table = Table(ctx, here, "Уровень")
        labels = {}
        for _, doc in ctx.docs():
            for level in (doc.get("levels") or {}).get("levels", []):
                labels.setdefault(level["id"], level["label"])
        for level_id in LEVEL_IDS:
            cells = []
            for doc_id, doc in ctx.docs():
                levels = doc.get("levels") or {}
                level = next((lv for lv in levels.get("levels", []) if lv["id"] == level_id), None)
                if not levels.get("defined"):
                    cells.append(_not_defined_cell(here, doc, "levels", "уровней не устанавливает"))
                elif level is None:
                    cells.append(f"*такого уровня нет* ({sources(here, levels['source'][:1])})")
                elif key == "indicators":
                    link = f"[{len(level['indicators'])} показ.]({rel(here, urls.page_md(doc_id, 'levels'), level['id'])})"
                    cites = []
                    for ind in level["indicators"]:
                        for c in ind["source"][:1]:
                            if c["clause"] not in [x["clause"] for x in cites]:
                                cites.append({"doc": c["doc"], "clause": c["clause"], **({"part": c["part"]} if c.get("part") else {})})
                    cells.append(f"{link} ({sources(here, cites[:2])})")
                else:
                    value = level[key]
                    cells.append(cell(here, level_value(key, value), value["source"][:1]))
            table.row(esc(labels.get(level_id, level_id)), cells)
        out += [table.text()]
    return "\n".join(out)


def programme_rows(doc: dict) -> tuple[list, list]:
    drafts, approvals = [], []
    for proc in (doc.get("procedures") or {}).get("items", []):
        for step in proc["steps"]:
            action = step["action"]
            if not _PROGRAMME.search(action):
                continue
            if _DRAFT.search(action.strip()):
                drafts.append(step)
            if _APPROVE.search(action) and not _NOT_APPROVE.search(action):
                approvals.append(step)
    return drafts, approvals


def page_programme(ctx) -> str:
    here = "compare/programme.md"
    out = ["# Кто составляет и кто утверждает индивидуальную программу", "",
           "Индивидуальная программа сопровождения (ИПСС, ИПССС) — план мероприятий для семьи. Ниже — шаги "
           "порядка действий, где документ говорит, кто её составляет и кто утверждает или согласует.", ""]
    table = Table(ctx, here, "")
    drafts_row, approve_row, deadline_row = [], [], []
    for doc_id, doc in ctx.docs():
        drafts, approvals = programme_rows(doc)

        def say(steps, empty):
            if steps:
                return "<br>".join(f"**{esc(s['actor'])}**: {cell(here, s['action'], s['source'][:1])}"
                                   for s in steps)
            anchor = drafts or approvals or []
            cites = anchor[0]["source"][:1] if anchor else _section_source(doc, "procedures")
            return f"*{empty}* ({sources(here, cites)})" if cites else ""
        drafts_row.append(say(drafts, "документ не называет"))
        approve_row.append(say(approvals, "утверждение не предусмотрено или не названо"))
        timed = [s for s in drafts if s.get("deadline") and s["deadline"].get("unit") != "none"]
        deadline_row.append("<br>".join(cell(here, s["deadline"]["text"], s["source"][:1]) for s in timed)
                            or say([], "срок не установлен"))
    table.row("Кто составляет", drafts_row)
    table.row("Срок составления", deadline_row)
    table.row("Кто утверждает или согласует", approve_row)
    out += [table.text()]
    return "\n".join(out)


GROUND_TITLES = {"start": "Начать сопровождение", "end": "Завершить сопровождение",
                 "continue": "Продолжить", "post": "После завершения"}


def page_grounds(ctx) -> str:
    here = "compare/grounds.md"
    out = ["# Основания начать и завершить сопровождение", "",
           "На каком основании семью берут на сопровождение и когда оно заканчивается.", ""]
    table = Table(ctx, here, "Основание")
    for kind, title in GROUND_TITLES.items():
        cells = []
        for doc_id, doc in ctx.docs():
            items = [g for g in (doc.get("grounds") or {}).get("items", []) if g.get("type") == kind]
            if items:
                cells.append("<br>".join(f"• {cell(here, g['label'], g['source'][:1])}" for g in items))
            else:
                cells.append(_empty_cell(here, doc, "grounds", "не названы", "не названы"))
        if any(not c.startswith("*") for c in cells):
            table.row(title, cells)
    out += [table.text()]
    return "\n".join(out)


def page_deadlines(ctx) -> str:
    here = "compare/deadlines.md"
    out = ["# Сроки сообщений", "",
           "Кто, кому и в какой срок сообщает о семье, которой нужна помощь, и об угрозе ребёнку. Сроки "
           "приведены так, как они написаны в документе. Вкладки — по документам.", ""]
    summary = Table(ctx, here, "")
    first, counts = [], []
    for doc_id, doc in ctx.docs():
        items = (doc.get("urgent") or {}).get("items", [])
        urgent = [u for u in items if u.get("report")]
        first.append("<br>".join(cell(here, f"{u['report']['recipient']}: {u['report']['deadline']['text']}",
                                      u["source"][:1]) for u in urgent[:2])
                     or _not_defined_cell(here, doc, "urgent", "срок не установлен"))
        signals = (doc.get("signals") or {}).get("items", [])
        timed = [s for s in signals if s["deadline"].get("unit") not in ("none",)]
        counts.append(f"{len(timed)} из {len(signals)} ({sources(here, _section_source(doc, 'signals'))})"
                      if signals else _not_defined_cell(here, doc, "signals", "не установлены"))
    summary.row("Об угрозе ребёнку", first)
    summary.row("Сигналов со сроком", counts)
    out += [summary.text(), ""]
    for doc_id, doc in ctx.docs():
        out.append(f'=== "{doc["source"]["short"]}"')
        out.append("")
        rows = ["| Что | Кто → кому | Срок | Пункт |", "|---|---|---|---|"]
        for u in (doc.get("urgent") or {}).get("items", []):
            if u.get("report"):
                rows.append(f"| {esc(u['label'])} | → {esc(u['report']['recipient'])} | "
                            f"{esc(u['report']['deadline']['text'])} | {sources(here, u['source'][:1])} |")
        for s in (doc.get("signals") or {}).get("items", []):
            roles = ", ".join(r["label"].split(" (")[0] for r in ctx.data["roles"] if r["id"] in (s.get("roles") or []))
            rows.append(f"| {esc(s['label'])} | {esc(roles)} → {esc(s['recipient'])} | {esc(s['deadline']['text'])}"
                        + (f"; письменно: {esc(s['written_deadline']['text'])}" if s.get("written_deadline") else "")
                        + f" | {sources(here, s['source'][:1])} |")
        out += ["    " + r for r in rows] + [""]
    return "\n".join(out)


def page_overview(ctx) -> str:
    out = ["# Сравнение документов", "",
           "Пять документов решают одну задачу по-разному. Здесь они рядом: в каждой ячейке — что говорит "
           "документ и ссылка на пункт. Где документ чего-то не устанавливает, так и написано.", ""]
    out += [f"- [{title}]({rel(COMPARE_MD, path)})" for path, title in PAGES.items()]
    out += ["", "## Что в каком документе есть", ""]
    table = Table(ctx, COMPARE_MD, "")
    for name, title in (("categories", "Категории семей"), ("levels", "Уровни"), ("lists", "Перечни и учёты"),
                        ("procedures", "Порядки действий"), ("forms", "Формы"), ("help", "Виды помощи")):
        cells = []
        for doc_id, doc in ctx.docs():
            section = doc.get(name) or {}
            items = section.get("items") or section.get("levels") or []
            if items:
                cells.append(f"[{len(items)}]({rel(COMPARE_MD, urls.page_md(doc_id, urls.KIND_PAGE.get(items[0].get('kind'), name)))}) "
                             f"({sources(COMPARE_MD, _section_source(doc, name))})")
            elif section.get("defined") is False:
                cells.append(_not_defined_cell(COMPARE_MD, doc, name, "не устанавливает"))
            else:
                cells.append("—")
        table.row(title, cells)
    out += [table.text()]
    return "\n".join(out)


def pages(ctx) -> list[tuple[str, str]]:
    # the tables repeat what the document pages say: only the overview is in the search index
    lean = "---\nsearch:\n  exclude: true\n---\n\n"
    return [(COMPARE_MD, page_overview(ctx)), ("compare/categories.md", lean + page_categories(ctx)),
            ("compare/levels.md", lean + page_levels(ctx)), ("compare/programme.md", lean + page_programme(ctx)),
            ("compare/grounds.md", lean + page_grounds(ctx)), ("compare/deadlines.md", lean + page_deadlines(ctx))]
