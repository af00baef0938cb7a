"""The checker page in real Chromium: the form, the engine in a worker, the role's result after every
answer, privacy (requests, storage), offline, failure states, accessibility, keyboard and a phone screen.

One page is opened per module and reused (the engine boots once): each flow starts with «Очистить ответы».
"""
from __future__ import annotations

import json
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from checker.engine import evaluate
from checker.model import InputError, parse_answers
from checker.present import present
from tests.e2e.conftest import Watch
from tests.e2e.driver import BOOT_TIMEOUT_MS, READY, RESULT, RESULT_DONE, answer, rendered_seq, visible

TEACHER_BRUISES = {"schema": 1, "jurisdiction": "tolyatti-kdn-2015", "role": "teacher",
                   "signs": ["cruelty-physical"], "facts": {"children_ages": [8]}}
PEDIATRICIAN_INFANT = {"schema": 1, "jurisdiction": "tolyatti-kdn-2015", "role": "pediatrician",
                       "signs": ["missed-pediatric-visits"], "facts": {"children_ages": [0]}}
TAGANROG_FAMILY = {"schema": 1, "jurisdiction": "taganrog-2017", "role": "family", "facts": {"children_ages": [2, 5, 9]}}
KOGALYM_CURATOR = {"schema": 1, "jurisdiction": "kogalym-kcson", "role": "curator", "signs": ["remarriage"],
                   "facts": {"children_ages": [7]}}
TULA_CURATOR = {"schema": 1, "jurisdiction": "tula-srcn2-2022", "role": "curator", "signs": ["family-conflicts"],
                "facts": {"children_ages": [7]}}
OTHER_FAMILY = {"schema": 1, "jurisdiction": "other", "role": "family", "facts": {"children_ages": [7]}}


def _facts(bundle) -> dict:
    return {f["id"]: f for f in bundle.data["facts"]}


def _view(bundle, sent: dict) -> dict:
    return present(bundle, evaluate(bundle, parse_answers(sent, bundle)))


def _plain(markdown: str) -> str:
    return re.sub(r"\s+", " ", markdown.replace("**", "")).strip()


def _open(browser, browser_context_args, site_url, **extra):
    context = browser.new_context(**{**browser_context_args, **extra})
    watch = Watch(site_url.rstrip("/"))
    context.route("**/*", watch.route)
    context.on("console", watch.console)
    context.on("weberror", lambda error: watch.errors.append(str(error.error)))
    return context, watch


@pytest.fixture(scope="module")
def opened(browser, browser_context_args, site_url):
    """The checker page with its engine ready, shared by the flows of this module."""
    context, watch = _open(browser, browser_context_args, site_url)
    page = context.new_page()
    page.goto(site_url + "checker/")
    page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    yield page, watch
    context.close()
    assert watch.outside == [], f"requests left the site: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"


@pytest.fixture
def ready(opened):
    page, _ = opened
    page.set_viewport_size({"width": 1280, "height": 800})
    return page


def _key_answer(page) -> str:
    return page.inner_text(f"{RESULT} .cs-title")


def _sections(page) -> list[str]:
    return page.eval_on_selector_all(f"{RESULT} [data-section]", "els => els.map(e => e.dataset.section)")


# --- the role flows ---------------------------------------------------------------------------------

def test_tolyatti_teacher_with_bruises_gets_the_urgent_action_and_both_deadlines_first(ready, bundle):
    result = answer(ready, TEACHER_BRUISES, _facts(bundle))
    view = _view(bundle, result["sent"])
    assert result["sent"]["signs"] == ["cruelty-physical"]
    assert _sections(ready)[0] == "urgent"
    urgent = ready.inner_text(f"{RESULT} [data-section=urgent]")
    assert "суток" in urgent and "трёх дней" in urgent                  # 24 hours, then 3 days in writing
    for card in view["crisis"]:
        for key in ("deadline", "written_deadline"):
            if (card.get("report") or {}).get(key):
                assert _plain(card["report"][key]) in urgent
    assert ready.query_selector(f"{RESULT} [data-section=urgent] a[href='tel:112']")
    # the key answer comes right after the urgent card, before any folded section
    assert _sections(ready)[1] == "summary" and _key_answer(ready) == _plain(view["summary"]["title"])
    assert ready.inner_text("#cs-answer-bar").startswith("Срочно:")


