"""The knowledge base in real Chromium: every page loads cleanly and fits a phone, Russian search finds word
forms, axe finds no serious problem on each kind of page, procedure steps show at a glance as plain HTML."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.driver import answer

# One page of each kind the issue names (home, audience, document, levels, criteria list, comparison, form,
# interpretations) and the other generated kinds.
KINDS = {
    "home": "", "audience": "audiences/family/", "document": "documents/taganrog-2017/",
    "levels": "documents/taganrog-2017/levels/", "levels-not-defined": "documents/tula-srcn2-2022/levels/",
    "criteria list": "documents/tolyatti-kdn-2015/lists/", "signals": "documents/tolyatti-kdn-2015/signals/",
    "procedures": "documents/taganrog-2017/procedures/", "form": "documents/kogalym-kcson/forms/",
    "interpretations": "documents/kogalym-kcson/interpretations/", "clauses": "documents/taganrog-2017/clauses/",
    "comparison": "compare/levels/", "comparison tabs": "compare/deadlines/", "signs": "signs/",
    "open data": "data/bundle/", "checker": "checker/",
}
WIDE_OK = ".md-typeset__table, .md-typeset__scrollwrap, .kb-diagram, pre, code, .tabbed-labels"


def _search(page, query: str) -> list[str]:
    page.locator("label[for=__search]:visible, input[data-md-component=search-query]:visible").first.click()
    page.fill("input[data-md-component=search-query]", query)
    page.keyboard.press("End")                     # `fill` sends no keyup, which the search listens for
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return [a.get_attribute("href") for a in page.query_selector_all(".md-search-result__item a")]


@pytest.mark.parametrize("query, expected", [
    ("семьям", "/categories/"),                 # «семья», «семьи»
    ("опекуну", "/categories/"),                # «опекун», «опекунов»
    ("пропускает", "tolyatti-kdn-2015/"),       # «пропуски»
    ("экстренного уровня", "emergency"),        # «экстренный уровень»
    ("беременной", "tolyatti-kdn-2015/lists/"), # «беременная», «беременных»
    ("консилиумом", "tula-srcn2-2022/"),        # «консилиум»
    ("заявлением", "/signals/"),                # «заявление»
])
def test_russian_search_finds_word_forms(page, site_url, watch, query, expected):
    page.goto(site_url)
    hrefs = _search(page, query)
    assert any(expected in (h or "") for h in hrefs[:10]), hrefs[:10]


def test_search_on_the_checker_page_works_once_its_index_is_built_later(page, site_url, watch):
    """The checker page builds the search index a few seconds late (checker/build/site/search.py,
    `#defer`), so that it does not slow the engine's start; searching there still finds word forms."""
    page.goto(site_url + "checker/")
    assert "search-ru.js#defer" in page.content()
    hrefs = _search(page, "семьям")
    assert any("/categories/" in (h or "") for h in hrefs[:10]), hrefs[:10]


def _pages(built_site: str) -> list[str]:
    out = []
    for folder, _, files in os.walk(built_site):
        if "index.html" in files:
            rel = os.path.relpath(folder, built_site).replace(os.sep, "/")
            out.append("" if rel == "." else rel + "/")
    return sorted(out)


def test_every_page_loads_cleanly_and_fits_a_phone(page, site_url, built_site, watch):
    """No console error, nothing from another origin (the `watch` fixture), and at 375 px no horizontal
    scroll except inside wide tables, diagrams and code."""
    page.set_viewport_size({"width": 375, "height": 740})
    paths = [p for p in _pages(built_site) if p != "checker/"]      # the checker page has its own tests
    assert len(paths) > 50
    too_wide = {}
    for path in paths:
        page.goto(site_url + path, wait_until="load")
        wide = page.evaluate("""(ok) => {
            const width = document.documentElement.clientWidth;
            const out = [];
            if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth);
            for (const el of document.querySelectorAll('.md-content *')) {
                if (el.closest(ok)) continue;
                const r = el.getBoundingClientRect();
                if (r.width > 0 && r.right > width + 1) out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
            }
            return out.slice(0, 5);
        }""", WIDE_OK)
        if wide:
            too_wide[path] = wide
    assert too_wide == {}


def test_procedure_steps_at_a_glance_are_plain_html_that_links_to_each_step(page, site_url, watch):
    """No diagram library: each procedure's steps are boxes with arrows (HTML and CSS), each a link to the
    step's description; at 375 px they fit the screen."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(site_url + "documents/tolyatti-kdn-2015/procedures/")
    flows = page.locator("ol.kb-flow")
    assert flows.count() > 5
    first = flows.first.locator("a").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("() => location.hash") == target
    assert page.locator(f"{target}.kb-sub").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("() => getComputedStyle(document.querySelector('ol.kb-flow > li'), '::after').content") == '"↓"'
    assert not any("mermaid" in url for url in watch.requests)


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_serious_accessibility_violations(page, site_url, watch, kind, bundle):
    path = KINDS[kind]
    page.goto(site_url + path)
    if path == "checker/":
        page.wait_for_selector("#cs-result[data-boot-ms]", state="attached", timeout=90_000)
        answer(page, {"schema": 1, "jurisdiction": "taganrog-2017", "role": "teacher",
                      "signs": ["cruelty-physical"], "facts": {"children_ages": [8]}},
               {f["id"]: f for f in bundle.data["facts"]})
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert serious == [], results.generate_report()


@pytest.mark.parametrize("path", ["", "documents/taganrog-2017/levels/", "compare/", "checker/"])
def test_every_page_carries_a_same_origin_policy(page, site_url, watch, path):
    page.goto(site_url + path)
    policy = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "'unsafe-eval'" not in policy


def test_dark_mode_follows_the_device_storing_nothing_and_print_hides_navigation(page, site_url, watch):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "documents/taganrog-2017/levels/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()


def test_abbreviations_have_tooltips_from_the_glossary(page, site_url, watch):
    page.goto(site_url + "documents/taganrog-2017/signals/")
    titles = page.eval_on_selector_all("abbr[title]", "els => els.map(e => e.textContent + '=' + e.title)")
    assert any(t.startswith("КДН и ЗП=") for t in titles), titles[:10]
