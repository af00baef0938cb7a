"""The bundle as open data: `data/bundle.json` next to a page that describes its shape, with the counts of
the bundle actually published."""
from __future__ import annotations

import json

from checker.bundle import BUNDLE_SCHEMA, SECTIONS, iter_items

BUNDLE_FILE = "data/bundle.json"

TOP = {
    "schema": "номер версии формата (сейчас {schema}); меняется, если меняется форма данных",
    "version": "отпечаток содержания: меняется при любой правке `criteria/`",
    "documents": "документы по их id: описание источника (`source`) и разделы",
    "signs": "признаки — обстоятельства, о которых спрашивает проверка (`id`, `label`, `topic`, `danger`…)",
    "facts": "факты — числа и «да/нет» (возраст детей, срок в замещающей семье…)",
    "topics": "темы, по которым сгруппированы признаки",
    "roles": "роли читателя (педагог, медик, куратор, семья…)",
    "interpretations": "толкования, общие для всех документов",
}
SECTION_TEXT = {
    "urgent": "что делать при угрозе ребёнку: `action`, `call`, `report` (кому, срок, форма)",
    "signals": "кто (`roles`) и кому (`recipient`) сообщает, `deadline` как в тексте, `form`",
    "categories": "категории семей, `when` — условие",
    "needs": "обстоятельства, при которых нужна помощь",
    "lists": "перечни критериев и учёты; `items` — критерии",
    "procedures": "порядки действий; `steps` — шаги с `actor`, `action`, `deadline`, `recipient`, `form`",
    "forms": "формы документов: кто заполняет, кому направляется, поля",
    "detection": "кто выявляет семьи и какие у него обязанности",
    "grounds": "основания: `type` — start, end, continue, post",
    "help": "виды помощи: `type` — medical, psychological, pedagogical, legal, social, other",
    "bodies": "органы и организации, их обязанности",
    "glossary": "термины и сокращения",
    "interpretations": "толкования проекта: `question`, `reading`, `reason`, `clauses`, `applies_to`",
}


def page(ctx, path: str):
    from checker.build.site.md import rel
    from checker.build.site.pages import Page
    data = ctx.data
    p = Page(ctx, path, "Открытые данные")
    p.para("Всё, что показывает сайт и на чём работает проверка, собрано в одном файле. Его можно скачать и "
           "использовать в своих программах: правила здесь — данные, а не код.")
    p.para(f"**Файл:** [bundle.json]({rel(path, BUNDLE_FILE)}) — формат {data['schema']}, версия "
           f"`{data.get('version', '')}`, {len(json.dumps(data, ensure_ascii=False).encode()) // 1024} КБ.")
    p.heading(2, "Верхний уровень", "top")
    p.add("| Ключ | Что это | Сколько |", "|---|---|---|")
    for key, text in TOP.items():
        value = data.get(key)
        count = len(value) if isinstance(value, (list, dict)) else ""
        p.add(f"| `{key}` | {text.format(schema=BUNDLE_SCHEMA)} | {count} |")
    p.add("")
    p.heading(2, "Разделы документа", "sections")
    p.para("У каждого документа — `source` (издатель, дата, номер, территория, пункты `clauses`) и разделы. "
           "Раздел — `{defined, items}`; `defined: false` с `note` и `source` значит «документ этого не "
           "устанавливает», и это тоже данные. Уровни — `levels.levels` с `duration`, `caseload`, `visits` и "
           "`indicators`.")
    def counts(name: str, key: str = "items") -> str:
        return ", ".join(f"{ctx.short[d]} {len((doc.get(name) or {}).get(key, []))}" for d, doc in ctx.docs())
    for name in SECTIONS:
        p.add(f"- `{name}` — {SECTION_TEXT.get(name, '')}. Записей: {counts(name)}.")
    p.add(f"- `levels` — уровни сопровождения. Уровней: {counts('levels', 'levels')}.", "")
    total = sum(1 for _, doc in ctx.docs() for _ in iter_items(doc))
    p.heading(2, "Общее у всех записей", "items")
    p.add(f"- `id` (внутри документа) и `gid` = `документ/id` — постоянные; всего записей: {total};",
          "- `label` — кратко; `text`, `note` — Markdown и готовый HTML рядом (`text_html`, `note_html`);",
          "- `source` — список ссылок `{doc, clause, item?, part?}` на пункт документа: **у каждой записи "
          "есть источник**;",
          "- `when` — условие: `{sign}`, `{fact, eq|ne|lt|le|gt|ge|any_lt…: значение}`, `{any: […]}`, "
          "`{all: […]}`, `{not: …}`;",
          "- `interpretations` — толкования проекта, которые касаются записи.", "")
    p.heading(2, "Условия использования", "license")
    p.para("Тексты документов — официальные документы органов власти и учреждений. Пересказы, толкования и "
           "структура — работа проекта; при использовании указывайте источник и версию файла. Толкования — "
           "мнение проекта, а не текст документа.")
    return p


def bundle_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
