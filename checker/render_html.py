"""HTML of a checker result, shown on the checker page under the form (the Web Worker calls this).

Standard library only: the module runs in Pyodide. Every piece of text passes through `escape` (what
`html.escape` does, without importing `html`, whose entity table costs the page's cold start ~20 ms);
the few Markdown marks curators use (paragraphs, lists, **bold**, `code`) become tags only after
escaping. No `<script>` and no `style=`: the page's Content-Security-Policy forbids inline code and styles.

It renders the role view of checker/present.py and decides nothing: what to do now (tap-to-call), the key
answer with its few lines, then every other section folded, the project's readings and the disclaimer.

>>> _md("Документ **не делит** сопровождение:\\n\\n- по ИПССС;\\n- по этапам.")
'<p>Документ <strong>не делит</strong> сопровождение:</p><ul><li>по ИПССС;</li><li>по этапам.</li></ul>'
>>> _items_text([1, 2, 3, 5])
'позиции 1–3, 5'
>>> print(render_error(InputError("signs.1", "неизвестный признак '<x>'")).split("</p>")[0])
<div class="cs-error" role="alert"><p><strong>Ответы не удалось проверить:</strong> неизвестный признак &#x27;&lt;x&gt;&#x27;.
"""
from __future__ import annotations

import functools
import re

from .bundle import Bundle
from .cite import clause_text
from .model import OTHER, InputError
from .urls import COMPARE_PAGE, clause_url, item_url, page_path

NOT_SET = "документ не устанавливает"
PRIVACY = ("Ответы никуда не отправляются и нигде не сохраняются: они есть только в этой вкладке, "
           "пока она открыта.")


