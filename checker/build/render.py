"""Markdown to HTML at build time (markdown-it-py, raw HTML off)."""
from __future__ import annotations

from markdown_it import MarkdownIt

MARKDOWN_KEYS = ("text", "note", "purpose", "register", "documents", "definition", "question",
                 "reading", "reason", "action", "notes")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def to_html(text: str) -> str:
    return _md.render(text)


def add_html(node):
    """Walk a compiled structure and add `<key>_html` next to every Markdown field."""
    if isinstance(node, dict):
        for key in list(node):
            value = node[key]
            if key in MARKDOWN_KEYS and isinstance(value, str):
                node[f"{key}_html"] = to_html(value)
            else:
                add_html(value)
    elif isinstance(node, list):
        for element in node:
            add_html(element)
    return node
