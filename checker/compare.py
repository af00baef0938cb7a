"""The same answers under every document, side by side."""
from __future__ import annotations

from .cite import cite_all
from .engine import evaluate
from .model import OUTPUT_SCHEMA, Answers


def compare(bundle, answers: Answers) -> dict:
    rows = []
    for doc_id in sorted(bundle.documents):
        local = answers.for_jurisdiction(doc_id)
        unused = sorted(s for s in answers.signs if s not in bundle.signs_by_doc[doc_id])
        unused_facts = sorted(f for f in answers.facts if f not in bundle.facts_by_doc[doc_id]
                              and f != "children_count")
        result = evaluate(bundle, local, what_if=False)
        level = result["level"]
        rows.append({
            "jurisdiction": result["jurisdiction"],
            "urgent": [{"id": u["id"], "label": u["label"], "source": u["source"]} for u in result["urgent"]],
            "signals": [{"id": s["id"], "label": s["label"], "recipient": s["recipient"],
                         "deadline": s["deadline"], "source": s["source"]} for s in result["signals"]],
            "categories": [{"id": c["id"], "label": c["label"], "source": c["source"]} for c in result["categories"]],
            "level": {k: level.get(k) for k in ("id", "label", "defined_by_document", "duration_months",
                                                 "caseload_max", "visits", "source", "note")},
            "registers": [{"id": r["id"], "label": r["label"]} for r in result["registers"]],
            "signs_not_used": unused,
            "facts_not_used": unused_facts,
        })
    return {"schema": OUTPUT_SCHEMA, "bundle_version": bundle.version, "role": answers.role, "documents": rows}


def render_compare_text(bundle, table: dict) -> str:
    out = []
    for row in table["documents"]:
        j = row["jurisdiction"]
        out.append(f"== {j['short']} ==")
        out.append("  Срочно: " + ("; ".join(u["label"] for u in row["urgent"]) or "—"))
        out.append("  Сигнал: " + ("; ".join(f"{s['label']} ({s['deadline']['text']})" for s in row["signals"]) or "—"))
        out.append("  Категории: " + ("; ".join(c["label"] for c in row["categories"]) or "—"))
        level = row["level"]
        if not level["defined_by_document"]:
            out.append("  Уровень: документ не устанавливает уровней")
        elif level["id"] is None:
            out.append("  Уровень: ответы не определяют уровень")
        else:
            months = f", {level['duration_months']} мес." if level.get("duration_months") else ""
            out.append(f"  Уровень: {level['label']}{months} ({cite_all(bundle, level['source'])})")
        if row["registers"]:
            out.append("  Перечни: " + "; ".join(r["label"] for r in row["registers"]))
        if row["signs_not_used"]:
            out.append("  Не учитывает признаки: " + ", ".join(row["signs_not_used"]))
        if row["facts_not_used"]:
            out.append("  Не учитывает факты: " + ", ".join(row["facts_not_used"]))
    return "\n".join(out)
