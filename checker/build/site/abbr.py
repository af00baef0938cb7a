"""Abbreviation tooltips from the glossary: every abbreviation a document defines (glossary terms and
bodies) becomes a Markdown `*[ABBR]: meaning` line appended to each page (the `abbr` extension and the
theme's `content.tooltips` do the rest)."""
from __future__ import annotations


def _plain(text: str) -> str:
    return " ".join(text.replace("**", "").replace("*", "").replace("]", ")").split())


def definitions(data: dict) -> dict[str, dict[str, str]]:
    """doc id -> {abbreviation: meaning}, in the document's own words."""
    out: dict[str, dict[str, str]] = {}
    for doc_id, doc in sorted(data["documents"].items()):
        found = out.setdefault(doc_id, {})
        for entry in (doc.get("glossary") or {}).get("items", []):
            if entry.get("abbr") and entry["abbr"] != entry["term"]:
                found.setdefault(entry["abbr"], _plain(entry["term"]))
        for entry in (doc.get("bodies") or {}).get("items", []):
            if entry.get("abbr") and entry["abbr"] != entry["label"]:
                found.setdefault(entry["abbr"], _plain(entry["label"]))
    return out


def block(defs: dict[str, dict[str, str]], doc_id: str | None) -> str:
    merged: dict[str, str] = {}
    for source in ([doc_id] if doc_id in defs else []) + sorted(defs):
        for key, meaning in defs[source].items():
            merged.setdefault(key, meaning)
    lines = [f"*[{key}]: {meaning}" for key, meaning in sorted(merged.items(), key=lambda kv: -len(kv[0]))
             if key.strip() and "\n" not in key]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""
