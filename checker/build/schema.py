"""The shape of every criteria file, as data: which keys each kind of item takes and their types.

Types are small objects with a `check(value, v, where)` method returning the normalised value or
recording a located error on the Validator `v`. Keeping the schema declarative makes the
"unknown key" and "missing key" errors uniform and keeps validate.py short.
"""
from __future__ import annotations

import re

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACT_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DEADLINE_UNITS = ("immediately", "hours", "days", "working_days", "weeks", "months",
                  "day_of_month", "next_meeting", "periodic", "none")
HELP_TYPES = ("medical", "psychological", "pedagogical", "legal", "social", "other")
GROUND_TYPES = ("start", "end", "continue", "post", "context")   # context: a related provision, not a ground
COMPARATORS = ("eq", "ne", "lt", "le", "gt", "ge")
LIST_COMPARATORS = ("any_lt", "any_le", "any_gt", "any_ge")


class Where:
    """A location: file, line and the dotted key path inside the item."""

    def __init__(self, path: str, line: int, key: str):
        self.path, self.line, self.key = path, line, key

    def child(self, key: str, line: int | None = None) -> "Where":
        return Where(self.path, line or self.line, f"{self.key}.{key}" if self.key else key)


class Type:
    name = "a value"

    def check(self, value, v, where: Where):
        return value


class Str(Type):
    name = "a non-empty text"

    def check(self, value, v, where):
        if isinstance(value, float):     # `clause: 6.10` is read as 6.1: never cite a clause YAML rewrote
            raw = getattr(value, "raw", None) or repr(value)
            return v.fail(where, f"a text, found the number {value!r} — YAML read '{raw}' as a number; "
                                 f"quote it: \"{raw}\"")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return v.fail(where, self.name)
        return value.strip()


class Markdown(Str):
    name = "a non-empty Markdown text"

    def check(self, value, v, where):
        text = super().check(value, v, where)
        if text is not None:
            v.markdown_fields.append((where, text))
        return text


class Int(Type):
    name = "a whole number"

    def __init__(self, minimum: int | None = None):
        self.minimum = minimum

    def check(self, value, v, where):
        if isinstance(value, bool) or not isinstance(value, int):
            return v.fail(where, self.name)
        if self.minimum is not None and value < self.minimum:
            return v.fail(where, f"a whole number ≥ {self.minimum}")
        return value


class Num(Type):
    name = "a number"

    def check(self, value, v, where):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return v.fail(where, self.name)
        return value


class Bool(Type):
    name = "true or false"

    def check(self, value, v, where):
        if not isinstance(value, bool):
            return v.fail(where, self.name)
        return value


class Enum(Type):
    def __init__(self, *values: str):
        self.values = values
        self.name = "one of: " + ", ".join(values)

    def check(self, value, v, where):
        if value not in self.values:
            return v.fail(where, self.name)
        return value


class Id(Type):
    name = "a kebab-case id (lowercase letters, digits and single hyphens)"

    def check(self, value, v, where):
        if not isinstance(value, str) or not ID_RE.match(value):
            return v.fail(where, self.name)
        return value


class PartsMap(Type):
    name = "a mapping of list names to item counts"

    def check(self, value, v, where):
        if not isinstance(value, dict) or not value:
            return v.fail(where, self.name)
        out = {}
        for key, count in value.items():
            if not isinstance(key, str) or isinstance(count, bool) or not isinstance(count, int) or count < 1:
                v.fail(where.child(str(key)), "a list name mapped to a positive item count")
            else:
                out[key] = count
        return out


class RoleRef(Type):
    name = "a role id from common/roles.yaml"

    def check(self, value, v, where):
        if not isinstance(value, str) or value not in v.roles:
            return v.fail(where, f"{self.name} ({', '.join(sorted(v.roles))}), found '{str(value)[:60]}'")
        return value


