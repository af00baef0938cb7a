"""The rules engine: answers + bundle → suggested conclusions, each with its reasons and clauses.

The order of the result is the order a person needs: what to do now, whether to send a signal,
which categories, which level, what happens next, what help exists, what would change the result.
"""
from __future__ import annotations

from .bundle import Bundle, iter_items
from .conditions import holds
from .model import OTHER, OUTPUT_SCHEMA, Answers
from .outcome import outline

DISCLAIMER = ("Это подсказка по тексту документа, а не решение. Решение о сопровождении, уровне и учёте "
              "принимают органы, которые называет документ: комиссия по делам несовершеннолетних и защите "
              "их прав (КДН и ЗП), консилиум специалистов или учреждение социального обслуживания.")
WHAT_IF_LIMIT = 16
WHAT_IF_LOWER = 4       # at most this many "would lower the level or end a signal" entries
WHAT_IF_URGENT = 4      # at most this many "would be urgent" answers, so level and signal boundaries show too


def _conclusion(item: dict, because: list | None = None) -> dict:
    out = {"id": item["gid"], "label": item["label"], "source": item["source"]}
    if because is not None:
        out["because"] = because
    if item.get("interpretations"):
        out["interpretations"] = item["interpretations"]
    return out


def _fired(section: dict, answers: Answers):
    for entry in section.get("items", []):
        if "when" in entry:
            ok, because = holds(entry["when"], answers)
            if ok:
                yield entry, because


def _form(bundle: Bundle, form_id: str | None) -> dict | None:
    if not form_id:
        return None
    form = bundle.by_id.get(form_id, {})
    return {"id": form_id, "label": form.get("label", form_id)}


def _crisis(bundle: Bundle, answers: Answers, *, other: bool) -> list:
    """What to do now when a life is in danger: shown in every territory (`scope: other` only where the
    base has no document), always before the document's own urgent actions."""
    scopes = ("all", "other") if other else ("all",)
    crisis = {"items": [e for e in bundle.data.get("crisis", {}).get("items", []) if e.get("scope", "all") in scopes]}
    return _urgent(bundle, {"urgent": crisis}, answers, common=True)


def _federal(bundle: Bundle, answers: Answers) -> list:
    """Duties federal law sets for every school, clinic and prevention body, whatever the document says."""
    out = []
    for entry, because in _fired(bundle.data.get("federal", {}), answers):
        item = _conclusion(entry, because)
        item.update(recipient=entry["recipient"], about=entry["about"], deadline=entry.get("deadline"),
                    audience=entry.get("audience", []))
        out.append(item)
    return out


def _urgent(bundle: Bundle, doc: dict, answers: Answers, common: bool = False) -> list:
    out = [] if common else _crisis(bundle, answers, other=False)
    for entry, because in _fired(doc.get("urgent", {}), answers):
        item = _conclusion(entry, because)
        item.update(action=entry["action"], call=entry.get("call", []))
        if entry.get("audience"):
            item["audience"] = entry["audience"]
        if common:
            item["common"] = True
        if entry.get("report"):
            report = dict(entry["report"])
            report["form"] = _form(bundle, report.get("form"))
            item["report"] = report
        out.append(item)
    return out


def _signals(bundle: Bundle, doc: dict, answers: Answers) -> list:
    out = []
    for entry, because in _fired(doc.get("signals", {}), answers):
        if entry.get("roles") and answers.role not in entry["roles"]:
            continue
        item = _conclusion(entry, because)
        item.update(recipient=entry["recipient"], deadline=entry["deadline"], form=_form(bundle, entry.get("form")))
        for key in ("via", "written_deadline", "roles", "audience"):
            if entry.get(key):
                item[key] = entry[key]
        out.append(item)
    return out


def _registers(bundle: Bundle, doc: dict, answers: Answers) -> list:
    out = []
    for entry in doc.get("lists", {}).get("items", []):
        if "applies" in entry and not holds(entry["applies"], answers)[0]:
            continue                    # the list is about other families (e.g. pregnant women only)
        matched = []
        for criterion in entry.get("items", []):
            if "when" in criterion:
                ok, because = holds(criterion["when"], answers)
                if ok:
                    matched.append(_conclusion(criterion, because))
        if matched:
            item = _conclusion(entry)
            item.update(register=entry.get("register"), form=_form(bundle, entry.get("form")),
                        rank=entry.get("rank", 1), matched=matched)
            if entry.get("audience"):
                item["audience"] = entry["audience"]
            out.append(item)
    out.sort(key=lambda r: -r["rank"])          # the highest register first (stable: document order)
    for position, item in enumerate(out):
        item["suggested"] = position == 0 or item["rank"] == out[0]["rank"]
    return out