def test_tolyatti_pediatrician_reports_an_infants_missed_visits_within_a_day(ready, bundle):
    result = answer(ready, PEDIATRICIAN_INFANT, _facts(bundle))
    view = _view(bundle, result["sent"])
    lines = ready.inner_text(f"{RESULT} .cs-lines")
    assert "tolyatti-kdn-2015/sig-p14-03-missed-visits" in result["summary"]["signals"]
    assert "1 дня" in _key_answer(ready) and _key_answer(ready) == _plain(view["summary"]["title"])
    assert "КДН и ЗП" in lines and "Срок" in lines


def test_taganrog_family_sees_its_categories_and_help(ready, bundle):
    result = answer(ready, TAGANROG_FAMILY, _facts(bundle))
    view = _view(bundle, result["sent"])
    assert result["summary"]["categories"], "three children: a category of the document"
    assert ready.get_attribute(f"{RESULT} .cs-result-body", "data-role-kind") == "family"
    assert {"categories", "help"} <= set(_sections(ready))
    category = view["sections"][[s["id"] for s in view["sections"]].index("categories")]["items"][0]["label"]
    assert category in ready.text_content(f"{RESULT} details[data-section=categories]")
    assert "Куда обратиться" in ready.inner_text(f"{RESULT} .cs-lines")
    # a family reads its own wording of the questions
    shown = ready.eval_on_selector_all("#cs-form .cs-q:not([hidden]) label > span",
                                       "els => els.filter(e => e.offsetParent).map(e => e.className)")
    assert shown and set(shown) == {"cs-family-text"}


def test_kogalym_curator_gets_level_duration_caseload_and_visits(ready, bundle):
    result = answer(ready, KOGALYM_CURATOR, _facts(bundle))
    view = _view(bundle, result["sent"])
    assert result["summary"]["level"]
    lines = ready.inner_text(f"{RESULT} .cs-lines")
    for label in ("Срок", "Нагрузка", "Посещения"):
        assert label in lines
    assert _key_answer(ready) == _plain(view["summary"]["title"]) and "уровень" in _key_answer(ready)


def test_tula_curator_is_told_there_are_no_levels_and_what_replaces_them(ready, bundle):
    result = answer(ready, TULA_CURATOR, _facts(bundle))
    assert result["summary"]["level"] is None
    assert "не устанавливает уровней" in _key_answer(ready)
    assert "Что вместо уровней" in ready.inner_text(f"{RESULT} .cs-lines")


def test_other_territory_gets_the_honest_answer(ready, bundle):
    result = answer(ready, OTHER_FAMILY, _facts(bundle))
    assert _key_answer(ready) == _plain(_view(bundle, result["sent"])["summary"]["title"])
    assert "нет в базе" in _key_answer(ready)


def test_professional_compares_the_five_territories(ready, bundle):
    answer(ready, TEACHER_BRUISES, _facts(bundle))
    ready.click("#cs-compare-button")
    ready.wait_for_selector("#cs-compare-out table.cs-compare")
    docs = ready.eval_on_selector_all("#cs-compare-out tr[data-doc]", "rows => rows.map(r => r.dataset.doc)")
    assert sorted(docs) == sorted(bundle.documents)
    answer(ready, TAGANROG_FAMILY, _facts(bundle))
    assert not visible(ready, "#cs-compare-button")            # a family is not offered the comparison


# --- parity: the page's own worker gives CPython's result for every golden scenario ------------------

BATCH = """async (cases) => new Promise((resolve) => {
  const send = self.postMessage;
  self.postMessage = (message) => {
    if (message.type !== "batch") return send.call(self, message);
    self.postMessage = send;
    resolve(message.rows);
  };
  self.dispatchEvent(new MessageEvent("message", { data: { type: "batch", id: "parity", cases } }));
})"""


def test_parity_every_golden_scenario_gives_cpythons_result_json(ready, built_site):
    """The bundle is the one the site serves, so CPython and the page read the very same data."""
    from checker.bundle import load_bundle
    from tests.data.test_scenario_coverage import _cases
    bundle = load_bundle(os.path.join(built_site, "assets", "checker", "bundle.json"))
    cases = [{"schema": 1, **c["input"]} for c in _cases()]
    worker = next(w for w in ready.workers if "/assets/checker/worker.js" in w.url)
    rows = json.loads(worker.evaluate(BATCH, cases))
    assert len(rows) == len(cases) > 150
    mismatched = []
    for case, row in zip(cases, rows):
        try:
            expected = {"result": evaluate(bundle, parse_answers(case, bundle))}
            expected["view"] = present(bundle, expected["result"])
        except InputError as error:             # the worker must reject it the same way
            expected = error.as_dict()
        if json.loads(json.dumps(expected, ensure_ascii=False)) != row:
            mismatched.append(case)
    assert mismatched == []


