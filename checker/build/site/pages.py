"""The knowledge base's generated pages, made from the compiled bundle at build time (never committed).

`generate_pages(data)` yields `(path inside docs/, Markdown)`; `nav(data, nav)` puts them in the menu.
Every item gets the anchor `checker.urls` names, every clause of every document gets one on its clause
index, and every citation links to its clause — `mkdocs build --strict` then checks all of those links.
"""
from __future__ import annotations

import html

from checker import urls
from checker.bundle import iter_items
from checker.present import HELP_KINDS
from checker.build.site import compare
from checker.build.site.md import SIGNS_MD, condition, esc, indent, link_item, rel, sources

DOCUMENTS_MD = "documents/index.md"
OPEN_DATA_MD = "data/bundle.md"
COMMON_INTERPRETATIONS_MD = "interpretations.md"
COMMON_MD = "common.md"

def json_str(text: str) -> str:
    """A YAML-safe scalar for front matter (JSON strings are valid YAML)."""
    import json
    return json.dumps(text, ensure_ascii=False)


# The kinds of help in the page's order, named as the checker names them (checker/present.py).
HELP_TYPES = {kind: HELP_KINDS[kind] for kind in ("medical", "psychological", "pedagogical", "legal", "social", "other")}
GROUND_TYPES = {"start": "Основания начать сопровождение", "end": "Основания завершить сопровождение",
                "continue": "Основания продолжить сопровождение", "post": "После завершения",
                "context": "Связанные положения (это не основания)"}
LEVEL_PARAMS = (("duration", "Срок сопровождения"), ("caseload", "Нагрузка на куратора"),
                ("visits", "Посещения семьи"))


def level_value(key: str, value: dict) -> str:
    if value.get("defined") is False:
        return "не установлено"
    if key == "duration" and value.get("months"):
        return f"до {value['months']} мес."
    if key == "caseload" and value.get("max"):
        return f"не более {value['max']} семей"
    if key == "visits":
        return value.get("text") or (f"{value['per_month']} в месяц" if value.get("per_month") else "—")
    return "—"


class Ctx:
    """What every page needs: the bundle, lookups, and the interpretations by id."""

    def __init__(self, data: dict):
        self.data = data
        self.signs = {s["id"]: s for s in data["signs"]}
        self.facts = {f["id"]: f for f in data["facts"]}
        self.short = {d: doc["source"].get("short", d) for d, doc in data["documents"].items()}
        self.items: dict[str, dict] = {}
        for doc in data["documents"].values():
            for entry in iter_items(doc):
                self.items[entry["gid"]] = entry
        for entry in data.get("interpretations", []):
            self.items[entry["gid"]] = entry
        self.common = (data.get("crisis") or {}).get("items", []) + (data.get("federal") or {}).get("items", [])
        for entry in self.common:
            self.items[entry["gid"]] = entry
        self.federal = (data.get("federal") or {}).get("sources", [])
        for source in self.federal:
            self.short[source["id"]] = source.get("short", source["id"])

    def source(self, doc_id: str) -> dict | None:
        if doc_id in self.data["documents"]:
            return self.data["documents"][doc_id]["source"]
        return next((s for s in self.federal if s["id"] == doc_id), None)

    def docs(self):
        return sorted(self.data["documents"].items(), key=lambda kv: kv[1]["source"].get("short", kv[0]))