def _param(value: dict, key: str):
    return value.get(key) if value and value.get("defined") is not False else None


def _level(doc: dict, answers: Answers) -> dict:
    scheme = doc.get("levels") or {"defined": False}
    if not scheme.get("defined"):
        return {"id": None, "defined_by_document": False, "note": scheme.get("note"),
                "source": scheme.get("source", []), "see": scheme.get("see", []), "matched": []}
    matched = []
    for level in scheme["levels"]:
        indicators = []
        for indicator in level.get("indicators", []):
            if "when" in indicator:
                ok, because = holds(indicator["when"], answers)
                if ok:
                    indicators.append(_conclusion(indicator, because))
        if indicators:
            matched.append({"id": level["id"], "label": level["label"], "rank": level["rank"],
                            "indicators": indicators, "source": level["source"]})
    matched.sort(key=lambda m: -m["rank"])
    base = {"defined_by_document": True, "matched": matched, "selection": scheme.get("selection"),
            "levels_source": scheme.get("source", [])}
    if not matched:
        return {**base, "id": None, "source": scheme.get("source", []),
                "note": "Ответы не совпали ни с одним признаком уровней этого документа: уровень "
                        "определяют специалисты по итогам оценки семьи."}
    chosen = next(level for level in scheme["levels"] if level["id"] == matched[0]["id"])
    return {**base, "id": chosen["id"], "label": chosen["label"], "rank": chosen["rank"],
            "source": chosen["source"], "purpose": chosen.get("purpose"),
            "duration_months": _param(chosen["duration"], "months"), "duration": chosen["duration"],
            "caseload_max": _param(chosen["caseload"], "max"), "caseload": chosen["caseload"],
            "visits": chosen["visits"], "others": [m["id"] for m in matched[1:]],
            "interpretations": chosen.get("interpretations", [])}


def _next_steps(doc: dict, answers: Answers) -> list:
    out = []
    for entry in doc.get("procedures", {}).get("items", []):
        if entry.get("roles") and answers.role not in entry["roles"]:
            continue
        because = []
        if "when" in entry:
            ok, because = holds(entry["when"], answers)
            if not ok:
                continue
        item = _conclusion(entry, because)
        if entry.get("audience"):
            item["audience"] = entry["audience"]
        item.update(track=entry.get("track"), steps=[
            {k: step[k] for k in ("gid", "actor", "action", "deadline", "recipient", "form", "source", "interpretations",
                                  "audience")
             if k in step}
            for step in entry["steps"]])
        out.append(item)
    return out


def _help(doc: dict, answers: Answers) -> list:
    relevant, general = [], []
    for entry in doc.get("help", {}).get("items", []):
        if "when" in entry:
            ok, because = holds(entry["when"], answers)
            if ok:
                relevant.append({**_conclusion(entry, because), "type": entry["type"], "relevant": True})
        else:
            general.append({**_conclusion(entry), "type": entry["type"], "relevant": False})
    return relevant + general


def _not_defined(doc: dict) -> list:
    out = []
    for name in ("categories", "levels", "needs", "urgent", "signals"):
        section = doc.get(name) or {}
        if section.get("defined") is False:
            out.append({"section": name, "note": section.get("note"), "source": section.get("source", [])})
    return out


# Parts of a result that never hold an interpretation id: the walk below skips them (citations and
# reasons are most of a result's nodes).
_NO_READINGS = frozenset(("source", "because", "levels_source", "see", "jurisdiction", "deadline",
                          "written_deadline", "form", "call", "duration", "caseload", "visits", "not_defined",
                          "what_if", "what_lowers", "recipient", "audience", "roles"))


def _interpretations(bundle: Bundle, result: dict) -> list:
    ids: list[str] = []

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _NO_READINGS:
                    continue
                if key == "interpretations" and isinstance(value, list):
                    ids.extend(i for i in value if isinstance(i, str) and i not in ids)
                elif key == "selection" and isinstance(value, str) and value not in ids:
                    ids.append(value)
                elif isinstance(value, (dict, list)):
                    collect(value)
        elif isinstance(node, list):
            for element in node:
                if isinstance(element, (dict, list)):
                    collect(element)

    collect(result)
    out = []
    for gid in ids:
        record = bundle.by_id.get(gid)
        if record:
            out.append({"id": gid, "label": record["label"], "question": record["question"],
                        "reading": record["reading"], "reason": record["reason"], "clauses": record["clauses"]})
    return out