# --- privacy -----------------------------------------------------------------------------------------

def test_after_ready_answering_makes_no_request_and_nothing_is_stored(opened, bundle):
    page, watch = opened
    before = len(watch.requests)
    for flow in (TAGANROG_FAMILY, KOGALYM_CURATOR, TEACHER_BRUISES):
        answer(page, flow, _facts(bundle))
    page.click("#cs-compare-button")
    page.wait_for_selector("#cs-compare-out table.cs-compare")
    assert watch.requests[before:] == []
    assert page.context.cookies() == []
    stored = page.evaluate("""async () => [Object.keys(localStorage), sessionStorage.length,
        (await indexedDB.databases()).length, (await caches.keys()).length, document.cookie]""")
    # Nothing at all is stored: no answers, and no theme setting either (dark mode follows the device).
    assert stored == [[], 0, 0, 0, ""]
    fetched = " ".join(watch.requests)
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "engine.zip", "bundle.json"):
        assert name in fetched, f"{name} was not fetched from this site (is the worker watched?)"


def test_the_form_is_usable_before_the_engine_loads_and_the_region_says_loading(browser, browser_context_args,
                                                                               site_url):
    context, watch = _open(browser, browser_context_args, site_url)
    page = context.new_page()
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))       # keep the engine loading
    page.goto(site_url + "checker/")
    assert page.get_attribute(RESULT, "data-state") == "loading"
    assert page.get_attribute(RESULT, "role") == "status" and page.get_attribute(RESULT, "aria-live") == "polite"
    assert "ничего никуда не отправляет" in page.inner_text(RESULT)
    page.select_option("#cs-jurisdiction", "tolyatti-kdn-2015")
    page.check("#cs-role-teacher")
    page.check("#cs-sign-cruelty-physical")
    assert rendered_seq(page) == 0 or page.get_attribute(RESULT, "data-state") == "loading"
    assert _serious(page) == []
    for route in held:
        route.continue_()
    page.wait_for_selector(f"{READY}[data-rendered-seq='3']", state="attached", timeout=BOOT_TIMEOUT_MS)
    assert float(page.get_attribute(RESULT, "data-eval-ms")) >= 0
    assert "cruelty-physical" in json.loads(page.get_attribute(RESULT, "data-answers"))["signs"]
    context.close()
    assert watch.outside == [] and watch.errors == []


THEME_STARTED = "() => !document.querySelector('script[data-later]') && typeof window.document$ === 'object'"


def test_the_theme_script_waits_for_the_engine_unless_someone_reaches_for_the_menu(browser, browser_context_args,
                                                                                 site_url):
    """The theme's script (menu, search) is held back while the engine starts, and starts at once when the
    header is touched; with the engine ready it has started on its own."""
    context, watch = _open(browser, browser_context_args, site_url)
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 667})                 # a teacher's phone
    held = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))       # keep the engine loading
    page.goto(site_url + "checker/")
    assert page.evaluate("() => document.querySelectorAll('script[type=\"text/plain\"][data-later]').length") == 1
    assert not page.evaluate(THEME_STARTED)
    page.dispatch_event(".md-header", "pointerdown")
    page.wait_for_function(THEME_STARTED, timeout=10_000)
    page.click(".md-header label[for=__search]")
    page.keyboard.type("опека")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)

    fresh = context.new_page()
    fresh.goto(site_url + "checker/")
    fresh.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    fresh.wait_for_function(THEME_STARTED, timeout=10_000)
    context.close()
    assert watch.outside == [] and watch.errors == []