class Page:
    def __init__(self, ctx: Ctx, path: str, title: str, doc_id: str | None = None):
        self.ctx, self.path, self.doc_id = ctx, path, doc_id
        self.lines: list[str] = []
        self.meta: list[str] = []
        self.title = title

    def add(self, *lines: str) -> "Page":
        self.lines.extend(lines)
        return self

    def para(self, text: str | None) -> None:
        if text:
            self.add(text.strip(), "")

    def src(self, cites: list, prefix: str = "Источник") -> str:
        return f"{prefix}: {sources(self.path, cites)}" if cites else ""

    def source_line(self, cites: list) -> None:
        if cites:
            self.add(self.src(cites), "{ .kb-src data-search-exclude }", "")

    def when(self, node: dict | None, label: str = "Проверка учитывает") -> None:
        if node:
            self.add(f"{label}: {condition(self.path, node, self.ctx.signs, self.ctx.facts)}", "{ .kb-when data-search-exclude }", "")

    def readings(self, gids: list | None) -> None:
        """The project's readings of the text, apart from what the document says, next to the item: one
        collapsed box (several readings share it), each naming its clauses and linking to the full text."""
        entries = [self.ctx.items[g] for g in gids or [] if g in self.ctx.items]
        if not entries:
            return
        body = []
        for entry in entries:
            clauses = sources(self.path, [c for group in entry["clauses"] for c in group], None)
            text = " ".join((entry.get("short") or entry["reading"]).split())
            body += [f"**{esc(entry['label'])}.** {text} ", f"Пункты: {clauses}. "
                     f"{link_item(self.path, entry, 'Вопрос и обоснование')}", ""]
        title = (f"Как мы это читаем: {esc(entries[0]['label'])}" if len(entries) == 1
                 else f"Как мы это читаем — толкований: {len(entries)}").replace('"', "«")
        if len(entries) == 1:
            body[0] = body[0].split(".** ", 1)[1]
        self.add('<div class="kb-reading-wrap" data-search-exclude="1" markdown>', "",
                 f'??? kb-reading "{title}"', indent("\n".join(body)), "", "</div>", "")

    def heading(self, level: int, text: str, anchor: str | None = None) -> None:
        self.add("#" * level + " " + esc(text) + (f" {{ #{anchor} }}" if anchor else ""), "")

    def render(self) -> str:
        title, lead = self.title, []
        if self.doc_id and not self.path.endswith("/index.md"):
            source = self.ctx.source(self.doc_id)
            if source:          # which document this page is about, on the page and in the tab title
                title = f"{source.get('short', self.doc_id)}: {self.title}"
                lead = [f"[{esc(source.get('short', self.doc_id))} · {esc(source.get('kind') or 'документ')}]"
                        f"({rel(self.path, urls.page_md(self.doc_id, 'index'))}){{ .kb-doc }}", ""]
        head = ["---", f"title: {json_str(title)}"] + self.meta + ["---", ""]
        return "\n".join(head + [f"# {esc(self.title)}", ""] + lead + self.lines) + "\n"


# ---------------------------------------------------------------- document pages

def _not_defined(page: Page, section: dict, what: str) -> bool:
    if section.get("defined") is not False:
        return False
    page.add(f'!!! info "{what}"', "", indent(section.get("note", "").strip()), "")
    if section.get("source"):
        page.add(indent(page.src(section["source"])), "")
    if section.get("see"):
        see = ", ".join(link_item(page.path, page.ctx.items[g]) for g in section["see"] if g in page.ctx.items)
        if see:
            page.add(indent(f"См. также: {see}."), "")
    return True


def _item(page: Page, entry: dict, level: int = 2, fields: tuple = ()) -> None:
    page.heading(level, entry["label"], entry["id"])
    page.para(entry.get("text"))
    for key, label in fields:
        value = entry.get(key)
        if value:
            page.add(f"**{label}:** {esc(value)}", "")
    page.when(entry.get("when"))
    page.para(entry.get("note"))
    page.source_line(entry["source"])
    page.readings(entry.get("interpretations"))


def page_index(ctx: Ctx, doc_id: str, doc: dict, present: list[str]) -> Page:
    s = doc["source"]
    page = Page(ctx, urls.page_md(doc_id, "index"), f"{s['short']}: {s.get('kind') or 'документ'}", doc_id)
    page.para(f"**{esc(s['title'])}**")
    rows = [("Кто издал", s.get("issuer")), ("Дата", _date(s.get("date"))), ("Номер", s.get("number")),
            ("Территория", s.get("territory")), ("Кто организует сопровождение", s.get("organiser")),
            ("Кто координирует", s.get("coordinator"))]
    page.add("| | |", "|---|---|", *[f"| {k} | {esc(v)} |" for k, v in rows if v], "")
    if s.get("notes"):
        page.heading(2, "Коротко о документе")
        page.para(s["notes"])
    if s.get("acts"):
        page.heading(2, "На какие акты ссылается")
        for act in s["acts"]:
            page.add(f"- {esc(act['title'])}" + (f" — {esc(act['note'])}" if act.get("note") else ""))
        page.add("")
    page.heading(2, "Что есть в документе")
    for section in present:
        if section != "index":
            page.add(f"- [{urls.DOCUMENT_PAGES[section]}]({rel(page.path, urls.page_md(doc_id, section))})")
    page.add("")
    return page


def _date(iso: str | None) -> str | None:
    if not iso or len(iso) != 10:
        return iso
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}"


