"""The HTML the checker page shows (checker/render_html.py renders the role view of checker/present.py):
every golden scenario renders as a well-formed fragment that opens with what to do now when someone is in
danger, then the key answer, shows each item of the view by its id, links every clause the view cites to
an anchor that exists, and escapes all text."""
from __future__ import annotations

import copy
import glob
import html
import os
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
import yaml

from checker.compare import compare
from checker.engine import evaluate, with_changes
from checker.model import InputError, parse_answers
from checker.present import present
from checker.render_html import _md, headline, render_compare, render_error, render_view
from checker.urls import clause_url
from tests.conftest import ROOT
from tests.scenario_plugin import real_bundle

BASE = "../"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Tree(HTMLParser):
    """Start tags with their attributes and enclosing section; nesting problems; text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.sections: list[str | None] = [None]       # the data-section around the current position
        self.tags: list[tuple[str, dict, str | None]] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("section", "details"):
            self.sections.append(attrs.get("data-section"))
        self.tags.append((tag, attrs, self.sections[-1]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs), self.sections[-1]))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag in ("section", "details"):
            self.sections.pop()

    def handle_data(self, data):
        self.text.append(data)

    def all(self, **wanted) -> list[tuple[str, dict, str | None]]:
        return [t for t in self.tags if all(t[1].get(k) == v for k, v in wanted.items())]


def parse(fragment: str) -> Tree:
    tree = Tree()
    tree.feed(fragment)
    tree.close()
    if tree.stack:
        tree.problems.append(f"unclosed: {tree.stack}")
    return tree


def _cases() -> list[dict]:
    cases = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "scenarios", "**", "*.yaml"), recursive=True)):
        data = yaml.load(open(path, encoding="utf-8"), Loader=LOADER)
        listed = data["scenarios"] if isinstance(data, dict) and "scenarios" in data else [data]
        for n, case in enumerate(listed, 1):
            if "error" not in case["output"]:
                cases.append({**case, "file": os.path.relpath(path, os.path.join(ROOT, "tests", "scenarios")), "n": n})
    return cases


CASES = _cases()
_results: dict = {}


def result_of(index: int, what_if: bool) -> dict:
    """As the browser gets it: the result first, then the same result with the nearest changes."""
    if index not in _results:
        bundle = real_bundle()
        answers = parse_answers({"schema": 1, **CASES[index]["input"]}, bundle)
        plain = evaluate(bundle, answers, what_if=False)
        _results[index] = (plain, {**plain, **with_changes(bundle, answers, plain)})
    return _results[index][1 if what_if else 0]


def view_ids(view: dict) -> Counter:
    return Counter([c["id"] for c in view["crisis"]] + [i["id"] for s in view["sections"] for i in s["items"]]
                   + [i["id"] for i in view["interpretations"]])


def cited(view: dict) -> set[str]:
    """Every clause the view shows a conclusion resting on (what the page must link to)."""
    doc = view["jurisdiction"]["id"]
    sources = [c for card in view["crisis"] for c in card["source"]]
    sources += [c for line in view["summary"]["lines"] for c in line["source"]]
    sources += [c for s in view["sections"] for i in s["items"] for c in i["source"]]
    sources += [c for i in view["interpretations"] for group in i["clauses"]
                for c in (group if isinstance(group, list) else [group]) if doc in (c["doc"], "other")]
    return {BASE + clause_url(c["doc"], c["clause"]) for c in sources}


@pytest.fixture(scope="module")
def bundle():
    return real_bundle()


@pytest.fixture(scope="module")
def anchors(bundle) -> set[str]:
    """Every clause of every document's index. The bundle carries the clauses listed in source.yaml;
    those of criteria/<doc>/clauses-*.yaml (part of the same index for the validator) are read here."""
    index = {(doc_id, clause["id"]) for doc_id, doc in bundle.documents.items() for clause in doc["source"]["clauses"]}
    index |= {(source["id"], clause["id"]) for source in bundle.data.get("federal", {}).get("sources", [])
              for clause in source.get("clauses", [])}           # federal law cited by every document
    for path in glob.glob(os.path.join(ROOT, "criteria", "*", "clauses-*.yaml")):
        doc_id = os.path.basename(os.path.dirname(path))
        index |= {(doc_id, clause["id"]) for clause in yaml.load(open(path, encoding="utf-8"), Loader=LOADER)["clauses"]}
    return {BASE + clause_url(doc_id, clause) for doc_id, clause in index}


def check_fragment(fragment: str, view: dict, anchors: set[str]) -> Tree:
    tree = parse(fragment)
    assert tree.problems == []
    assert fragment.startswith('<div class="cs-result-body"') and fragment.endswith("</div>")
    assert not any(t in ("script", "style", "html", "body") or "style" in a for t, a, _ in tree.tags)

    sections = [a["data-section"] for t, a, _ in tree.tags if t in ("section", "details") and "data-section" in a]
    expected = (["urgent"] if view["crisis"] else []) + ["summary"] + [s["id"] for s in view["sections"]]
    expected += ["interpretations"] if view["interpretations"] else []
    assert sections == expected
    if view["crisis"]:
        urgent = tree.all(**{"data-section": "urgent"})[0][1]
        assert urgent["role"] == "alert"
        phones = [n for card in view["crisis"] for call in card["call"] for n in re.findall(r"\b(112|102)\b", call)]
        tel = [a["href"] for t, a, s in tree.tags if s == "urgent" and t == "a" and a.get("href", "").startswith("tel:")]
        assert {f"tel:{n}" for n in phones} <= set(tel), (phones, tel)       # every number named can be tapped
    named = {re.sub(r"\D", "", n) for line in view["summary"]["lines"]
             for n in re.findall(r"(?<![\w.-])(112|102|8[ -]800(?:[ -]?\d){7})(?![\w-])", line["text"] or "")}
    tapped = {a["href"][4:] for t, a, s in tree.tags if s == "summary" and t == "a" and a.get("href", "").startswith("tel:")}
    assert named <= tapped, (named, tapped)                 # the key answer's numbers can be tapped too
    folded = [t for t, a, _ in tree.tags if a.get("data-section") in {s["id"] for s in view["sections"]}]
    assert set(folded) <= {"details"}                       # everything below the key answer starts folded

    assert Counter(a["data-id"] for _, a, _ in tree.tags if "data-id" in a) == view_ids(view)
    ids = [a["id"] for _, a, _ in tree.tags if "id" in a]
    assert len(ids) == len(set(ids))
    for _, attrs, _ in tree.tags:
        if "aria-labelledby" in attrs:
            assert attrs["aria-labelledby"] in ids and attrs["aria-labelledby"].startswith("cs-h-")

    hrefs = {a["href"] for t, a, _ in tree.tags if t == "a" and "cs-cite" in a.get("class", "").split()}
    assert hrefs <= anchors, hrefs - anchors
    assert cited(view) <= hrefs, cited(view) - hrefs

    text = "".join(tree.text)
    assert view["summary"]["title"].split()[0] in text
    assert tree.all(**{"class": "cs-disclaimer"})
    assert "не сохраняются" in text and "не решение" in text
    return tree


def render(bundle, result: dict, base: str = BASE) -> tuple[str, dict]:
    view = present(bundle, result)
    return render_view(bundle, view, result, base=base), view


WHAT_IF_SECTION = re.compile(r'<details class="cs-section cs-more cs-what_if".*?</details>', re.S)


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c['file']}#{c['n']}" for c in CASES])
def test_scenario_renders(bundle, anchors, index):
    """The verdict as first shown, then with the nearest changes: both are checked whole, and the second
    differs from the first only by its «what would change» section."""
    plain, full = result_of(index, False), result_of(index, True)
    first, view = render(bundle, plain)
    check_fragment(first, view, anchors)
    second, full_view = render(bundle, full)
    check_fragment(second, full_view, anchors)
    sections = WHAT_IF_SECTION.findall(second)
    assert len(sections) == bool(next((s for s in full_view["sections"] if s["id"] == "what_if"), None))
    assert not WHAT_IF_SECTION.findall(first)
    assert (second.replace(sections[0], "") if sections else second) == first
    assert headline(view) in (view["summary"]["title"], f"Срочно: {view['crisis'][0]['label']}" if view["crisis"] else "")


def test_text_is_escaped(bundle):
    index = next(i for i, c in enumerate(CASES) if "urgent" in c["output"] and c["output"]["urgent"])
    result = result_of(index, True)
    view = copy.deepcopy(present(bundle, result))
    evil = '<script>alert("x")</script> & <b onclick=1>'

    def poison(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "action", "title", "text", "short", "reading", "recipient", "disclaimer") \
                        and isinstance(value, str):
                    node[key] = value + evil
                else:
                    poison(value)
        elif isinstance(node, list):
            for element in node:
                poison(element) if not isinstance(element, str) else None

    poison(view)
    assert view["crisis"][0]["label"].endswith(evil)
    fragment = render_view(bundle, view, result, base=BASE)
    tree = parse(fragment)
    assert tree.problems == []
    assert "<script" not in fragment and "<b " not in fragment
    assert not any(t in ("script", "b") for t, _, _ in tree.tags)
    assert fragment.count("&lt;script&gt;") >= len(view["crisis"]) + 1
    assert evil in "".join(tree.text)


def test_base_is_escaped_into_hrefs(bundle):
    fragment, _ = render(bundle, result_of(0, False), base='/x"y/')
    assert parse(fragment).problems == []
    assert 'href="/x&quot;y/documents/' in fragment


def test_interpretations_are_labelled_as_the_projects_reading(bundle):
    index = next(i for i in range(len(CASES)) if present(real_bundle(), result_of(i, False))["interpretations"])
    fragment, _ = render(bundle, result_of(index, False))
    tree = parse(fragment)
    section = tree.all(**{"data-section": "interpretations"})
    assert section and section[0][0] == "details" and "cs-interpretations" in section[0][1]["class"]
    text = "".join(tree.text)
    assert "Толкования проекта" in text and "не слова документа" in text
    links = {a["href"] for t, a, s in tree.tags if s == "interpretations" and t == "a"}
    assert any("interpretations/#" in h for h in links)


def test_level_not_defined_is_said_plainly(bundle):
    answers = parse_answers({"schema": 1, "jurisdiction": "tula-srcn2-2022", "role": "curator",
                             "signs": ["parent-substance-abuse"], "facts": {"children_ages": [5]}}, bundle)
    result = evaluate(bundle, answers)
    assert result["level"]["defined_by_document"] is False
    fragment, view = render(bundle, result)
    summary = "".join(parse(fragment).text)
    assert "Документ не устанавливает уровней сопровождения" in summary
    assert "Что вместо уровней" in summary


def test_family_page_shows_no_registers_or_signals(bundle):
    answers = parse_answers({"schema": 1, "jurisdiction": "tolyatti-kdn-2015", "role": "family",
                             "signs": ["parent-substance-abuse"], "facts": {"children_ages": [0]}}, bundle)
    fragment, _ = render(bundle, evaluate(bundle, answers))
    sections = {a.get("data-section") for _, a, _ in parse(fragment).tags}
    assert not sections & {"registers", "signals", "level"}
    assert "постановк" not in fragment.lower()


def test_error_for_unknown_sign(bundle):
    with pytest.raises(InputError) as caught:
        parse_answers({"schema": 1, "jurisdiction": "taganrog-2017", "role": "teacher",
                       "signs": ["<b>cruelty</b>"]}, bundle)
    fragment = render_error(caught.value)
    tree = parse(fragment)
    assert tree.problems == []
    assert tree.tags[0][0] == "div" and tree.tags[0][1] == {"class": "cs-error", "role": "alert"}
    assert "<b>" not in fragment
    text = "".join(tree.text)
    assert "signs.1" in text and "<b>cruelty</b>" in text
    assert all(near in text for near in caught.value.nearest) and caught.value.nearest


def test_error_without_suggestions():
    tree = parse(render_error(InputError("$", "ответы не в формате JSON")))
    assert tree.problems == [] and "ответы целиком" in "".join(tree.text)


def test_compare_table(bundle, anchors):
    answers = parse_answers({"schema": 1, "jurisdiction": "other", "role": "teacher",
                             "signs": ["cruelty-physical"], "facts": {"children_ages": [7]}},
                            bundle, strict_jurisdiction=False)
    fragment = render_compare(bundle, compare(bundle, answers), base=BASE)
    tree = parse(fragment)
    assert tree.problems == []
    assert [t for t, _, _ in tree.tags[:2]] == ["table", "caption"]
    assert tree.tags[0][1]["class"] == "cs-compare"
    assert len(tree.all(scope="row")) == len(bundle.documents)
    assert len(tree.all(scope="col")) >= 5
    assert {a["data-doc"] for _, a, _ in tree.tags if "data-doc" in a} == set(bundle.documents)
    hrefs = {a["href"] for t, a, _ in tree.tags if t == "a" and a.get("class") == "cs-cite"}
    assert hrefs and hrefs <= anchors


def _normal(fragment: str) -> str:
    return html.unescape(re.sub(r"\s*\n\s*", " ", re.sub(r">\s+<", "><", fragment.strip())))


def test_markdown_agrees_with_the_build(bundle):
    """The run-time Markdown gives the same HTML as the build's markdown-it for every text in the bundle."""
    pairs = []

    def walk(node):
        if isinstance(node, dict):
            pairs.extend((v, node[k + "_html"]) for k, v in node.items() if isinstance(v, str) and k + "_html" in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for element in node:
                walk(element)

    walk(bundle.data)
    assert len(pairs) > 100
    assert [md for md, built in pairs if _normal(_md(md)) != _normal(built)] == []