def test_blocked_runtime_shows_the_error_state_with_static_links(browser, browser_context_args, site_url):
    context, watch = _open(browser, browser_context_args, site_url)
    page = context.new_page()
    page.route("**/pyodide.mjs", lambda route: route.abort())
    page.goto(site_url + "checker/")
    page.wait_for_selector(f"{RESULT}[data-state=error]", state="attached", timeout=BOOT_TIMEOUT_MS)
    text = page.inner_text(RESULT)
    assert "никуда не отправлены" in text
    assert page.query_selector(f"{RESULT} a[href='../documents/']") and page.query_selector(f"{RESULT} a[href='tel:112']")
    assert _serious(page) == []
    context.close()
    assert watch.outside == []


def test_after_a_first_visit_a_reload_with_the_network_cut_reaches_ready(browser, browser_context_args, site_url, bundle):
    """The service worker (in the site's root, so that it also serves the engine's Web Worker) caches the
    page, this build's versioned engine and bundle and the runtime; with the network cut, a reload comes
    from that cache, the engine starts and answers."""
    context, watch = _open(browser, browser_context_args, site_url, service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "checker/")
    page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    version = re.search(r"page\.js\?v=(\w+)", page.content()).group(1)
    cached = page.evaluate("""async () => { const names = await caches.keys();
        const cache = await caches.open(names[0]); return [names, (await cache.keys()).map(r => r.url)]; }""")
    names, urls = cached
    assert len(names) == 1 and names[0].startswith("checker-")
    for name in ("checker/", f"engine.zip?v={version}", f"bundle.json?v={version}", f"worker.js?v={version}",
                 f"snapshot.bin.gz?v={version}", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert any(u.endswith(name) for u in urls), name
    context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
        assert page.evaluate("() => navigator.serviceWorker.controller !== null")
        # a repeat visit starts from the engine's memory snapshot, which the offline copy holds inflated
        phases = json.loads(page.get_attribute(RESULT, "data-boot-phases"))
        assert phases["start"] == "snapshot", phases
        # what the snapshot has not imported comes from the stdlib zip installed on every start: `difflib`,
        # imported only to suggest the nearest ids to a wrong one
        worker = next(w for w in page.workers if "/assets/checker/worker.js" in w.url)
        rows = json.loads(worker.evaluate(BATCH, [{"schema": 1, "jurisdiction": "tolyatti-kdn-2015",
                                                   "role": "teachr"}]))
        assert rows[0]["error"]["where"] == "role" and "teacher" in rows[0]["error"]["nearest"], rows
        answer(page, TEACHER_BRUISES, _facts(bundle))
        assert "112" in page.inner_text(RESULT)
        assert page.get_attribute(RESULT, "data-state") == "ready"
    finally:
        context.set_offline(False)
        context.close()
    assert watch.outside == [] and watch.errors == []


def _facts_from(page) -> dict:
    """Fact types as the page's form declares them (the driver only needs the type)."""
    return {q["id"]: {"type": q["type"]} for q in page.eval_on_selector_all(
        ".cs-fact", "els => els.map(e => ({id: e.dataset.fact, type: e.dataset.type}))")}


# --- accessibility, keyboard, phone ----------------------------------------------------------------

def _serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def test_axe_no_serious_violation_with_a_result_and_the_comparison(ready, bundle):
    answer(ready, TEACHER_BRUISES, _facts(bundle))
    ready.click("#cs-compare-button")
    ready.wait_for_selector("#cs-compare-out table.cs-compare")
    for details in ready.query_selector_all(f"{RESULT} details > summary"):
        details.click()
    assert _serious(ready) == []


def test_the_whole_form_works_by_keyboard_alone(ready):
    ready.click("#cs-form button[type=reset]")
    ready.focus("#cs-jurisdiction")
    ready.keyboard.press("ArrowDown")                        # Chromium: arrows change a closed <select>
    while ready.eval_on_selector("#cs-jurisdiction", "s => s.value") != "tolyatti-kdn-2015":
        ready.keyboard.press("ArrowDown")
    start = rendered_seq(ready)
    ready.keyboard.press("Tab")
    for _ in range(12):                                      # to the role radios; arrows pick a role
        if ready.evaluate("() => document.activeElement.name") == "role":
            break
        ready.keyboard.press("Tab")
    while ready.evaluate("() => document.activeElement.value") != "teacher":
        ready.keyboard.press("ArrowDown")
    for _ in range(40):
        ready.keyboard.press("Tab")
        if ready.evaluate("() => document.activeElement.id") == "cs-sign-cruelty-physical":
            break
    ready.keyboard.press("Space")
    ready.wait_for_selector(f"{RESULT} [data-section=urgent]")
    assert rendered_seq(ready) > start
    ready.focus("#cs-form button[type=reset]")
    ready.keyboard.press("Enter")
    ready.wait_for_selector(f"{RESULT} .cs-status")
    assert ready.eval_on_selector("#cs-jurisdiction", "s => s.value") == ""


def test_usable_on_a_375_phone_with_the_key_answer_in_view(ready, bundle):
    ready.set_viewport_size({"width": 375, "height": 667})
    ready.goto(ready.url.split("#")[0])
    ready.wait_for_selector(READY, state="attached", timeout=BOOT_TIMEOUT_MS)
    assert ready.evaluate("() => document.scrollingElement.scrollWidth") <= 375
    danger = ready.query_selector(".cs-danger").bounding_box()
    assert danger["y"] + danger["height"] <= 667                # 112 / 102 visible at once
    answer(ready, TEACHER_BRUISES, _facts(bundle))
    bar = ready.query_selector("#cs-answer-bar")
    box = bar.bounding_box()
    assert bar.is_visible() and box["y"] >= 0 and box["y"] + box["height"] <= 667
    bar.click()
    ready.wait_for_timeout(300)
    urgent = ready.query_selector(f"{RESULT} [data-section=urgent]").bounding_box()
    assert 0 <= urgent["y"] < 667
    assert ready.evaluate("() => document.scrollingElement.scrollWidth") <= 375


def test_print_view_has_the_result_and_blank_lines_but_not_the_form(ready, bundle):
    answer(ready, PEDIATRICIAN_INFANT, _facts(bundle))
    ready.emulate_media(media="print")
    try:
        assert visible(ready, ".cs-print-only .cs-blank") and not visible(ready, "#cs-form")
        assert visible(ready, f"{RESULT} .cs-title")
    finally:
        ready.emulate_media(media="screen")


def test_clear_answers_empties_the_form_and_the_result(ready, bundle):
    answer(ready, TEACHER_BRUISES, _facts(bundle))
    ready.click("#cs-form button[type=reset]")
    ready.wait_for_selector(f"{RESULT} .cs-status")
    assert not ready.is_checked("#cs-sign-cruelty-physical")
    assert ready.get_attribute(RESULT, "data-summary") == "null" and not visible(ready, "#cs-answer-bar")


def test_header_configs_carry_the_policy_the_pages_carry(built_site):
    """deploy/ (committed, ready to copy) and the site's own _headers/.htaccess send the same policy as
    the pages' <meta>; a theme upgrade that changes its inline scripts fails here until regenerated."""
    from checker.build.site.csp import site_policy
    from tests.conftest import ROOT
    policy = site_policy(built_site)
    for folder, names in ((built_site, ("_headers", ".htaccess")), (os.path.join(ROOT, "deploy"),
                                                                    ("_headers", ".htaccess", "nginx.conf"))):
        for name in names:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                assert policy in handle.read(), f"{folder}/{name}: regenerate (copy build/deploy/ after mkdocs build)"
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy and "connect-src 'self'" in policy


def test_the_site_serves_only_the_standard_library_the_engine_uses(built_site):
    """The stdlib zip is trimmed at build time (checker/build/site/stdlib_trim.py): every flow tested in this
    file runs on it. Here: it holds well under two thirds of Pyodide's modules, keeps what the engine imports
    (`difflib` too, imported only inside a function), drops the rest (`html` among them: the engine escapes
    by itself)."""
    import zipfile

    from checker.build.site.stdlib_trim import PYODIDE_PACKAGE
    served = os.path.join(built_site, "assets", "pyodide", "python_stdlib.zip")
    with zipfile.ZipFile(served) as archive:
        names = set(archive.namelist())
    assert {"json/decoder.pyc", "difflib.pyc", "re/__init__.pyc", "functools.pyc", "traceback.pyc", "encodings/cp1251.pyc"} <= names
    assert "unittest/__init__.pyc" not in names and "sqlite3/__init__.pyc" not in names
    with zipfile.ZipFile(os.path.join(PYODIDE_PACKAGE, "python_stdlib.zip")) as archive:
        stock = [n for n in archive.namelist() if n.endswith(".py")]
    assert len([n for n in names if n.endswith(".pyc")]) < 0.6 * len(stock)