def page_categories(ctx, doc_id, doc) -> Page | None:
    cats, needs = doc.get("categories", {}), doc.get("needs", {})
    if not cats.get("items") and cats.get("defined") is not False and not needs.get("items"):
        return None
    page = Page(ctx, urls.page_md(doc_id, "categories"), "Категории семей", doc_id)
    page.para("Кому документ предлагает сопровождение: категории семей и обстоятельства, при которых семье "
              "нужна помощь. Формулировки — пересказ текста; точный текст — в пунктах, на которые ведут ссылки.")
    if not _not_defined(page, cats, "Документ не перечисляет категорий семей"):
        page.heading(2, "Категории")
        for entry in cats.get("items", []):
            _item(page, entry, 3)
    if needs.get("items") or needs.get("defined") is False:
        page.heading(2, "Обстоятельства, при которых семье нужна помощь")
        if not _not_defined(page, needs, "Документ не перечисляет обстоятельств"):
            for entry in needs["items"]:
                _item(page, entry, 3)
    return page


def page_levels(ctx, doc_id, doc) -> Page | None:
    levels = doc.get("levels")
    if not levels:
        return None
    page = Page(ctx, urls.page_md(doc_id, "levels"), "Уровни сопровождения", doc_id)
    if _not_defined(page, levels, "Документ не устанавливает уровней сопровождения"):
        return page
    page.para(levels.get("note"))
    page.source_line(levels.get("source"))
    if levels.get("selection"):
        page.readings([levels["selection"]])
    page.heading(2, "Уровни коротко")
    page.add("| Уровень | " + " | ".join(label for _, label in LEVEL_PARAMS) + " | Показателей |",
             "|---|" + "---|" * len(LEVEL_PARAMS) + "---|")
    for level in levels["levels"]:
        cells = [f"{level_value(k, level[k])} ({sources(page.path, level[k]['source'])})" for k, _ in LEVEL_PARAMS]
        page.add(f"| [{esc(level['label'])}](#{level['id']}) | " + " | ".join(cells) + f" | {len(level['indicators'])} |")
    page.add("")
    for level in sorted(levels["levels"], key=lambda lv: lv["rank"]):
        page.heading(2, level["label"], level["id"])
        page.para(level.get("purpose"))
        page.para(level.get("text"))
        for key, label in LEVEL_PARAMS:
            value = level[key]
            page.add(f"**{label}:** {level_value(key, value)}. {page.src(value['source'])}", "")
            if value.get("note"):
                page.para(value["note"])
        page.para(level.get("note"))
        page.source_line(level["source"])
        page.readings(level.get("interpretations"))
        page.add(f"**Показатели уровня «{esc(level['label'])}»**", "")
        for n, ind in enumerate(level["indicators"], 1):
            _sub(page, ind, n)
    return page


def _sub(page: Page, entry: dict, n: int, extra: list[str] | None = None) -> None:
    """A numbered sub-item (indicator, criterion, step) as a block with its own anchor."""
    lines = [f"**{n}.** {esc(entry.get('label') or entry.get('action'))}"]
    lines += extra or []
    if entry.get("when"):
        lines.append(f"<span class=\"kb-when\" data-search-exclude=\"1\">Проверка учитывает: "
                     f"{condition(page.path, entry['when'], page.ctx.signs, page.ctx.facts)}</span>")
    lines.append(f"<span class=\"kb-src\" data-search-exclude=\"1\">{page.src(entry['source'])}</span>")
    page.add(f'<div class="kb-sub" id="{entry["id"]}" markdown>', "", "<br>\n".join(lines), "", "</div>", "")
    page.readings(entry.get("interpretations"))


def _section_page(ctx, doc_id: str, doc: dict, name: str) -> tuple[Page | None, dict]:
    """The page of one section of a document, titled as urls.DOCUMENT_PAGES names it; no page when the
    document neither has the section nor says it does not define it."""
    section = doc.get(name, {})
    if not section.get("items") and section.get("defined") is not False:
        return None, section
    return Page(ctx, urls.page_md(doc_id, name), urls.DOCUMENT_PAGES[name], doc_id), section


