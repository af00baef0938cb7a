"""What the form must ask for one document and one role, in order, with why each question matters."""
from __future__ import annotations

from .model import OTHER, OUTPUT_SCHEMA

MAX_REASONS = 3


def questions(bundle, jurisdiction: str, role: str) -> dict:
    professional = bundle.roles[role]["professional"]
    if jurisdiction == OTHER:
        used = set().union(*bundle.signs_by_doc.values())
        users = {}
        fact_ids = set().union(*bundle.facts_by_doc.values())
    else:
        used = bundle.signs_by_doc[jurisdiction]
        users = bundle.sign_users[jurisdiction]
        fact_ids = bundle.facts_by_doc[jurisdiction]
    groups = []
    for topic in bundle.data["topics"]:
        signs = []
        for sign in bundle.data["signs"]:
            if sign["topic"] != topic["id"] or sign["id"] not in used:
                continue
            if sign.get("audience") == "professional" and not professional:
                continue
            why = [bundle.by_id[g]["label"] for g in users.get(sign["id"], [])[:MAX_REASONS]]
            signs.append({"id": sign["id"], "label": sign["label"], "hint": sign.get("hint"), "why": why})
        if signs:
            groups.append({"topic": topic["id"], "label": topic["label"], "signs": signs})
    facts = [{k: f[k] for k in ("id", "type", "label", "hint", "min", "max") if k in f}
             for f in bundle.data["facts"] if f["id"] in fact_ids]
    return {"schema": OUTPUT_SCHEMA, "jurisdiction": jurisdiction, "role": role, "facts": facts, "groups": groups}


def render_questions_text(table: dict) -> str:
    out = ["О семье:"] + [f"  [{f['id']}] {f['label']}" for f in table["facts"]]
    for group in table["groups"]:
        out.append(f"{group['label']}:")
        for sign in group["signs"]:
            out.append(f"  [{sign['id']}] {sign['label']}" + (f" — {sign['hint']}" if sign.get("hint") else ""))
    return "\n".join(out)
