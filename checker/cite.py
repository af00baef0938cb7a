"""How a citation reads for a person: «Таганрог, п. 5.2, позиция 3»."""
from __future__ import annotations


def clause_text(clause: str) -> str:
    return f"п. {clause}" if clause[:1].isdigit() else clause


def cite(bundle, citation: dict) -> str:
    text = f"{bundle.short(citation['doc'])}, {clause_text(citation['clause'])}"
    if citation.get("part"):
        text += f" («{citation['part']}»)"
    if citation.get("item"):
        text += f", позиция {citation['item']}"
    return text


def cite_all(bundle, citations: list) -> str:
    return "; ".join(cite(bundle, c) for c in citations or [])