def page_lists(ctx, doc_id, doc) -> Page | None:
    page, lists = _section_page(ctx, doc_id, doc, "lists")
    if page is None:
        return None
    if _not_defined(page, lists, "Документ не устанавливает перечней"):
        return page
    for entry in lists["items"]:
        page.heading(2, entry["label"], entry["id"])
        page.para(entry.get("purpose"))
        page.para(entry.get("text"))
        if entry.get("register"):
            page.add("**Учёт:**", "")
            page.para(entry["register"])
        page.when(entry.get("applies"), "Применяется, когда")
        if entry.get("used_by"):
            page.add("**Кто пользуется перечнем:** " + ", ".join(
                link_item(page.path, ctx.items[g]) for g in entry["used_by"] if g in ctx.items), "")
        if entry.get("form"):
            page.add(f"**Форма:** {link_item(page.path, ctx.items[entry['form']])}", "")
        page.source_line(entry["source"])
        page.readings(entry.get("interpretations"))
        for n, crit in enumerate(entry["items"], 1):
            extra = []
            if crit.get("subitems"):
                extra.append("; ".join(esc(s["label"]) for s in crit["subitems"]))
            if crit.get("detected_by"):
                extra.append("Выявляют: " + ", ".join(link_item(page.path, ctx.items[g], ctx.items[g].get("abbr"))
                                                       for g in crit["detected_by"] if g in ctx.items))
            if crit.get("documents"):
                extra.append("Подтверждают: " + esc(crit["documents"]))
            _sub(page, crit, n, extra)
    return page


def _deadline(d: dict | None) -> str:
    return esc(d["text"]) if d else "срок не указан"


def page_signals(ctx, doc_id, doc) -> Page | None:
    urgent, signals, detection = (doc.get(k, {}) for k in ("urgent", "signals", "detection"))
    if not any(s.get("items") or s.get("defined") is False for s in (urgent, signals, detection)):
        return None
    page = Page(ctx, urls.page_md(doc_id, "signals"), "Срочные действия и сигналы", doc_id)
    page.para("Что делать, если ребёнку угрожает опасность, кто и кому сообщает о неблагополучии семьи, "
              "в какой форме и в какой срок. Сроки приведены так, как они написаны в документе.")
    if urgent.get("items"):
        page.heading(2, "Если ребёнку угрожает опасность")
        for entry in urgent["items"]:
            page.heading(3, entry["label"], entry["id"])
            page.add('!!! danger "Что делать сейчас"', "", indent(entry["action"].strip()), "")
            if entry.get("call"):
                page.add(*[f"- {esc(c)}" for c in entry["call"]], "")
            report = entry.get("report")
            if report:
                page.add(f"**Кому сообщить:** {esc(report['recipient'])}", "",
                         f"**Срок:** {_deadline(report['deadline'])}", "")
                if report.get("written_deadline"):
                    page.add(f"**Письменно:** {_deadline(report['written_deadline'])}", "")
                if report.get("form"):
                    page.add(f"**Форма:** {link_item(page.path, ctx.items[report['form']])}", "")
            page.when(entry.get("when"))
            page.para(entry.get("note"))
            page.source_line(entry["source"])
            page.readings(entry.get("interpretations"))
    page.heading(2, "Сигналы о неблагополучии")
    if not _not_defined(page, signals, "Документ не устанавливает, кто и как сообщает"):
        for entry in signals.get("items", []):
            page.heading(3, entry["label"], entry["id"])
            page.para(entry.get("text"))
            rows = [("Кому", esc(entry["recipient"])), ("Через кого", esc(entry.get("via") or "")),
                    ("Срок", _deadline(entry["deadline"])),
                    ("Письменно", _deadline(entry["written_deadline"]) if entry.get("written_deadline") else ""),
                    ("Форма", link_item(page.path, ctx.items[entry["form"]]) if entry.get("form") else ""),
                    ("Кто сообщает", ", ".join(esc(r["label"]) for r in ctx.data["roles"]
                                               if r["id"] in (entry.get("roles") or [])))]
            page.add(*[f"**{k}:** {v}  " for k, v in rows if v], "")
            page.when(entry.get("when"))
            page.para(entry.get("note"))
            page.source_line(entry["source"])
            page.readings(entry.get("interpretations"))
    if detection.get("items") or detection.get("defined") is False:
        page.heading(2, "Кто выявляет семьи")
        if not _not_defined(page, detection, "Документ не распределяет выявление по органам"):
            for entry in detection["items"]:
                page.heading(3, entry["label"], entry["id"])
                actor = ctx.items.get(entry["actor"])
                if actor:
                    page.add(f"**Кто:** {link_item(page.path, actor)}", "")
                page.para(entry.get("text"))
                for duty in entry.get("duties") or []:
                    page.add(f"- {esc(duty['label'])} ({sources(page.path, duty.get('source'))})")
                page.add("")
                page.source_line(entry["source"])
                page.readings(entry.get("interpretations"))
    return page


