"""What the form asks one role under one document, in order: danger first, then what this role can see.

`questions(bundle, jurisdiction, role)` returns a dict (JSON-ready):

    schema, jurisdiction, role
    limit        int — the most questions the main part holds (30)
    main         [question] — asked first, at most `limit` of them
    more         [question] — «Ещё вопросы»: the rest, in the same order
    counts       {main, more, not_asked}
    not_asked    [{kind, id, reason}] — what the document uses but this role is not asked:
                 reason "observed_by" (the role cannot see it), "audience" (only officials know it),
                 "asked_of" (the role cannot know the fact), "derived" (computed from another answer)
    unknown      {label, text} — «Не знаю» is a valid answer: leave the key out or send null; it never
                 counts as «да»
    derived      {fact id: fact id it is computed from} (children_count from children_ages)
    facts        [fact question] — the facts of main + more, in order (kept for older readers)
    groups       [{topic, label, signs: [sign question]}] — the signs of main + more by topic, topics in
                 declared order (kept for older readers)

A question is a sign (a checkbox: ticked = seen; unticked = not seen or not known) or a fact:

    sign: {kind: "sign", id, label, hint, why: [labels of the rules that use it], why_text, topic,
           danger: bool, section, options}
    fact: {kind: "fact", id, type, label, hint?, min?, max?, why (one sentence: why we ask),
           rules: [labels of the rules that need it], section, danger: false, dependent: bool, ask_if?,
           options?}

`section` is "danger" (threats to life or health), "family" (facts that decide which rules apply at
all), "observed" (signs) or "family_more" (facts that only decide categories and help). A fact with
`ask_if` is `dependent`: it comes right after the yes/no fact it depends on and the form shows it only
when that fact is «да». `options` of a yes/no question: [{value: true, label: «Да»}, {value: false,
label: «Нет»}, {value: null, label: «Не знаю»}]; of a sign: [{value: true, label: «Да, замечали»},
{value: null, label: «Нет или не знаю»}]. A family reads the family wording (`family_label`,
`family_hint`) and only the help, categories and urgent actions among the rules (`why`).
"""
from __future__ import annotations

from .bundle import condition_atoms, iter_items
from .model import OTHER, OUTPUT_SCHEMA

MAX_REASONS = 3
FEW_ROLES = 3        # a sign only this many roles can see, this role among them, is this role's own ground
LIMIT = 30
FAMILY_ROLES = ("family",)
# rule kinds a family is told about when asked "why": what they may get, never registers or reports
FAMILY_KINDS = ("category", "need", "help", "urgent", "crisis")
ACTION_KINDS = ("urgent", "crisis", "duty", "signal", "procedure", "step")
UNKNOWN = {"label": "Не знаю",
           "text": "«Не знаю» — допустимый ответ: оставьте вопрос без ответа. Неизвестное никогда не "
                   "считается за «да» и ничего не добавляет к результату."}
BOOL_OPTIONS = [{"value": True, "label": "Да"}, {"value": False, "label": "Нет"},
                {"value": None, "label": "Не знаю"}]
SIGN_OPTIONS = [{"value": True, "label": "Да, замечали"}, {"value": None, "label": "Нет или не знаю"}]
DERIVED = {"children_count": "children_ages"}
SECTION_TITLES = {"danger": "Угроза жизни и здоровью", "own": "Что вы видите в своей работе",
                  "family": "О семье", "observed": "Что вы замечали",
                  "family_more": "Ещё о семье"}


def _usage(bundle, jurisdiction: str) -> tuple[dict, dict]:
    """sign id -> [item], fact id -> [(item, gate)]: the items of this document (and the common crisis
    and federal items that apply to it) whose conditions name the sign or fact."""
    docs = list(bundle.documents) if jurisdiction == OTHER else [jurisdiction]
    entries = [(e, False) for d in docs for e in iter_items(bundle.doc(d))]
    for section in ("crisis", "federal"):
        for e in bundle.data.get(section, {}).get("items", []):
            if e.get("scope") == OTHER and jurisdiction != OTHER:
                continue
            entries.append((e, False))
    signs, facts = {}, {}
    listed = set()       # (kind, name, id(entry)): each item once per sign or fact, in a time linear in them
    for entry, _ in entries:
        for key in ("when", "applies"):
            if key not in entry:
                continue
            for kind, name in condition_atoms(entry[key]):
                if (kind, name, id(entry)) in listed:
                    continue
                listed.add((kind, name, id(entry)))
                target = signs if kind == "sign" else facts
                target.setdefault(name, []).append((entry, key == "applies"))
    return {s: [u for u, _ in users] for s, users in signs.items()}, facts


