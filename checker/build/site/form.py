"""The checker page: the question form as plain HTML rendered at build time, usable before Python loads.

One form serves every document and role. Each question carries the documents that use it
(`data-docs`) and, for facts only officials know, `data-audience="professional"`; the page script shows
only the questions of the chosen document and role, and sends only the visible answers. Names, dates
and free text have no field here.
"""
from __future__ import annotations

import json
from html import escape

from checker.bundle import Bundle
from checker.model import OTHER
from checker.questions import questions
from checker.urls import COMPARE_PAGE
from checker.build.site.assets import asset_version

MAX_CHILDREN = 8          # age inputs rendered; the script reveals them one by one
MAX_REASONS = 3           # "why we ask" lines per document

INTRO = """\
# Проверка: нужна ли семье поддержка и нужно ли сообщать

<div class="cs-danger" role="note"><p><strong>Если ребёнку угрожает опасность прямо сейчас, звоните
<a href="tel:112">112</a></strong> или <a href="tel:102">102</a> (полиция). Письменное сообщение — после звонка,
в срок, который назовёт проверка.</p></div>

<p class="cs-lead">Ответьте на вопросы об обстоятельствах семьи — без имён, адресов и дат. Проверка
назовёт, что делать, кому и когда сообщить, какая помощь и какое сопровождение положены по документу
вашей территории, со ссылкой на каждый пункт. Ответы остаются на этом устройстве.</p>
"""

PRIVACY = """
<section class="cs-privacy-section" aria-labelledby="cs-privacy-h" markdown="1">
<h2 id="cs-privacy-h">Конфиденциальность</h2>

- **Что уходит с устройства: ничего.** Форма и программа проверки загружаются с этого сайта; расчёт
  идёт в вашем браузере (Python в WebAssembly, в фоновом потоке страницы). Пока вы отвечаете,
  страница не делает ни одного запроса.
- **Что сохраняется: только файлы самой проверки.** Ответы есть только в памяти этой вкладки: ни
  cookies, ни хранилища браузера. Закройте вкладку или нажмите «Очистить ответы» — и их не станет.
  Чтобы проверка работала без сети и в следующий раз открывалась быстрее, браузер после первой
  загрузки сохраняет копию файлов проверки — без ответов. Для этого он один раз докачивает с этого же
  сайта около 6 МБ (снимок уже запущенной программы); при включённой экономии трафика — не докачивает.
- **Чего мы не спрашиваем.** В форме нет полей для имени, даты рождения, адреса или свободного
  текста. На распечатке есть пустые строки — имена вписывают от руки.
- **Как это проверено.** Политика безопасности (Content-Security-Policy) на каждой странице разрешает
  браузеру обращаться только к этому сайту. Автоматические тесты в настоящем браузере следят за каждым
  запросом: ни одного запроса к другим адресам при загрузке, ни одного запроса вообще, пока вы отвечаете,
  пустые cookies и хранилища после проверки. Подробнее — на странице [Конфиденциальность](../privacy.md).
</section>
"""

PRINT_HEADER = (
    '<div class="cs-print-only" aria-hidden="true"><p>Распечатано с сайта «Сопровождение семьи». Это подсказка '
    'по тексту документа, а не решение.</p><p class="cs-blank">Семья (вписать от руки): '
    '<span></span></p><p class="cs-blank">Кто заполнил, должность: <span></span></p>'
    '<p class="cs-blank">Дата и подпись: <span></span></p></div>')


def _jurisdiction_field(bundle: Bundle) -> str:
    options = ['<option value="">— выберите —</option>']
    for doc_id, doc in sorted(bundle.documents.items(), key=lambda kv: kv[1]["source"]["short"]):
        source = doc["source"]
        options.append(f'<option value="{escape(doc_id)}">{escape(source["short"])} — '
                       f'{escape(source["territory"])}</option>')
    options.append(f'<option value="{OTHER}">Другая территория</option>')
    return (
        '<fieldset class="cs-step" id="cs-step-place"><legend>1. Где живёт семья</legend>'
        '<label for="cs-jurisdiction">Документ какой территории применить</label>'
        f'<select id="cs-jurisdiction" name="jurisdiction" required>{"".join(options)}</select>'
        '<p class="cs-hint">Если вашей территории нет в списке, выберите «Другая территория»: проверка '
        f'покажет срочные действия, а <a href="../{COMPARE_PAGE}">сравнение документов</a> — как решают в других местах.</p>'
        '</fieldset>')


