"""Where each thing lives on the knowledge-base site. Used by the page generator (build time) and by the
result renderer (run time, in the browser), so a citation in a checker result links to the same page
and anchor as the knowledge base. Standard library only.

>>> clause_anchor("прил. 14")
'c-pril-14'
>>> clause_anchor("рег. мед., п. 2.4.1.5")
'c-reg-med-p-2-4-1-5'
>>> page_path("taganrog-2017", "clauses")
'documents/taganrog-2017/clauses/'
>>> page_md("taganrog-2017", "index")
'documents/taganrog-2017/index.md'
>>> clause_url("taganrog-2017", "5.2")
'documents/taganrog-2017/clauses/#c-5-2'
>>> item_url({"gid": "taganrog-2017/cat-substitute", "kind": "category"})
'documents/taganrog-2017/categories/#cat-substitute'
>>> item_url({"gid": "common/urgent-call-112", "kind": "interpretation"})
'interpretations/#common-urgent-call-112'
>>> item_url({"gid": "common/crisis-suicide", "kind": "urgent"})
'common/#common-crisis-suicide'
>>> item_url({"gid": "cruelty-physical", "kind": "sign"})
'signs/#cruelty-physical'
"""
from __future__ import annotations

import re

CHECKER_PAGE = "checker/"
COMPARE_PAGE = "compare/"
COMMON_INTERPRETATIONS_PAGE = "interpretations/"
COMMON_PAGE = "common/"          # what holds in every territory: crisis help, duties under federal law
SIGNS_PAGE = "signs/"            # the circumstances the checker asks about, and where documents use them

# One page per section of a document: slug -> Russian title. Order is the order of the site's menu.
DOCUMENT_PAGES = {
    "index": "О документе",
    "categories": "Категории семей",
    "levels": "Уровни сопровождения",
    "lists": "Перечни критериев и учёты",
    "signals": "Срочные действия и сигналы",
    "procedures": "Порядок действий и сроки",
    "forms": "Формы документов",
    "help": "Виды помощи",
    "glossary": "Органы и термины",
    "interpretations": "Толкования проекта",
    "clauses": "Пункты документа",
}

# Item kind (as compiled into the bundle) -> the document page that shows it.
KIND_PAGE = {
    "category": "categories", "need": "categories",
    "level": "levels", "indicator": "levels",
    "list": "lists", "criterion": "lists",
    "urgent": "signals", "signal": "signals", "detection": "signals",
    "procedure": "procedures", "step": "procedures", "ground": "procedures",
    "form": "forms",
    "help": "help",
    "body": "glossary", "term": "glossary",
    "interpretation": "interpretations",
}

_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def slug(text: str) -> str:
    """Latin, lowercase, hyphen-separated: stable anchors whatever the Markdown toolchain does."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")


def clause_anchor(clause: str) -> str:
    return "c-" + slug(clause)


def page_path(doc: str, section: str) -> str:
    """Directory URL of a document page, relative to the site root."""
    return f"documents/{doc}/" if section == "index" else f"documents/{doc}/{section}/"


def page_md(doc: str, section: str) -> str:
    """Source path of the same page inside docs/ (what MkDocs links resolve against)."""
    return f"documents/{doc}/{section}.md"


def clause_url(doc: str, clause: str) -> str:
    return page_path(doc, "clauses") + "#" + clause_anchor(clause)


def item_anchor(gid: str) -> str:
    doc, _, local = gid.partition("/")
    return slug(gid) if doc == "common" else local


def item_url(item: dict) -> str:
    """URL of the page and anchor where an item (by its `gid` and `kind`) is shown."""
    if item.get("kind") == "sign":
        return SIGNS_PAGE + "#" + item["gid"]
    doc = item["gid"].split("/", 1)[0]
    if doc == "common":
        page = COMMON_INTERPRETATIONS_PAGE if item.get("kind") == "interpretation" else COMMON_PAGE
        return page + "#" + item_anchor(item["gid"])
    return page_path(doc, KIND_PAGE.get(item.get("kind"), "index")) + "#" + item_anchor(item["gid"])