def _applies_to_role(item: dict, role: str) -> bool:
    roles = item.get("roles") or item.get("audience")
    return not roles or role in roles


def _label(item: dict, family: bool) -> str:
    return (item.get("family_label") if family else None) or item["label"]


def _why(users: list, role: str, family: bool) -> list:
    if family:
        chosen = [u for u in users if u.get("kind") in FAMILY_KINDS]
    else:
        chosen = [u for u in users if _applies_to_role(u, role)] or users
    labels = []
    for item in chosen:
        label = _label(item, family)
        if label not in labels:
            labels.append(label)
    return labels[:MAX_REASONS]


def _counts_for(item: dict, role: str, family: bool) -> bool:
    """A rule that weighs for this role: a family's help and categories, a professional's own duties."""
    if family:
        return item.get("kind") in FAMILY_KINDS
    return item.get("kind") in ACTION_KINDS and _applies_to_role(item, role)


def _sign_tier(sign: dict, users: list, role: str, family: bool) -> int:
    """0 danger, 1 what this role in particular sees, 2 what decides urgent steps and this role's reports
    (or, for a family, help and categories), 3 the rest."""
    if sign.get("danger"):
        return 0
    if not family and role in sign.get("observed_by", []) and len(sign["observed_by"]) <= FEW_ROLES:
        return 1
    return 2 if any(_counts_for(item, role, family) for item in users) else 3


def _fact_gate(uses: list, role: str, family: bool) -> bool:
    """A fact decides which rules apply at all (a list's `applies`), or this role's urgent steps and
    reports; for a family or a curator, also categories, needs, help and level indicators."""
    for item, gate in uses:
        kind = item.get("kind")
        if gate or (kind in ACTION_KINDS and _applies_to_role(item, role)):
            return True
        if (family or role == "curator") and kind in ("category", "need", "help", "indicator"):
            return True
    return False


def _sign_question(sign: dict, users: list, role: str, family: bool, topics: dict, section: str) -> dict:
    why = _why(users, role, family)
    if sign.get("danger"):
        why_text = "Это угроза жизни или здоровью: при опасности прямо сейчас звоните 112"
    elif family:
        why_text = "От этого зависит, какая помощь подходит семье"
    else:
        why_text = "От этого зависит, что документ требует сделать" + (f": {why[0]}" if why else "")
    return {"kind": "sign", "id": sign["id"], "label": _label(sign, family),
            "hint": (sign.get("family_hint") if family else None) or sign.get("hint"), "why": why,
            "why_text": why_text, "topic": sign["topic"], "topic_label": topics[sign["topic"]],
            "danger": bool(sign.get("danger")), "section": section,
            "options": SIGN_OPTIONS}


def _fact_question(fact: dict, uses: list, role: str, family: bool, section: str) -> dict:
    question = {"kind": "fact", "id": fact["id"], "type": fact["type"], "label": _label(fact, family)}
    question.update({k: fact[k] for k in ("hint", "min", "max") if fact.get(k) is not None})
    rules = []
    for item, _gate in uses:
        if family and item.get("kind") not in FAMILY_KINDS:
            continue
        if _label(item, family) not in rules:
            rules.append(_label(item, family))
    question.update({"why": fact.get("why") or "Это условие одного из правил документа",
                     "rules": rules[:MAX_REASONS], "section": section, "danger": False,
                     "dependent": bool(fact.get("ask_if"))})
    if fact.get("ask_if"):
        question["ask_if"] = fact["ask_if"]
    if fact["type"] == "bool":
        question["options"] = BOOL_OPTIONS
    return question