def flow(procedure: dict) -> str:
    """The steps at a glance, top-down: who does what and by when, each box linking to the step's full
    description below. Plain HTML and CSS (assets/kb.css): no diagram library to download, text a screen
    reader reads in order, and it prints."""
    def text(value: str, limit: int) -> str:
        value = html.escape(value.replace("**", "").replace("`", "").replace("\n", " "), quote=False)
        return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"
    boxes = []
    for n, step in enumerate(procedure["steps"], 1):
        when = ""
        if step.get("deadline") and step["deadline"].get("unit") != "none":
            when = f'<span class="kb-flow-when">{text(step["deadline"]["text"], 80)}</span>'
        boxes.append(f'<li><a href="#{step["id"]}"><span class="kb-flow-who">Шаг {n}. {text(step["actor"], 70)}</span>'
                     f'<span class="kb-flow-what">{text(step["action"], 110)}</span>{when}</a></li>')
    return f'<ol class="kb-flow" aria-label="Шаги по порядку">{"".join(boxes)}</ol>'


def page_procedures(ctx, doc_id, doc) -> Page | None:
    procedures, grounds = doc.get("procedures", {}), doc.get("grounds", {})
    if not procedures.get("items") and not grounds.get("items") and procedures.get("defined") is not False:
        return None
    page = Page(ctx, urls.page_md(doc_id, "procedures"), "Порядок действий и сроки", doc_id)
    if not _not_defined(page, procedures, "Документ не описывает порядка действий"):
        for entry in procedures["items"]:
            page.heading(2, entry["label"], entry["id"])
            page.para(entry.get("text"))
            if entry.get("track"):
                page.add(f"**Направление:** {esc(entry['track'])}", "")
            page.when(entry.get("when"), "Применяется, когда")
            page.para(entry.get("note"))
            page.source_line(entry["source"])
            page.readings(entry.get("interpretations"))
            page.add('<div class="kb-diagram" data-search-exclude="1">' + flow(entry) + "</div>", "")
            for n, step in enumerate(entry["steps"], 1):
                extra = [f"Кто: {esc(step['actor'])}"]
                extra.append(f"Срок: {_deadline(step.get('deadline')) if step.get('deadline') else 'не указан'}")
                if step.get("recipient"):
                    extra.append(f"Кому: {esc(step['recipient'])}")
                if step.get("form"):
                    extra.append(f"Форма: {link_item(page.path, ctx.items[step['form']])}")
                if step.get("note"):
                    extra.append(esc(step["note"]))
                _sub(page, {**step, "label": step["action"]}, n, extra)
    if grounds.get("items") or grounds.get("defined") is False:
        page.heading(2, "Основания начать и завершить сопровождение", "grounds")
        if not _not_defined(page, grounds, "Документ не называет оснований"):
            for kind, title in GROUND_TYPES.items():
                chosen = [g for g in grounds["items"] if g.get("type") == kind]
                if chosen:
                    page.heading(3, title)
                    for n, ground in enumerate(chosen, 1):
                        _sub(page, ground, n, [esc(ground["text"])] if ground.get("text") else None)
    return page


def page_forms(ctx, doc_id, doc) -> Page | None:
    page, forms = _section_page(ctx, doc_id, doc, "forms")
    if page is None:
        return None
    if _not_defined(page, forms, "Документ не устанавливает форм"):
        return page
    for entry in forms["items"]:
        _item(page, entry, 2, (("filled_by", "Кто заполняет"), ("signed_by", "Кто подписывает"),
                               ("sent_to", "Кому направляется")))
        if entry.get("fields"):
            page.add("**Что в форме:**", "")
            page.add(*[f"1. {esc(f['label'])}" + (f" ({sources(page.path, f['source'])})" if f.get("source") else "")
                       for f in entry["fields"]], "")
    return page


def page_help(ctx, doc_id, doc) -> Page | None:
    page, help_ = _section_page(ctx, doc_id, doc, "help")
    if page is None:
        return None
    page.para("Какую помощь документ предусматривает для семьи, по видам.")
    if _not_defined(page, help_, "Документ не перечисляет видов помощи"):
        return page
    for kind, title in HELP_TYPES.items():
        chosen = [h for h in help_["items"] if h.get("type") == kind]
        if chosen:
            page.heading(2, title, f"type-{kind}")
            for n, entry in enumerate(chosen, 1):
                extra = [esc(entry["text"])] if entry.get("text") else []
                if entry.get("note"):
                    extra.append(esc(entry["note"]))
                _sub(page, entry, n, extra)
    return page


