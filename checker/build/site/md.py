"""Small Markdown writing helpers shared by the generated pages: relative links between generated files,
citations that link to the clause index, conditions said in words, the project's readings as admonitions."""
from __future__ import annotations

import posixpath

from checker import urls
from checker.cite import clause_text

SIGNS_MD = "signs.md"
DIRECTORY_PAGES = {"compare", "documents"}   # pages that have sub-pages: their index.md


def rel(from_md: str, to_md: str, anchor: str = "") -> str:
    """Link from one docs/ file to another (MkDocs checks both the file and the anchor)."""
    target = posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")
    return target + ("#" + anchor if anchor else "")


def esc(text) -> str:
    """Plain text safe inside Markdown link text and tables."""
    return (str(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")
            .replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("\n", " "))


def indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line.strip() else "" for line in text.splitlines())


def cite_link(here: str, c: dict, short: dict | None = None) -> str:
    """«п. 5.2, поз. 3» linking to the clause's anchor; with `short` the document is named first."""
    text = clause_text(c["clause"])
    if c.get("part"):
        text += f" («{c['part']}»)"
    if c.get("item"):
        text += f", поз. {c['item']}"
    if short is not None:
        text = f"{short.get(c['doc'], c['doc'])}, {text}"
    return f"[{esc(text)}]({rel(here, urls.page_md(c['doc'], 'clauses'), urls.clause_anchor(c['clause']))})"


def sources(here: str, cites: list, short: dict | None = None) -> str:
    return "; ".join(cite_link(here, c, short) for c in cites or [])


def md_of_url(url: str) -> tuple[str, str]:
    path, _, anchor = url.partition("#")
    path = path.rstrip("/")
    parts = path.split("/")
    if parts[0] == "documents" and len(parts) == 2:
        return path + "/index.md", anchor
    if parts[0] == "documents" or len(parts) > 1:
        return path + ".md", anchor
    return path + ("/index.md" if path in DIRECTORY_PAGES else ".md"), anchor


def link_item(here: str, item: dict, label: str | None = None) -> str:
    md, anchor = md_of_url(urls.item_url(item))
    return f"[{esc(label or item.get('label') or item.get('action') or item['gid'])}]({rel(here, md, anchor)})"


_OPS = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥",
        "any_lt": "<", "any_le": "≤", "any_gt": ">", "any_ge": "≥"}


def condition(here: str, node: dict, signs: dict, facts: dict, top: bool = True) -> str:
    """A condition in words: signs link to the page of signs, facts are named by their question."""
    if "sign" in node:
        sign = signs.get(node["sign"])
        label = sign["label"] if sign else node["sign"]
        return f"«[{esc(label)}]({rel(here, SIGNS_MD, node['sign'])})»"
    if "fact" in node:
        fact = facts.get(node["fact"], {})
        label = esc(fact.get("label", node["fact"]).rstrip("?"))
        ops = [k for k in node if k != "fact"]
        if not ops:
            return f"да: {label}"
        op, value = ops[0], node[ops[0]]
        if value is True:
            return f"да: {label}" if op == "eq" else f"нет: {label}"
        if value is False:
            return f"нет: {label}" if op == "eq" else f"да: {label}"
        prefix = "хотя бы одно значение " if op.startswith("any_") else ""
        return f"{label} — {prefix}{_OPS[op]} {value}"
    if "not" in node:
        return "не так, что " + condition(here, node["not"], signs, facts, False)
    key = "any" if "any" in node else "all"
    joiner = " **или** " if key == "any" else " **и** "
    text = joiner.join(condition(here, child, signs, facts, False) for child in node[key])
    return text if top or len(node[key]) == 1 else f"({text})"