def questions(bundle, jurisdiction: str, role: str) -> dict:
    family = role in FAMILY_ROLES
    professional = bundle.roles[role]["professional"]
    sign_users, fact_uses = _usage(bundle, jurisdiction)
    topics = {t["id"]: t["label"] for t in bundle.data["topics"]}
    topic_rank = {t: i for i, t in enumerate(topics)}
    not_asked = []

    signs = []
    for order, sign in enumerate(bundle.data["signs"]):
        if sign["id"] not in sign_users:
            continue
        if sign.get("audience") == "professional" and not professional:
            not_asked.append({"kind": "sign", "id": sign["id"], "reason": "audience"})
        elif sign.get("observed_by") and role not in sign["observed_by"]:
            not_asked.append({"kind": "sign", "id": sign["id"], "reason": "observed_by"})
        else:
            users = sign_users[sign["id"]]
            tier = _sign_tier(sign, users, role, family)
            weight = -sum(1 for u in users if _counts_for(u, role, family))
            signs.append(((tier, weight, topic_rank.get(sign["topic"], 99), order),
                          _sign_question(sign, users, role, family, topics,
                                         ("danger", "own", "observed", "observed")[tier])))
    signs.sort(key=lambda pair: pair[0])

    facts_by_id = {f["id"]: f for f in bundle.data["facts"]}
    needed = [f for f in bundle.data["facts"] if f["id"] in fact_uses]
    # the yes/no fact a needed dependent hangs on is asked too, whether or not a rule names it
    for fact in list(needed):
        parent = fact.get("ask_if")
        if parent in facts_by_id and facts_by_id[parent] not in needed:
            needed.insert(needed.index(fact), facts_by_id[parent])
    asked = {f["id"] for f in needed}
    gate, rest, children = [], [], {}
    for fact in needed:
        if fact["id"] in DERIVED and DERIVED[fact["id"]] in asked:
            not_asked.append({"kind": "fact", "id": fact["id"], "reason": "derived"})
            continue
        if fact.get("asked_of") and role not in fact["asked_of"]:
            not_asked.append({"kind": "fact", "id": fact["id"], "reason": "asked_of"})
            continue
        parent = fact.get("ask_if")
        if parent and parent in asked:
            children.setdefault(parent, []).append(fact)
            continue
        uses = fact_uses.get(fact["id"], [])
        (gate if _fact_gate(uses, role, family) else rest).append(fact)
    asked_ids = {f["id"] for f in gate + rest}
    for parent, kids in children.items():
        if parent not in asked_ids:        # the parent is not asked of this role: neither are they
            not_asked.extend({"kind": "fact", "id": k["id"], "reason": "asked_of"} for k in kids)

    def fact_block(fact, section):
        block = [_fact_question(fact, fact_uses.get(fact["id"], []), role, family, section)]
        block += [_fact_question(k, fact_uses.get(k["id"], []), role, family, section)
                  for k in children.get(fact["id"], [])]
        return block

    danger = [[q] for key, q in signs if key[0] == 0]
    own = [[q] for key, q in signs if key[0] == 1]
    observed = [[q] for key, q in signs if key[0] > 1]
    gate_blocks = [fact_block(f, "family") for f in gate]
    rest_blocks = [fact_block(f, "family_more") for f in rest]
    if family:       # a family came about its own situation: who they are decides the help
        blocks = danger + gate_blocks + rest_blocks + own + observed
    else:
        blocks = danger + own + gate_blocks + observed + rest_blocks

    main, more = [], []
    for block in blocks:       # a yes/no fact and the questions hanging on it stay together
        if not more and len(main) + len(block) <= LIMIT:
            main.extend(block)
        else:
            more.extend(block)
    ordered = main + more
    groups = []
    for topic_id, label in topics.items():
        in_topic = sorted((q for q in ordered if q["kind"] == "sign" and q["topic"] == topic_id),
                          key=lambda q: next(i for i, s in enumerate(bundle.data["signs"]) if s["id"] == q["id"]))
        if in_topic:
            groups.append({"topic": topic_id, "label": label, "signs": in_topic})
    return {"schema": OUTPUT_SCHEMA, "jurisdiction": jurisdiction, "role": role, "limit": LIMIT,
            "main": main, "more": more,
            "counts": {"main": len(main), "more": len(more), "not_asked": len(not_asked)},
            "not_asked": not_asked, "unknown": UNKNOWN,
            "derived": {k: v for k, v in DERIVED.items() if k in {f["id"] for f in needed} and v in asked},
            "facts": [q for q in ordered if q["kind"] == "fact"], "groups": groups}


def _question_lines(question: dict, labels: dict) -> list:
    mark = "(!) " if question.get("danger") else ""
    line = f"  {mark}[{question['id']}] {question['label']}"
    if question.get("hint"):
        line += f" — {question['hint']}"
    if question["kind"] == "fact" and question["type"] == "bool":
        line += " (да / нет / не знаю)"
    out = [line]
    if question.get("ask_if"):
        out.append(f"      только если «{labels.get(question['ask_if'], question['ask_if'])}» — да")
    if question["kind"] == "fact":
        out.append(f"      зачем спрашиваем: {question['why']}")
    return out


def _part(questions_: list, labels: dict) -> list:
    out, section = [], None
    for question in questions_:
        if question["section"] != section:
            section = question["section"]
            out.append(f"{SECTION_TITLES[section]}:")
        out.extend(_question_lines(question, labels))
    return out


def render_questions_text(table: dict) -> str:
    labels = {q["id"]: q["label"] for q in table["main"] + table["more"]}
    out = [f"Главные вопросы ({table['counts']['main']}):"] + _part(table["main"], labels)
    if table["more"]:
        out += ["", f"Ещё вопросы ({table['counts']['more']}):"] + _part(table["more"], labels)
    out += ["", table["unknown"]["text"]]
    return "\n".join(out)