def _trace(result: dict) -> list:
    trace = []
    for key in ("urgent", "signals", "categories", "needs"):
        trace += [{"kind": key, "id": c["id"], "because": c.get("because", []), "source": c["source"]}
                  for c in result[key]]
    for level in result["level"].get("matched", []):
        trace += [{"kind": f"level:{level['id']}", "id": i["id"], "because": i["because"], "source": i["source"]}
                  for i in level["indicators"]]
    for register in result["registers"]:
        trace += [{"kind": f"list:{register['id']}", "id": c["id"], "because": c["because"], "source": c["source"]}
                  for c in register["matched"]]
    return trace


def _jurisdiction(bundle: Bundle, doc_id: str) -> dict:
    if doc_id == OTHER:
        return {"id": OTHER, "short": "Другая территория", "title": None}
    source = bundle.doc(doc_id)["source"]
    return {"id": doc_id, "short": source["short"], "title": source["title"], "territory": source["territory"]}


def _evaluate_document(bundle: Bundle, answers: Answers) -> dict:
    doc = bundle.doc(answers.jurisdiction)
    return {
        "urgent": _urgent(bundle, doc, answers),
        "signals": _signals(bundle, doc, answers),
        "categories": [_conclusion(e, b) for e, b in _fired(doc.get("categories", {}), answers)],
        "needs": [_conclusion(e, b) for e, b in _fired(doc.get("needs", {}), answers)],
        "level": _level(doc, answers),
        "registers": _registers(bundle, doc, answers),
        "next_steps": _next_steps(doc, answers),
        "help": _help(doc, answers),
        "not_defined": _not_defined(doc),
    }


def _evaluate_other(bundle: Bundle, answers: Answers) -> dict:
    """No document for this territory: what to do now and what federal law obliges everywhere; never
    another city's bodies as whom to call. The five documents can be compared (`compare`)."""
    return {"urgent": _crisis(bundle, answers, other=True), "signals": [], "categories": [], "needs": [],
            "level": {"id": None, "defined_by_document": False, "matched": [], "source": [],
                      "note": "Для этой территории в базе нет документа. Сравните, как решают пять "
                              "документов, и уточните порядок в местной КДН и ЗП."},
            "registers": [], "next_steps": [], "help": [],
            "not_defined": [{"section": "jurisdiction", "source": [],
                             "note": "Территория не описана ни одним документом базы."}]}


def evaluate(bundle: Bundle, answers: Answers, *, what_if: bool = True) -> dict:
    """Evaluate validated answers. Deterministic: the same answers give the same result."""
    body = (_evaluate_other if answers.jurisdiction == OTHER else _evaluate_document)(bundle, answers)
    result = {"schema": OUTPUT_SCHEMA, "bundle_version": bundle.version,
              "jurisdiction": _jurisdiction(bundle, answers.jurisdiction), "role": answers.role,
              "disclaimer": DISCLAIMER, **body, "federal": _federal(bundle, answers)}
    result.update(with_changes(bundle, answers, result) if what_if else {"what_if": [], "what_lowers": []})
    result["interpretations"] = _interpretations(bundle, result)
    result["trace"] = _trace(result)
    return result


def with_changes(bundle: Bundle, answers: Answers, result: dict) -> dict:
    """The slow part of a result, kept apart so the page can show the verdict first: the nearest answers
    that would add an urgent action, raise the level or add a signal or help, and those that would lower it."""
    if answers.jurisdiction == OTHER:
        return {"what_if": [], "what_lowers": []}
    baseline = _baseline(bundle, answers)          # both lists start from the same truths
    return {"what_if": nearest_changes(bundle, answers, result, baseline),
            "what_lowers": what_would_lower(bundle, answers, result, baseline)}


def _baseline(bundle: Bundle, answers: Answers) -> tuple:
    """The document's outline, the truth of each of its conditions for `answers`, and their outcome."""
    plan = outline(bundle, answers.jurisdiction)
    truths = plan.truths(answers)
    return plan, truths, plan.outcome(truths)


_NUDGE = {"lt": -1, "le": 0, "gt": 1, "ge": 0, "eq": 0, "any_lt": -1, "any_le": 0, "any_gt": 1, "any_ge": 0}


def _boundary_values(bundle: Bundle, doc_id: str, answers: Answers) -> list:
    """For number facts the document compares, the nearest value on the other side of each threshold."""
    seen, out = set(), []
    for entry in iter_items(bundle.doc(doc_id)):
        for cond in _comparisons(entry.get("when")):
            name = cond["fact"]
            spec = bundle.facts[name]
            op = next(k for k in cond if k != "fact")
            if op == "ne" or isinstance(cond[op], bool):
                continue
            step = 1 if spec["type"] in ("int", "int_list") else 0.01
            target = round(cond[op] + _NUDGE[op] * step, 2)
            if spec.get("min") is not None and target < spec["min"] or spec.get("max") is not None and target > spec["max"]:
                continue
            value = sorted(answers.facts.get(name, []) + [int(target)]) if spec["type"] == "int_list" else (
                int(target) if spec["type"] == "int" else target)
            if (name, str(value)) not in seen and answers.facts.get(name) != value:
                seen.add((name, str(value)))
                out.append(("fact", name, value))
    return out