def page_glossary(ctx, doc_id, doc) -> Page | None:
    bodies, glossary = doc.get("bodies", {}), doc.get("glossary", {})
    if not bodies.get("items") and not glossary.get("items"):
        return None
    page = Page(ctx, urls.page_md(doc_id, "glossary"), "Органы и термины", doc_id)
    if bodies.get("items"):
        page.heading(2, "Органы и организации")
        for entry in bodies["items"]:
            _item(page, entry, 3, (("abbr", "Сокращение"),))
            for duty in entry.get("duties") or []:
                page.add(f"- {esc(duty['label'])} ({sources(page.path, duty.get('source'))})")
            page.add("")
    if glossary.get("items"):
        page.heading(2, "Термины")
        for entry in glossary["items"]:
            page.add(f'<div class="kb-term" id="{entry["id"]}" markdown>', "",
                     f"**{esc(entry['term'])}**" + (f" ({esc(entry['abbr'])})" if entry.get("abbr") else ""), "",
                     entry["definition"].strip(), "", f"<span class=\"kb-src\" data-search-exclude=\"1\">{page.src(entry['source'])}</span>",
                     "", "</div>", "")
            page.readings(entry.get("interpretations"))
    return page


def _interpretation(page: Page, entry: dict) -> None:
    page.heading(2, entry["label"], urls.item_anchor(entry["gid"]))
    page.add('!!! question "Вопрос"', "", indent(entry["question"].strip()), "")
    page.add('!!! kb-reading "Как мы это читаем (толкование проекта, не текст документа)"', "",
             indent(entry["reading"].strip()), "", indent("**Почему так:**"), "", indent(entry["reason"].strip()), "")
    groups = ["; ".join(sources(page.path, [c], page.ctx.short).split("; ")) for group in entry["clauses"] for c in group]
    page.add("**Пункты:** " + "; ".join(groups), "")
    if entry.get("applies_to"):
        page.add("**Касается:** " + ", ".join(link_item(page.path, page.ctx.items[g])
                                               for g in entry["applies_to"] if g in page.ctx.items), "")


def page_interpretations(ctx, doc_id, doc) -> Page | None:
    interps = doc.get("interpretations", {})
    if not interps.get("items"):
        return None
    page = Page(ctx, urls.page_md(doc_id, "interpretations"), "Толкования проекта", doc_id)
    page.add('!!! note "Что это"', "", indent(
        "Там, где текст документа допускает разные прочтения или чего-то не говорит, мы записываем, как "
        "читаем его мы, и почему. Это мнение проекта, а не текст документа: каждое толкование называет "
        "пункты, к которым относится."), "")
    for entry in interps["items"]:
        _interpretation(page, entry)
    return page


def page_clauses(ctx, doc_id, doc, extra: list | None = None) -> Page:
    page = Page(ctx, urls.page_md(doc_id, "clauses"), "Пункты документа", doc_id)
    cited: dict[str, list[dict]] = {}
    for entry in list(iter_items(doc)) + list(extra or []):
        for c in entry.get("source") or []:
            if c["doc"] == doc_id and entry not in cited.setdefault(c["clause"], []):
                cited[c["clause"]].append(entry)
    seed = doc["source"].get("seed")
    page.para("Каждый пункт документа, который использует сайт, и что из него взято."
              + (f" Номера строк — в исходном тексте документа (`seeds/{esc(seed)}`)." if seed else ""))
    for clause in doc["source"].get("clauses", []):
        title = clause.get("title") or ""
        from checker.cite import clause_text
        page.add(f'<div class="kb-clause" id="{urls.clause_anchor(clause["id"])}" markdown>', "",
                 f"**{esc(clause_text(clause['id']))}**" + (f" — {esc(title)}" if title else "")
                 + (f" <span class=\"kb-lines\">строки {esc(clause['lines'])}</span>" if clause.get("lines") else ""), "")
        if clause.get("note"):
            page.add(clause["note"].strip(), "")
        users = cited.get(clause["id"], [])
        if users:
            page.add("Отсюда: " + ", ".join(link_item(page.path, u) for u in users[:40])
                     + (f" и ещё {len(users) - 40}" if len(users) > 40 else ""), "")
        page.add("</div>", "")
    page.meta.append("search:\n  exclude: true")
    return page


SECTION_BUILDERS = {
    "categories": page_categories, "levels": page_levels, "lists": page_lists, "signals": page_signals,
    "procedures": page_procedures, "forms": page_forms, "help": page_help, "glossary": page_glossary,
    "interpretations": page_interpretations,
}