def escape(text: str) -> str:
    """The same as `html.escape(text)`.

    >>> escape("<b class='x'>Tom & Jerry</b>")
    '&lt;b class=&#x27;x&#x27;&gt;Tom &amp; Jerry&lt;/b&gt;'
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


@functools.lru_cache(maxsize=16384)     # labels and clause names recur in every result
def _e(text) -> str:
    return escape(str(text))


# --- a little Markdown, after escaping --------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^[-*+]\s+")
_NUMBER = re.compile(r"^(\d+)[.)]\s+")


@functools.lru_cache(maxsize=8192)     # pure, and the same texts recur in every result
def _inline(text: str, tel: bool = False) -> str:
    """**bold** and `code` after escaping; with `tel`, phone numbers become tap-to-call links (the key
    answer's lines; criteria texts keep the build's Markdown, checked to agree with it)."""
    return _BOLD.sub(r"<strong>\1</strong>", _CODE.sub(r"<code>\1</code>", _phones(text) if tel else _e(text)))


@functools.lru_cache(maxsize=4096)
def _md(text: str | None) -> str:
    """Paragraphs, flat lists, **bold** and `code` — all the Markdown the criteria use."""
    blocks: list[tuple[str, list[str]]] = []     # ("p", lines) or ("ul"/"ol", items)
    blank = True
    for line in (text or "").splitlines():
        stripped = line.strip()
        bullet, number = _BULLET.match(stripped), _NUMBER.match(stripped)
        kind = blocks[-1][0] if blocks else None
        if not stripped:
            blank = True
            continue
        if bullet or number and (kind == "ol" or blank or number.group(1) == "1"):
            tag = "ul" if bullet else "ol"
            marker = bullet or number
            if kind != tag:
                blocks.append((tag, []))
            blocks[-1][1].append(stripped[marker.end():])
        elif kind in ("ul", "ol") and (line[:1].isspace() or not blank):
            blocks[-1][1][-1] += "\n" + stripped      # the item goes on (indented or lazy line)
        elif kind == "p" and not blank:
            blocks[-1][1].append(stripped)
        else:
            blocks.append(("p", [stripped]))
        blank = False
    out = []
    for tag, parts in blocks:
        if tag == "p":
            out.append(f"<p>{_inline(chr(10).join(parts))}</p>")
        else:
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(p)}</li>" for p in parts) + f"</{tag}>")
    return "".join(out)


def _name(record: dict) -> str:
    """What a link to an item says: its label, or for a procedure step who does what."""
    if record.get("label"):
        return record["label"]
    action = _BOLD.sub(r"\1", record.get("action", record["gid"])).replace("`", "")
    if action[1:2].islower():                  # «Готовит …», not «КДН …»
        action = action[:1].lower() + action[1:]
    return f"{record['actor']}: {action}" if record.get("actor") else action


def _items_text(items: list[int]) -> str:
    """Item numbers of one clause, consecutive runs joined: 1–3, 5."""
    runs: list[list[int]] = []
    for n in items:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)
    return ("позиции " if len(items) > 1 else "позиция ") + text


# --- pieces every entry uses: reasons, citations, the project's readings -----------------------------

class _Page:
    __slots__ = ("bundle", "base", "_made")

    def __init__(self, bundle: Bundle, base: str):
        self.bundle = bundle
        self.base = base
        # The links already made: the same clauses recur in every render. Kept with the bundle (one dict
        # per base URL): links depend only on the bundle and the base, and there are as many as the
        # bundle has clauses and items.
        self._made = bundle.__dict__.setdefault("_links", {}).setdefault(base, {})

    def cites(self, sources: list | None) -> str:
        """One link per clause; the items cited of the same clause are listed in its link. Most lists of
        sources are the bundle's own, met again in every result: their links are kept by the list's
        identity (the list itself is kept with them, so the identity cannot be reused)."""
        if not sources:
            return ""
        known = self._made.setdefault("by-list", {})
        hit = known.get(id(sources))
        if hit is not None and hit[0] is sources:
            return hit[1]
        html = self._cites(sources)
        if len(known) > 20000:                   # lists made for one view pile up: start again
            known.clear()
        known[id(sources)] = (sources, html)
        return html

    def _cites(self, sources: list) -> str:
        groups: dict[tuple, list] = {}          # (doc, clause, part) -> item numbers, in first-seen order
        for c in sources:
            items = groups.setdefault((c["doc"], c["clause"], c.get("part")), [])
            if c.get("item") and c["item"] not in items:
                items.append(c["item"])
        return "; ".join(self._cite(doc, clause, part, tuple(sorted(items)))
                         for (doc, clause, part), items in groups.items())

    def _cite(self, doc: str, clause: str, part: str | None, items: tuple) -> str:
        key = ("cite", doc, clause, part, items)
        if key not in self._made:
            text = f"{self.bundle.short(doc)}, {clause_text(clause)}"
            text += f" («{part}»)" if part else ""
            text += f", {_items_text(list(items))}" if items else ""
            self._made[key] = f'<a class="cs-cite" href="{_e(self.base + clause_url(doc, clause))}">{_e(text)}</a>'
        return self._made[key]

    def basis(self, sources: list | None, lead: str = "Основание") -> str:
        links = self.cites(sources)
        return f'<p class="cs-basis">{_e(lead)}: {links}</p>' if links else ""

    def link(self, gid: str) -> str:
        """A link to the page of any item of the bundle, by its global id."""
        if gid not in self._made:
            record = self.bundle.by_id.get(gid)
            self._made[gid] = f'<a href="{_e(self.base + item_url(record))}">{_e(_name(record))}</a>' if record else ""
        return self._made[gid]

    def readings(self, gids: list | None) -> str:
        links = [link for link in (self.link(g) for g in dict.fromkeys(gids or [])) if link]
        if not links:
            return ""
        lead = "Толкование проекта" if len(links) == 1 else "Толкования проекта"
        return f'<p class="cs-readings">{lead}: {"; ".join(links)}</p>'

def _section(name: str, title: str, body: str, extra: str = "") -> str:
    return (f'<section class="cs-section cs-{name}" data-section="{name}" aria-labelledby="cs-h-{name}"{extra}>'
            f'<h2 id="cs-h-{name}">{_e(title)}</h2>{body}</section>')


def _ul(parts: list[str], cls: str = "cs-list") -> str:
    return f'<ul class="{cls}">{"".join(parts)}</ul>' if parts else ""


def _none(text: str) -> str:
    return f'<p class="cs-none">{_e(text)}</p>'


# The numbers the criteria tell people to call: 112, 102 and the 8 800 helpline. Page and clause numbers
# («стр. 112», «п. 102») are not phone numbers.
_PHONE = re.compile(r"(?<!стр\. )(?<!п\. )(?<!ст\. )(?<![\w.-])(112|102|8[ -]800(?:[ -]?\d){7})(?![\w-])")


def _phones(text: str) -> str:
    """Escaped text with every phone number a tap-to-call `tel:` link."""
    return _PHONE.sub(lambda m: f'<a href="tel:{re.sub(r"[^0-9]", "", m.group(1))}">{m.group(1)}</a>', _e(text))


def _document(page: _Page, result: dict) -> str:
    j = result["jurisdiction"]
    if j["id"] == OTHER:
        href = _e(page.base + COMPARE_PAGE)
        return ('<p class="cs-doc">Для этой территории в базе нет документа. Ниже — что делать при опасности и '
                f'что закон требует везде; как решают в разных местах, показывает <a href="{href}">сравнение '
                'документов</a>. Местный порядок уточните в КДН и ЗП вашего муниципалитета.</p>')
    href = _e(page.base + page_path(j["id"], "index"))
    title = f' title="{_e(j["title"])}"' if j.get("title") else ""
    return f'<p class="cs-doc">По документу: <a href="{href}"{title}>{_e(j["short"])}</a></p>'


def render_error(error: InputError) -> str:
    """A located, kind message about answers that could not be checked."""
    message = error.message.rstrip(".")
    where = "ответы целиком" if error.where == "$" else error.where
    near = ""
    if error.nearest:
        near = ('<p>Близкие допустимые значения: '
                + ", ".join(f"<code>{_e(n)}</code>" for n in error.nearest) + "</p>")
    return (f'<div class="cs-error" role="alert"><p><strong>Ответы не удалось проверить:</strong> {_e(message)}.</p>'
            f'<p>Где: <code>{_e(where)}</code></p>{near}'
            '<p>Исправьте этот ответ — остальные ответы сохранены в форме.</p></div>')


def render_compare(bundle: Bundle, comparison: dict, *, base: str) -> str:
    """The table of `checker.compare.compare`: one row per document."""
    page = _Page(bundle, base)

    def labels(items: list) -> str:
        return _ul([f"<li>{_e(i['label'])} {page.basis(i.get('source'))}</li>" for i in items]) or "—"

    rows = []
    for row in comparison["documents"]:
        j, level = row["jurisdiction"], row["level"]
        if not level["defined_by_document"]:
            shown, months = "документ не вводит уровней", "—"
        elif level["id"] is None:
            shown, months = "ответы не указывают на уровень", "—"
        else:
            shown = _e(level["label"]) + page.basis(level.get("source"))
            months = f"{level['duration_months']} мес." if level.get("duration_months") else NOT_SET
        unused = ", ".join(_e(bundle.signs[s]["label"]) for s in row.get("signs_not_used", [])) or "—"
        href = _e(base + page_path(j["id"], "index"))
        rows.append(f'<tr data-doc="{_e(j["id"])}"><th scope="row"><a href="{href}">{_e(j["short"])}</a></th>'
                    f'<td>{labels(row["urgent"])}</td><td>{labels(row["signals"])}</td>'
                    f'<td>{labels(row["categories"])}</td><td>{shown}</td><td>{_e(months)}</td><td>{unused}</td></tr>')
    head = "".join(f'<th scope="col">{t}</th>' for t in (
        "Документ", "Срочные действия", "Сообщить о семье", "Категории", "Уровень", "Срок", "Какие ответы документ не учитывает"))
    return (f'<table class="cs-compare"><caption>Одни и те же ответы по {len(rows)} документам</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


# --- the role view (checker/present.py): crisis first, then the key answer, then the rest folded -------

def headline(view: dict) -> str:
    """The key answer in one line (the page's answer bar on a phone): the role view's title, or the
    urgent card's name when someone may be in danger."""
    if view["crisis"]:
        return f"Срочно: {view['crisis'][0]['label']}"
    return view["summary"]["title"]


def _because_text(because: list | None) -> str:
    parts = [_e(b) for b in because or [] if b]
    lead = "ответ" if len(parts) == 1 else "ответы"
    return f'<p class="cs-why">Почему: {lead} «{"»; «".join(parts)}»</p>' if parts else ""


_NUMBER_FIRST = re.compile(r"^\s*(\+?\d[\d\s-]{1,15}\d|\d{2,3})\b(.*)$", re.S)


def _text(value) -> str:
    """A deadline or form as the view gives it: a string, or a record with `text`/`label`."""
    if isinstance(value, dict):
        return str(value.get("text") or value.get("label") or "")
    return "" if value is None else str(value)


def _calls(calls: list | None) -> str:
    """Tap-to-call buttons: «112 — если опасность прямо сейчас» becomes a tel: link with its words."""
    links = []
    for call in calls or []:
        found = _NUMBER_FIRST.match(str(call))
        if not found:
            links.append(f'<li>{_phones(str(call))}</li>')
            continue
        number = re.sub(r"[^\d+]", "", found.group(1))
        rest = found.group(2).strip().lstrip("—-").strip()
        words = f' <span class="cs-call-note">{_e(rest)}</span>' if rest else ""
        links.append(f'<li><a class="cs-call" href="tel:{_e(number)}">{_e(found.group(1).strip())}</a>{words}</li>')
    return f'<ul class="cs-calls">{"".join(links)}</ul>' if links else ""


def _crisis(page: _Page, cards: list) -> str:
    entries = []
    for card in cards:
        body = _calls(card.get("call")) + f'<div class="cs-action">{_md(card.get("action"))}</div>'
        report = card.get("report")
        if report:
            deadline, written = _text(report.get("deadline")), _text(report.get("written_deadline"))
            body += (f'<p class="cs-report"><strong>Сообщить:</strong> {_e(report.get("recipient", ""))}'
                     + (f' — <strong>{_inline(deadline)}</strong>' if deadline else "")
                     + (f'; письменно — <strong>{_inline(written)}</strong>' if written else "") + ".</p>")
            form = _text(report.get("form"))
            body += f'<p class="cs-form-ref">Форма сообщения: {_e(form)}</p>' if form else ""
        body += _because_text(card.get("because")) + page.basis(card.get("source"))
        entries.append(f'<li class="cs-entry cs-card" data-id="{_e(card["id"])}">'
                       f'<p class="cs-label">{_e(card["label"])}</p>{body}</li>')
    return _section("urgent", "Срочно: что сделать сейчас", _ul(entries), ' role="alert"')


def _key_answer(page: _Page, summary: dict) -> str:
    lines = []
    for line in summary.get("lines", []):
        lines.append(f'<dt>{_e(line["label"])}</dt><dd>{_inline(line["text"] or "—", tel=True)}'
                     f'{page.basis(line.get("source"))}</dd>')
    body = f'<p class="cs-title">{_inline(summary.get("title") or "")}</p>'
    body += f'<dl class="cs-lines">{"".join(lines)}</dl>' if lines else ""
    return (f'<section class="cs-section cs-summary" data-section="summary" aria-labelledby="cs-h-summary">'
            f'<h2 id="cs-h-summary" class="cs-visually-hidden">Главное</h2>{body}</section>')


def _view_item(page: _Page, item: dict) -> str:
    body = _md(item.get("text")) if item.get("text") else ""
    details = [f'<dt>{_e(d["label"])}</dt><dd>{_inline(str(d.get("text") or "—"), tel=True)}</dd>'
               for d in item.get("details") or []]
    body += f'<dl class="cs-details">{"".join(details)}</dl>' if details else ""
    return (f'<li class="cs-entry" data-id="{_e(item["id"])}"><p class="cs-label">{_e(item["label"])}</p>{body}'
            f'{_because_text(item.get("because"))}{page.basis(item.get("source"))}'
            f'{page.readings(item.get("interpretations"))}</li>')


def _folded(name: str, title: str, body: str, count: int | None = None) -> str:
    shown = f"{_e(title)} ({count})" if count else _e(title)
    return (f'<details class="cs-section cs-more cs-{_e(name)}" data-section="{_e(name)}">'
            f'<summary><h2>{shown}</h2></summary>{body}</details>')


def _view_interpretations(page: _Page, doc: str, readings: list) -> str:
    entries = []
    made = page._made.setdefault("readings", {})
    for i in readings:
        text = i.get("short") or i.get("reading")
        key = (i["id"], doc, i["label"], text)       # the text differs where an abbreviation is expanded
        if key not in made:
            groups = i.get("clauses") or []
            flat = [c for g in groups for c in (g if isinstance(g, list) else [g])]
            clauses = [c for c in flat if doc == OTHER or c.get("doc") == doc]
            title = page.link(i["id"]) or _e(i["label"])
            made[key] = (f'<li class="cs-entry" data-id="{_e(i["id"])}"><h3>{title}</h3>'
                         f'<div class="cs-reading">{_md(text)}</div>'
                         f'{page.basis(clauses, "Пункты, к которым относится")}</li>')
        entries.append(made[key])
    lead = _none("Там, где документ молчит или допускает разные прочтения, проверка опирается на толкование "
                 "проекта — это не слова документа.")
    return _folded("interpretations", "Толкования проекта", lead + _ul(entries), len(entries)) if entries else ""


def render_view(bundle: Bundle, view: dict, result: dict, *, base: str) -> str:
    """The role view as HTML: urgent cards (tap-to-call), the key answer with its few lines, then every
    section folded, the project's readings and the disclaimer. Nothing is decided here."""
    page = _Page(bundle, base)
    parts = [_document(page, result)]
    if view.get("crisis"):
        parts.append(_crisis(page, view["crisis"]))
    parts.append(_key_answer(page, view.get("summary") or {}))
    for section in view.get("sections", []):
        items = section.get("items") or []
        if items:
            parts.append(_folded(section["id"], section["title"], _ul([_view_item(page, i) for i in items]),
                                 len(items)))
    parts.append(_view_interpretations(page, result["jurisdiction"]["id"], view.get("interpretations") or []))
    parts.append(f'<p class="cs-disclaimer">{_e(view.get("disclaimer") or result["disclaimer"])} {_e(PRIVACY)}</p>')
    return f'<div class="cs-result-body" data-role-kind="{_e(view.get("kind", ""))}">{"".join(parts)}</div>'