def _comparisons(cond):
    if not cond:
        return
    if "fact" in cond and len(cond) == 2:
        yield cond
    for key in ("any", "all"):
        for child in cond.get(key, []):
            yield from _comparisons(child)


def nearest_changes(bundle: Bundle, answers: Answers, base: dict, baseline: tuple | None = None) -> list:
    """The nearest single answers that would add an urgent action, raise the level or add a signal
    (the result's `what_if`; the browser computes it after showing the rest of the result). Each change
    re-tests only the conditions that read the changed answer (checker/outcome.py)."""
    if answers.jurisdiction == OTHER:
        return []
    doc_id = answers.jurisdiction
    plan, truths, now = baseline or _baseline(bundle, answers)
    had = {part: now.ids(part) for part in ("urgent", "signals", "help")}
    candidates = [("sign", s, None) for s in sorted(bundle.signs_by_doc[doc_id] - answers.signs)]
    candidates += [("fact", f, True) for f in sorted(bundle.facts_by_doc[doc_id])
                   if bundle.facts[f]["type"] == "bool" and answers.facts.get(f) is not True]
    candidates += _boundary_values(bundle, doc_id, answers)
    out = []
    for kind, name, value in candidates:
        if not plan.reads((kind, name)):
            continue                    # no urgent action, signal, level or help reads this answer
        changed = answers.with_sign(name) if kind == "sign" else answers.with_fact(name, value)
        other = plan.outcome(plan.changed(truths, changed, (kind, name)))
        effects = [{"kind": "urgent", "id": gid, "label": label} for gid, label in other.urgent
                   if gid not in had["urgent"]]
        if other.level[1] > now.level[1]:
            effects.append({"kind": "level", "from": now.level[0], "to": other.level[0], "label": other.level[2]})
        effects += [{"kind": "signal", "id": gid, "label": label} for gid, label in other.signals
                    if gid not in had["signals"]]
        effects += [{"kind": "help", "id": gid, "label": label} for gid, label in other.help
                    if gid not in had["help"]]
        if effects:
            label = bundle.signs[name]["label"] if kind == "sign" else bundle.facts[name]["label"]
            add = {"sign": name} if kind == "sign" else {"fact": name, "value": value}
            out.append({"add": add, "label": label, "effects": effects})
    weight = {"urgent": 0, "level": 1, "signal": 2, "help": 3}
    out.sort(key=lambda w: (min(weight[e["kind"]] for e in w["effects"]),
                            -len([e for e in w["effects"] if e["kind"] != "help"]), w["label"]))
    urgent_first = [w for w in out if w["effects"][0]["kind"] == "urgent"][:WHAT_IF_URGENT]
    rest = [w for w in out if w["effects"][0]["kind"] != "urgent"]
    return (urgent_first + rest)[:WHAT_IF_LIMIT]


def what_would_lower(bundle: Bundle, answers: Answers, base: dict, baseline: tuple | None = None) -> list:
    """Answers already given whose change would lower the level or end a signal: what support rests on."""
    if answers.jurisdiction == OTHER or not base["level"].get("rank") and not base["signals"]:
        return []
    plan, truths, now = baseline or _baseline(bundle, answers)
    out = []
    changes = [("sign", s, answers.signs - {s}) for s in sorted(answers.signs)]
    changes += [("fact", f, None) for f in sorted(answers.facts) if answers.facts[f] is True]
    for kind, name, signs in changes:
        changed = (Answers(answers.jurisdiction, answers.role, frozenset(signs), answers.facts) if kind == "sign"
                   else answers.with_fact(name, False))
        other = plan.outcome(plan.changed(truths, changed, (kind, name)))
        effects = []
        if other.level[1] < now.level[1]:
            effects.append({"kind": "lower", "from": now.level[0], "to": other.level[0], "label": other.level[2]})
        still = other.ids("signals")
        gone = [(gid, label) for gid, label in now.signals if gid not in still]
        effects += [{"kind": "no_signal", "id": gid, "label": label} for gid, label in gone]
        if effects:
            label = bundle.signs[name]["label"] if kind == "sign" else bundle.facts[name]["label"]
            remove = {"sign": name} if kind == "sign" else {"fact": name, "value": False}
            out.append({"change": remove, "label": label, "effects": effects})
    return out[:WHAT_IF_LOWER]