def document_pages(ctx: Ctx, doc_id: str, doc: dict) -> list[Page]:
    built = {name: make(ctx, doc_id, doc) for name, make in SECTION_BUILDERS.items()}
    built["clauses"] = page_clauses(ctx, doc_id, doc)
    present = ["index"] + [name for name in urls.DOCUMENT_PAGES if built.get(name)]
    pages = [page_index(ctx, doc_id, doc, present)] + [built[name] for name in present[1:]]
    for page in pages:
        page.meta.insert(0, f"kb_doc: {doc_id}")
    return pages


# ---------------------------------------------------------------- site-wide pages

def page_documents(ctx: Ctx) -> Page:
    page = Page(ctx, DOCUMENTS_MD, "Документы")
    page.para("Пять муниципальных документов о социальном сопровождении семей с детьми. Они устроены "
              "по-разному: где-то есть уровни сопровождения, где-то — этапы или учёт семей в социально "
              "опасном положении. Мы показываем каждый документ таким, какой он есть, и сравниваем их "
              f"[рядом]({rel(DOCUMENTS_MD, compare.COMPARE_MD)}).")
    page.add("| Документ | Вид | Дата, номер | Уровни | Категории |", "|---|---|---|---|---|")
    for doc_id, doc in ctx.docs():
        s = doc["source"]
        levels = "есть" if doc.get("levels", {}).get("defined") else "не устанавливает"
        cats = (f"{len(doc['categories']['items'])}" if doc.get("categories", {}).get("items")
                else "не перечисляет")
        page.add(f"| [{esc(s['short'])}]({rel(DOCUMENTS_MD, urls.page_md(doc_id, 'index'))}) | "
                 f"{esc(s.get('kind') or '')} | {_date(s.get('date')) or ''} № {esc(s.get('number') or '—')} | "
                 f"{levels} | {cats} |")
    page.add("")
    return page


def page_common_interpretations(ctx: Ctx) -> Page:
    page = Page(ctx, COMMON_INTERPRETATIONS_MD, "Общие толкования")
    page.para("Толкования, которые касаются всех документов сразу. Толкования отдельного документа — на его "
              "странице «Толкования проекта».")
    for entry in ctx.data.get("interpretations", []):
        _interpretation(page, entry)
    return page


def page_common(ctx: Ctx) -> Page:
    page = Page(ctx, COMMON_MD, "Для всех территорий")
    page.para("Что верно в любой территории, какой бы документ там ни действовал: куда обращаться в беде "
              "и что обязывает сообщать федеральный закон.")
    crisis = (ctx.data.get("crisis") or {}).get("items", [])
    if crisis:
        page.heading(2, "Если помощь нужна сейчас", "crisis")
        for entry in crisis:
            page.heading(3, entry["label"], urls.item_anchor(entry["gid"]))
            page.add('!!! danger "Что делать"', "", indent(entry["action"].strip()), "")
            if entry.get("call"):
                page.add(*[f"- {esc(c)}" for c in entry["call"]], "")
            page.para(entry.get("text"))
            page.when(entry.get("when"))
            page.source_line(entry["source"])
            page.readings(entry.get("interpretations"))
    duties = (ctx.data.get("federal") or {}).get("items", [])
    if duties:
        page.heading(2, "Обязанность сообщать по федеральному закону", "federal")
        for entry in duties:
            page.heading(3, entry.get("about") or entry["label"], urls.item_anchor(entry["gid"]))
            page.para(esc(entry["label"]))
            page.add(f"**Кому:** {esc(entry.get('recipient', ''))}  ",
                     f"**Срок:** {_deadline(entry.get('deadline'))}", "")
            page.when(entry.get("when"))
            page.source_line(entry["source"])
            page.readings(entry.get("interpretations"))
    return page


def federal_pages(ctx: Ctx, source: dict) -> list[Page]:
    doc_id = source["id"]
    index = Page(ctx, urls.page_md(doc_id, "index"), source.get("short", doc_id), doc_id)
    index.para(f"**{esc(source.get('title', ''))}**")
    index.para(source.get("notes"))
    index.add(f"Что сайт берёт из закона — на странице [«Для всех территорий»]({rel(index.path, COMMON_MD, 'federal')}); "
              f"пункты — в [указателе]({rel(index.path, urls.page_md(doc_id, 'clauses'))}).", "")
    clauses = page_clauses(ctx, doc_id, {"source": source}, ctx.common)
    return [index, clauses]