class Ref(Type):
    """A reference to another item, resolved once everything is loaded."""

    def __init__(self, *kinds: str):
        self.kinds = kinds
        self.name = "an id of a " + " or ".join(kinds)

    def check(self, value, v, where):
        if not isinstance(value, str) or not value:
            return v.fail(where, self.name)
        target = value if "/" in value else f"{v.doc}/{value}"
        v.refs.append((where, self.kinds, target))
        return target


class ListOf(Type):
    def __init__(self, inner: Type, min_items: int = 0):
        self.inner, self.min_items = inner, min_items
        self.name = f"a list of {inner.name}"

    def check(self, value, v, where):
        if not isinstance(value, list):
            return v.fail(where, self.name)
        if len(value) < self.min_items:
            return v.fail(where, f"{self.name} with at least {self.min_items} element(s)")
        lines = getattr(value, "item_lines", [])
        out = []
        for index, element in enumerate(value):
            line = lines[index] if index < len(lines) else where.line
            out.append(self.inner.check(element, v, where.child(str(index + 1), line)))
        return out


class Obj(Type):
    """A mapping with known keys; `*` after a key name marks it required."""

    def __init__(self, fields: dict[str, Type], name: str = "a mapping"):
        self.required = {k.rstrip("*") for k in fields if k.endswith("*")}
        self.fields = {k.rstrip("*"): t for k, t in fields.items()}
        self.name = name

    def check(self, value, v, where):
        if not isinstance(value, dict):
            return v.fail(where, self.name)
        line_of = getattr(value, "line_of", lambda key: where.line)
        out = {}
        for key in value:
            if key not in self.fields:
                hint = " — a comma inside unquoted text in {…}? quote the text" if " " in key else ""
                v.fail(where.child(key, line_of(key)),
                       f"one of the keys {', '.join(sorted(self.fields))} (unknown key '{key}'{hint})")
        for key in sorted(self.required - set(value)):
            v.fail(where.child(key, getattr(value, "line", where.line)),
                   f"the required key '{key}'")
        for key, typ in self.fields.items():
            if key in value and value[key] is not None:
                out[key] = typ.check(value[key], v, where.child(key, line_of(key)))
            elif key in value:
                if key in self.required:
                    v.fail(where.child(key, line_of(key)), typ.name)
                out[key] = None
        return out


class Citation(Type):
    name = "a citation {doc, clause, item?, part?}"
    _shape = None

    def check(self, value, v, where):
        if isinstance(value, list):
            if not value:
                return v.fail(where, "at least one citation")
            lines = getattr(value, "item_lines", [])
            return [self._one(c, v, where.child(str(i + 1), lines[i] if i < len(lines) else None))
                    for i, c in enumerate(value)]
        return [self._one(value, v, where)]

    def _one(self, value, v, where):
        shape = Obj({"doc*": Str(), "clause*": Str(), "item": Int(1), "part": Str()}, self.name)
        checked = shape.check(value, v, where)
        if checked and checked.get("doc") and checked.get("clause"):
            v.check_citation(checked, where)
        return checked


class Condition(Type):
    name = ("a condition: {sign: id} | {fact: name[, eq/ne/lt/le/gt/ge/any_lt/any_le/any_gt/any_ge: "
            "value]} | {any: [...]} | {all: [...]} | {not: condition}")

    def check(self, value, v, where):
        if not isinstance(value, dict) or len(value) == 0:
            return v.fail(where, self.name)
        keys = set(value)
        line_of = getattr(value, "line_of", lambda key: where.line)
        if keys == {"sign"}:
            v.sign_uses.append((where, value["sign"]))
            return {"sign": value["sign"]}
        if "fact" in keys:
            ops = keys - {"fact"}
            if len(ops) > 1 or not ops <= set(COMPARATORS + LIST_COMPARATORS):
                return v.fail(where, self.name)
            v.fact_uses.append((where, value["fact"], next(iter(ops), None)))
            out = {"fact": value["fact"]}
            for op in ops:
                if isinstance(value[op], bool) and op not in ("eq", "ne"):
                    return v.fail(where.child(op, line_of(op)), "a number to compare with")
                out[op] = value[op]
            return out
        if keys in ({"any"}, {"all"}):
            op = next(iter(keys))
            return {op: ListOf(self, 1).check(value[op], v, where.child(op, line_of(op)))}
        if keys == {"not"}:
            return {"not": self.check(value["not"], v, where.child("not", line_of("not")))}
        return v.fail(where, self.name)