def _role_field(bundle: Bundle) -> str:
    items = []
    for role in bundle.data["roles"]:
        rid = escape(role["id"])
        items.append(f'<div class="cs-choice"><input type="radio" name="role" id="cs-role-{rid}" value="{rid}"'
                     f' data-professional="{"true" if role["professional"] else "false"}"'
                     f'{" checked" if role["id"] == "other" else ""}>'
                     f'<label for="cs-role-{rid}">{escape(role["label"])}</label></div>')
    return ('<fieldset class="cs-step" id="cs-step-role"><legend>2. Кто вы</legend>'
            '<p class="cs-hint">От этого зависит, что документ требует именно от вас.</p>'
            + "".join(items) + '</fieldset>')


def _wording(item: dict, key: str, cls: str = "") -> str:
    """The professional wording, and a family's own wording beside it (the page shows one by role)."""
    pro, family = item.get(key), item.get(f"family_{key}")
    if not family or family == pro:
        return escape(pro or "")
    return (f'<span class="cs-pro-text{cls}">{escape(pro or "")}</span>'
            f'<span class="cs-family-text{cls}">{escape(family)}</span>')


def _hint(item: dict, qid: str) -> tuple[str, str]:
    if not item.get("hint") and not item.get("family_hint"):
        return "", ""
    return (f'<p class="cs-hint" id="cs-hint-{qid}">{_wording(item, "hint")}</p>',
            f' aria-describedby="cs-hint-{qid}"')


def _fact_field(fact: dict) -> str:
    fid = escape(fact["id"])
    attrs = f'class="cs-q cs-fact" data-q="{fid}" data-fact="{fid}" data-type="{escape(fact["type"])}"'
    if fact.get("ask_if"):
        attrs += f' data-ask-if="{escape(fact["ask_if"])}"'
    hint, described = _hint(fact, fid)
    why = (f'<details class="cs-why"><summary>Почему спрашиваем</summary><p>{escape(fact["why"])}</p></details>'
           if fact.get("why") else "")
    bounds = "".join(f' {k}="{fact[k]}"' for k in ("min", "max") if fact.get(k) is not None)
    if fact["type"] == "bool":
        return (f'<div {attrs}><input type="checkbox" id="cs-fact-{fid}" name="{fid}" value="true"{described}>'
                f'<label for="cs-fact-{fid}">{_wording(fact, "label")}</label>{hint}{why}</div>')
    if fact["type"] == "int_list":
        inputs = "".join(
            f'<input type="number" inputmode="numeric" class="cs-age" name="{fid}" id="cs-fact-{fid}-{i}"'
            f'{bounds} step="1" aria-label="Возраст ребёнка {i + 1}, полных лет"{" hidden" if i else ""}>'
            for i in range(MAX_CHILDREN))
        return (f'<div {attrs}><fieldset class="cs-ages"><legend>Возраст детей, полных лет</legend>'
                f'<p class="cs-hint">По одному полю на ребёнка; ребёнку до года — 0.</p>'
                f'{inputs}<button type="button" class="cs-add-child md-button">Добавить ребёнка</button>'
                f'</fieldset>{why}</div>')
    step = "1" if fact["type"] == "int" else "0.01"
    mode = "numeric" if fact["type"] == "int" else "decimal"
    return (f'<div {attrs}><label for="cs-fact-{fid}">{_wording(fact, "label")}</label>'
            f'<input type="number" inputmode="{mode}" id="cs-fact-{fid}" name="{fid}"{bounds} step="{step}"{described}>'
            f'{hint}{why}</div>')


def _why(bundle: Bundle, sign: dict) -> str:
    lines = []
    if sign.get("danger"):
        lines.append("<li>Это угроза жизни или здоровью: при опасности прямо сейчас звоните 112.</li>")
    for doc_id in sorted(bundle.documents):
        users = bundle.sign_users[doc_id].get(sign["id"], [])[:MAX_REASONS]
        if users:
            reasons = "; ".join(escape(bundle.by_id[g]["label"]) for g in users)
            lines.append(f'<li data-doc="{escape(doc_id)}">От этого зависит: {reasons}</li>')
    return f'<details class="cs-why"><summary>Почему спрашиваем</summary><ul>{"".join(lines)}</ul></details>'


