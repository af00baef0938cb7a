"""The generated knowledge base, checked on its Markdown (fast, no MkDocs): every catalogue item and every
clause has its anchor on the page `checker.urls` names, comparison cells cite clauses that exist, and a
document that does not define something says so instead of borrowing from another."""
from __future__ import annotations

import re

import pytest

from checker import urls
from checker.build.site import compare, pages
from checker.build.site.md import md_of_url
from checker.catalog import catalog

ANCHOR = re.compile(r'\{ #([\w-]+) \}|\bid="([^"]+)"')
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def site(bundle):
    return dict(pages.generate_pages(bundle.data))


def anchors(markdown: str) -> set[str]:
    return {a or b for a, b in ANCHOR.findall(markdown)}


def test_every_catalogue_item_has_its_anchor_where_urls_says(bundle, site):
    rows = catalog(bundle)
    assert len(rows) > 1000
    missing = []
    for row in rows:
        path, anchor = md_of_url(urls.item_url({"gid": row["id"], "kind": row["kind"]}))
        if anchor not in anchors(site.get(path, "")):
            missing.append((row["id"], path, anchor))
    assert missing == []


def test_every_common_item_has_its_anchor(bundle, site):
    common = bundle.data.get("crisis", {}).get("items", []) + bundle.data.get("federal", {}).get("items", [])
    for entry in common:
        path, anchor = md_of_url(urls.item_url(entry))
        assert anchor in anchors(site[path]), entry["gid"]


def test_every_clause_has_its_anchor_once(bundle, site):
    sources = [(d, doc["source"]) for d, doc in bundle.documents.items()]
    sources += [(s["id"], s) for s in bundle.data.get("federal", {}).get("sources", [])]
    for doc_id, source in sources:
        text = site[urls.page_md(doc_id, "clauses")]
        for clause in source["clauses"]:
            assert text.count(f'id="{urls.clause_anchor(clause["id"])}"') == 1, (doc_id, clause["id"])


def _resolve(here: str, link: str) -> tuple[str, str]:
    import posixpath
    path, _, anchor = link.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), path)), anchor


def test_every_comparison_cell_links_to_a_clause_that_exists(bundle, site):
    """Body cells (not the header row, not the row's name) cite at least one clause, and it exists. "—"
    is allowed only where the bundle has nothing of the kind for that document."""
    clause_ids = {urls.page_md(d, "clauses"): {urls.clause_anchor(c["id"]) for c in doc["source"]["clauses"]}
                  for d, doc in bundle.documents.items()}
    cells = 0
    for path in [compare.COMPARE_MD, *compare.PAGES]:
        lines = [line for line in site[path].splitlines() if line.strip().startswith("|")]
        rows = [line.strip() for line in lines]
        headers = {i for i in range(len(rows) - 1) if rows[i + 1].startswith("|---")}
        for i, row in enumerate(rows):
            if i in headers or row.startswith("|---"):
                continue
            # a table inside a document's tab lists that document's rows: the row names its clause
            texts = [row] if lines[i].startswith("    ") else re.split(r"(?<!\\)\|", row.strip("|"))[1:]
            for text in texts:
                if text.strip() == "—":
                    continue
                targets = [_resolve(path, link) for link in LINK.findall(text)]
                clause_links = [t for t in targets if t[0] in clause_ids]
                assert clause_links, (path, text)
                for target, anchor in clause_links:
                    assert anchor in clause_ids[target], (path, text)
                cells += 1
    assert cells > 100


def test_a_document_without_levels_says_so(bundle, site):
    for doc_id, doc in bundle.documents.items():
        text = site.get(urls.page_md(doc_id, "levels"), "")
        if doc["levels"].get("defined") is False:
            assert "Документ не устанавливает уровней" in text
        else:
            assert all(f"{{ #{level['id']} }}" in text for level in doc["levels"]["levels"])


def test_every_procedure_has_its_steps_at_a_glance(bundle, site):
    """A box per step, in order, each linking to the step's description, before the descriptions."""
    for doc_id, doc in bundle.documents.items():
        for proc in doc["procedures"].get("items", []):
            text = site[urls.page_md(doc_id, "procedures")]
            section = text.split(f"{{ #{proc['id']} }}", 1)[1]
            glance = section[section.index('<ol class="kb-flow"'):section.index("</ol>")]
            assert glance.count("<li>") == len(proc["steps"])
            links = [glance.index(f'href="#{step["id"]}"') for step in proc["steps"]]
            assert links == sorted(links)
            assert section.index("</ol>") < section.index('id="' + proc["steps"][0]["id"] + '"')


def test_menu_lists_every_generated_page(bundle, site):
    menu = pages.nav(bundle.data, [{"Документы": "@documents"}, {"Сравнение": "@compare"},
                                   {"Справочник": "@reference"}])

    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for x in node:
                yield from walk(x)
        elif isinstance(node, dict):
            for x in node.values():
                yield from walk(x)
    listed = set(walk(menu))
    assert set(site) - listed == {pages.OPEN_DATA_MD} - listed


def test_procedure_tracks_are_words_a_person_reads(bundle):
    """«Направление» is shown on the page as written in the data: Russian words, never an identifier."""
    tracks = [p.get("track") for doc in bundle.documents.values() for p in doc["procedures"].get("items", [])]
    assert any(tracks)
    assert [t for t in tracks if t and not re.search("[а-яё]", t, re.I)] == []