SOURCE = Citation()
COND = Condition()
DEADLINE = Obj({"text*": Str(), "amount": Num(), "unit*": Enum(*DEADLINE_UNITS), "starts": Str()},
               "a deadline {text, unit, amount?, starts?}")
CITED_TEXT = Obj({"label*": Str(), "source": SOURCE}, "a cited line {label, source}")
# `audience`: the roles that act in or must know an item, where the document says who acts (the role view
# filters by it); `family_label`: the same thing said to a family, plainly and kindly; `short`: a one-line
# answer (interpretations: the reading in a sentence a person can act on).
ITEM = {"id*": Id(), "label*": Str(), "text": Markdown(), "source*": SOURCE, "note": Markdown(),
        "interpretations": ListOf(Ref("interpretation")), "audience": ListOf(RoleRef()),
        "family_label": Str(), "short": Str()}


def item(**extra: Type) -> Obj:
    return Obj({**ITEM, **extra}, "an item mapping")


CRITERION = item(**{"when": COND, "detected_by": ListOf(Ref("body")), "documents": Markdown(),
                    "subitems": ListOf(CITED_TEXT)})
NOT_DEFINED = Obj({"defined*": Bool(), "note*": Markdown(), "source*": SOURCE, "see": ListOf(Ref("any"))},
                  "{defined: false, note, source, see?}")
STEP = Obj({"id*": Id(), "actor*": Str(), "action*": Str(), "deadline": DEADLINE, "recipient": Str(),
            "form": Ref("form"), "source*": SOURCE, "note": Markdown(), "audience": ListOf(RoleRef()),
            "interpretations": ListOf(Ref("interpretation"))}, "a procedure step")

# kind name, schema of one item
ITEM_KINDS: dict[str, tuple[str, Obj]] = {
    "categories": ("category", item(when=COND)),
    "needs": ("need", item(when=COND)),
    "lists": ("list", item(**{"purpose": Markdown(), "register": Markdown(), "rank": Int(1), "applies": COND, "used_by": ListOf(Ref("body")),
                              "form": Ref("form"), "items*": ListOf(CRITERION, 1)})),
    "urgent": ("urgent", item(**{"when*": COND, "action*": Markdown(), "call": ListOf(Str()),
                                 "scope": Enum("all", "other"),
                                 "report": Obj({"recipient*": Str(), "form": Ref("form"), "deadline*": DEADLINE,
                                                "written_deadline": DEADLINE}, "a report")})),
    "signals": ("signal", item(**{"when*": COND, "roles": ListOf(RoleRef()), "recipient*": Str(),
                                  "form": Ref("form"), "via": Str(), "deadline*": DEADLINE,
                                  "written_deadline": DEADLINE})),
    "procedures": ("procedure", item(**{"track": Str(), "when": COND, "roles": ListOf(RoleRef()),
                                        "steps*": ListOf(STEP, 1)})),
    "forms": ("form", item(**{"filled_by": Str(), "sent_to": Str(), "signed_by": Str(),
                              "fields": ListOf(CITED_TEXT)})),
    "detection": ("detection", item(**{"actor*": Ref("body"), "duties": ListOf(CITED_TEXT)})),
    "grounds": ("ground", item(type=Enum(*GROUND_TYPES))),
    "help": ("help", item(**{"type*": Enum(*HELP_TYPES), "when": COND})),
    "bodies": ("body", item(abbr=Str(), duties=ListOf(CITED_TEXT))),
    "glossary": ("term", item(**{"term*": Str(), "abbr": Str(), "definition*": Markdown()})),
    "interpretations": ("interpretation", item(**{"question*": Markdown(), "reading*": Markdown(),
                                                   "reason*": Markdown(), "clauses*": ListOf(SOURCE, 1),
                                                   "applies_to": ListOf(Ref("any"))})),
}
# `type` of a ground is required: declared separately so the error names it
ITEM_KINDS["grounds"][1].required.add("type")