def _sign_field(bundle: Bundle, sign: dict) -> str:
    sid = escape(sign["id"])
    hint, described = _hint(sign, sid)
    danger = " cs-danger-q" if sign.get("danger") else ""
    return (f'<div class="cs-q cs-sign{danger}" data-q="{sid}" data-sign="{sid}">'
            f'<input type="checkbox" id="cs-sign-{sid}" name="{sid}" value="true"{described}>'
            f'<label for="cs-sign-{sid}">{_wording(sign, "label")}</label>{hint}{_why(bundle, sign)}</div>')


def question_plan(bundle: Bundle) -> dict:
    """For every document (and «other») and role, the ids the engine's `questions` asks, in its order:
    `main` first, then `more`. The page script only follows this plan; it decides nothing itself."""
    plan = {}
    for doc_id in sorted(bundle.documents) + [OTHER]:
        for role in bundle.data["roles"]:
            table = questions(bundle, doc_id, role["id"])
            plan[f"{doc_id}/{role['id']}"] = {"main": [q["id"] for q in table["main"]],
                                              "more": [q["id"] for q in table["more"]]}
    return plan


def _questions_field(bundle: Bundle) -> str:
    """Every question once (each input named by its answer id), in the bundle's order: the page script
    moves the ones the plan asks into the main list or «Ещё вопросы» and hides the rest."""
    facts = [_fact_field(f) for f in bundle.data["facts"] if f["id"] not in ("children_count",)]
    signs = [_sign_field(bundle, s) for s in bundle.data["signs"]]
    plan = json.dumps(question_plan(bundle), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return ('<fieldset class="cs-step" id="cs-step-questions"><legend>3. Что вы знаете о семье</legend>'
            '<p class="cs-hint">Отметьте только то, что знаете. Неотмеченное — это «нет» или «не знаю»: оно ничего '
            'не добавляет к результату.</p>'
            f'<div id="cs-main" class="cs-list-q">{"".join(facts + signs)}</div>'
            '<details id="cs-more" class="cs-more-q" hidden><summary>Ещё вопросы (<span id="cs-more-count">0</span>)'
            '</summary><div id="cs-more-list" class="cs-list-q"></div></details></fieldset>'
            f'<script type="application/json" id="cs-plan">{plan}</script>')


def checker_page(bundle: Bundle) -> str:
    """Markdown source of checker/index.md: danger box, intro, the form, the result region, privacy, script.

    Script URLs carry the build's version (`?v=`), so neither the browser's cache nor the offline copy
    of an older build can serve an old engine or bundle to a new page."""
    version = asset_version(bundle.data)
    form = ('<form id="cs-form" class="cs-form" autocomplete="off" novalidate aria-label="Вопросы проверки" '
            'data-service-worker="../sw.js">'
            + _jurisdiction_field(bundle) + _role_field(bundle) + _questions_field(bundle)
            + '<div class="cs-actions"><button type="reset" class="md-button">Очистить ответы</button></div>'
            + '</form>')
    result = ('<div class="cs-output">' + PRINT_HEADER
              + '<h2 id="cs-result-h" class="cs-result-h">Результат</h2>'
              '<div id="cs-result" class="cs-result" role="status" aria-live="polite" aria-labelledby="cs-result-h" '
              'data-testid="checker-result" data-state="loading"><p class="cs-status">Проверка загружается на этом '
              'устройстве и ничего никуда не отправляет. Отвечать можно уже сейчас.</p></div>'
              '<noscript><p class="cs-status">Для проверки нужен JavaScript: расчёт идёт прямо в браузере. '
              'Без него можно читать <a href="../documents/">документы</a> и '
              f'<a href="../{COMPARE_PAGE}">сравнение</a>.</p></noscript>'
              '<div id="cs-tools" class="cs-tools" hidden>'
              '<button type="button" id="cs-compare-button" class="md-button" hidden>Сравнить территории</button>'
              '<button type="button" id="cs-print-button" class="md-button">Распечатать</button></div>'
              '<section id="cs-compare-out" class="cs-compare-out" tabindex="-1" hidden '
              'aria-label="Те же ответы по всем документам"></section>'
              '<a id="cs-answer-bar" class="cs-answer-bar" href="#cs-result" hidden></a></div>')
    # The page's script goes into <head> (docs/overrides/main.html reads `checker_script`), async: the
    # engine starts loading while the rest of the page is still arriving and being parsed.
    head = (f"---\nchecker_script: ../assets/checker/page.js?v={version}\n"
            f"checker_worker: ../assets/checker/worker.js?v={version}\n---\n")
    return f"{head}{INTRO}\n<div class=\"cs-checker\">{form}{result}</div>\n{PRIVACY}\n"