def page_signs(ctx: Ctx) -> Page:
    page = Page(ctx, SIGNS_MD, "Признаки и вопросы проверки")
    page.para("О каких обстоятельствах спрашивает проверка и где каждое из них встречается в документах. "
              "Проверка спрашивает об обстоятельствах, а не о людях.")
    users: dict[str, list[dict]] = {}
    for gid, entry in ctx.items.items():
        if gid.startswith("common/") and entry.get("kind") == "interpretation":
            continue
        for key in ("when", "applies"):
            for atom in _signs_in(entry.get(key)):
                if entry not in users.setdefault(atom, []):
                    users[atom].append(entry)
    for topic in ctx.data["topics"]:
        chosen = [s for s in ctx.data["signs"] if s["topic"] == topic["id"]]
        if not chosen:
            continue
        page.heading(2, topic["label"], f"topic-{topic['id']}")
        for sign in chosen:
            lines = [f"**{esc(sign['label'])}**" + (" — признак опасности" if sign.get("danger") else "")]
            if sign.get("hint"):
                lines.append(esc(sign["hint"]))
            where = users.get(sign["id"], [])
            by_doc: dict[str, list] = {}
            for entry in where:
                by_doc.setdefault(entry["gid"].split("/")[0], []).append(entry)
            for doc_id in sorted(by_doc, key=lambda d: ctx.short.get(d, d)):
                lines.append("<span class=\"kb-src\" data-search-exclude=\"1\">" + f"{esc(ctx.short.get(doc_id, 'Все территории' if doc_id == 'common' else doc_id))}: "
                             + ", ".join(link_item(page.path, e) for e in by_doc[doc_id]) + "</span>")
            if not where:
                lines.append("Ни один документ не связывает с этим признаком отдельного правила.")
            page.add(f'<div class="kb-sub" id="{sign["id"]}" markdown>', "", "<br>\n".join(lines), "", "</div>", "")
    return page


def _signs_in(node):
    if not node:
        return
    if "sign" in node:
        yield node["sign"]
    for key in ("any", "all"):
        for child in node.get(key, []):
            yield from _signs_in(child)
    if "not" in node:
        yield from _signs_in(node["not"])


def page_open_data(ctx: Ctx) -> Page:
    from checker.build.site import opendata
    return opendata.page(ctx, OPEN_DATA_MD)


def generate_pages(data: dict):
    """Every generated page as (path inside docs/, Markdown)."""
    return list(_site(data)[0])


_CACHE: dict = {}


def _site(data: dict) -> tuple[list, list]:
    """Pages and the documents' menu, made once per bundle (the hook asks for both)."""
    key = data.get("version") or id(data)
    if key not in _CACHE:
        ctx = Ctx(data)
        pages = [page_documents(ctx), page_common_interpretations(ctx), page_common(ctx), page_signs(ctx),
                 page_open_data(ctx)]
        menu = [{"Все документы": DOCUMENTS_MD}]
        for doc_id, doc in ctx.docs():
            built = document_pages(ctx, doc_id, doc)
            pages += built
            menu.append({doc["source"]["short"]: [{_menu_title(p): p.path} for p in built]})
        for source in ctx.federal:
            built = federal_pages(ctx, source)
            pages += built
            menu.append({source.get("short", source["id"]): [{"О законе": built[0].path},
                                                               {"Пункты закона": built[1].path}]})
        out = [(p.path, p.render()) for p in pages] + compare.pages(ctx)
        _CACHE.clear()
        _CACHE[key] = (out, menu)
    return _CACHE[key]


def _menu_title(page: "Page") -> str:
    section = page.path.rsplit("/", 1)[-1][:-3]
    return urls.DOCUMENT_PAGES.get(section, page.title)


def nav(data: dict, nav: list) -> list:
    """The hand-written menu with the generated sections put in their places (`"@documents"` and so on)."""
    documents = _site(data)[1]
    generated = {
        "@documents": {"Документы": documents},
        "@compare": {"Сравнение документов": compare.nav()},
        "@reference": {"Справочник": [{"Для всех территорий": COMMON_MD},
                                      {"Признаки и вопросы проверки": SIGNS_MD},
                                      {"Общие толкования": COMMON_INTERPRETATIONS_MD},
                                      {"Открытые данные": OPEN_DATA_MD}]},
    }
    out, placed = [], set()
    for entry in nav:
        key = entry if isinstance(entry, str) else None
        if isinstance(entry, dict) and len(entry) == 1:
            value = next(iter(entry.values()))
            key = value if isinstance(value, str) else None
        if key in generated:
            out.append(generated[key])
            placed.add(key)
        else:
            out.append(entry)
    for key, value in generated.items():
        if key not in placed:
            out.append(value)
    return out
