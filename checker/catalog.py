"""Every item of the bundle with its source (`catalog`), and citation counts per clause (`coverage`)."""
from __future__ import annotations

from .bundle import iter_items


def catalog(bundle) -> list[dict]:
    rows = []
    for doc_id, doc in sorted(bundle.documents.items()):
        for entry in iter_items(doc):
            sources = entry.get("source") or []
            rows.append({"id": entry["gid"], "kind": entry.get("kind", "item"), "jurisdiction": doc_id,
                         "label": entry.get("label") or entry.get("action"),
                         "source": sources[0] if sources else None, "sources": sources})
    for entry in bundle.data.get("interpretations", []):
        rows.append({"id": entry["gid"], "kind": "interpretation", "jurisdiction": None, "label": entry["label"],
                     "source": entry["source"][0], "sources": entry["source"]})
    for sign in bundle.data["signs"]:
        users = [(doc_id, gid) for doc_id in sorted(bundle.documents)
                 for gid in bundle.sign_users[doc_id].get(sign["id"], [])]
        sources = [c for _, gid in users for c in bundle.by_id[gid]["source"]]
        rows.append({"id": sign["id"], "kind": "sign", "jurisdiction": None, "label": sign["label"],
                     "source": sources[0] if sources else None, "sources": sources,
                     "jurisdictions": sorted({d for d, _ in users})})
    return rows


NESTED_ITEMS = ("items", "steps", "indicators", "levels")


def _citations(node, out: list) -> list:
    """Every citation inside one item: its source and those of its fields, duties and sub-items."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("source", "clauses") and isinstance(value, list):
                for entry in value:
                    (out.extend(entry) if isinstance(entry, list) else out.append(entry))
            elif key not in NESTED_ITEMS:
                _citations(value, out)
    elif isinstance(node, list):
        for element in node:
            _citations(element, out)
    return out


def coverage(bundle) -> list[dict]:
    """Per document and clause (and part): items citing it, declared list length, item numbers cited."""
    counts: dict[tuple, dict] = {}
    for row in catalog(bundle):
        if row["kind"] == "sign":
            continue
        seen = set()
        for c in _citations(bundle.by_id[row["id"]], []):
            key = (c["doc"], c["clause"], c.get("part"))
            if (key, row["id"]) in seen:
                continue
            seen.add((key, row["id"]))
            entry = counts.setdefault(key, {"items": 0, "numbers": set()})
            entry["items"] += 1
            if c.get("item"):
                entry["numbers"].add(c["item"])
    out = []
    for doc_id, doc in sorted(bundle.documents.items()):
        for clause in doc["source"].get("clauses", []):
            parts = clause.get("parts") or {None: clause.get("items")}
            for part, declared in parts.items():
                entry = counts.get((doc_id, clause["id"], part), {"items": 0, "numbers": set()})
                missing = sorted(set(range(1, declared + 1)) - entry["numbers"]) if declared else []
                out.append({"doc": doc_id, "clause": clause["id"], "part": part, "title": clause.get("title"),
                            "cited_by": entry["items"], "declared_items": declared,
                            "items_cited": len(entry["numbers"]), "missing_items": missing})
    return out


def render_coverage_text(rows: list[dict]) -> str:
    out, doc = [], None
    for row in rows:
        if row["doc"] != doc:
            doc = row["doc"]
            out.append(f"== {doc} ==")
        name = row["clause"] + (f" / {row['part']}" if row["part"] else "")
        listed = (f"  list {row['items_cited']}/{row['declared_items']}"
                  + (f" missing {row['missing_items']}" if row["missing_items"] else "")) if row["declared_items"] else ""
        out.append(f"  {name:<34} items {row['cited_by']:>3}{listed}")
    return "\n".join(out)