PARAM_NOT_DEFINED = {"defined*": Bool(), "note*": Markdown(), "source*": SOURCE}
LEVEL = Obj({
    "id*": Enum("adaptive", "basic", "crisis", "emergency"), "label*": Str(), "rank*": Int(1),
    "purpose": Markdown(), "text": Markdown(), "note": Markdown(), "source*": SOURCE,
    "interpretations": ListOf(Ref("interpretation")),
    "duration*": Obj({"months": Int(1), "defined": Bool(), "note": Markdown(), "source*": SOURCE},
                     "{months, source} or {defined: false, note, source}"),
    "caseload*": Obj({"max": Int(1), "defined": Bool(), "note": Markdown(), "source*": SOURCE},
                     "{max, source} or {defined: false, note, source}"),
    "visits*": Obj({"text": Str(), "per_month": Num(), "defined": Bool(), "note": Markdown(), "source*": SOURCE},
                   "{text, per_month, source} or {defined: false, note, source}"),
    "indicators*": ListOf(item(when=COND), 1),
}, "a level mapping")
LEVELS = Obj({"defined*": Bool(), "source*": SOURCE, "selection": Ref("interpretation"), "note": Markdown(),
              "see": ListOf(Ref("any")), "levels": ListOf(LEVEL, 1)}, "a levels mapping")

CLAUSE = Obj({"id*": Str(), "title": Str(), "lines": Str(), "items": Int(1), "parts": PartsMap(),
              "note": Markdown()}, "a clause {id, title, lines, items?, parts?}")
SOURCE_FILE = Obj({
    "id*": Id(), "short*": Str(), "title*": Str(), "kind": Str(), "issuer": Str(), "date": Str(),
    "number": Str(), "territory*": Str(), "organiser": Str(), "coordinator": Str(), "seed*": Str(),
    "decides": Type(),      # {label, source}: who decides on support; checked once every clause index is known
    "acts": ListOf(Obj({"title*": Str(), "note": Str()}, "an act {title, note?}")), "notes": Markdown(),
    "clauses": ListOf(CLAUSE),
}, "a source mapping")
# Federal law cited apart from the five documents (common/federal.yaml): its passport and clause index,
# and the duties it sets for every territory (each cited to its article).
FEDERAL_SOURCE = Obj({"id*": Id(), "short*": Str(), "title*": Str(), "notes": Markdown(),
                      "clauses*": ListOf(CLAUSE, 1)}, "a federal source {id, short, title, clauses}")
FEDERAL_DUTY = Obj({**ITEM, "recipient*": Str(), "about*": Str(), "deadline": DEADLINE, "when": COND},
                   "a federal duty")
CLAUSES_FILE = Obj({"clauses*": ListOf(CLAUSE, 1)}, "{clauses: [...]}")

# `observed_by`: roles that can see this themselves (a school cannot see a pregnancy check-up); `danger`: a
# threat to life or health, asked first; `family_label`/`family_hint`: the question as a family reads it.
SIGN = Obj({"id*": Id(), "label*": Str(), "hint": Str(), "topic*": Str(), "observed_by": ListOf(RoleRef()),
            "danger": Bool(), "family_label": Str(), "family_hint": Str(),
            "audience": Enum("all", "professional")}, "a sign")
# `why`: "why we ask", shown next to the question; `asked_of`: roles that are asked it (default: everyone).
FACT = Obj({"id*": Str(), "type*": Enum("bool", "int", "number", "int_list"), "label*": Str(), "hint": Str(),
            "why": Str(), "asked_of": ListOf(RoleRef()), "family_label": Str(),
            "min": Num(), "max": Num(), "ask_if": Str()}, "a fact")
ROLE = Obj({"id*": Id(), "label*": Str(), "professional*": Bool()}, "a role")
TOPIC = Obj({"id*": Id(), "label*": Str()}, "a topic")
