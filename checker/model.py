"""The answers a person gives (input) and their validation. No names, dates or free text fit here.

>>> from checker.model import InputError
>>> str(InputError("signs.2", "неизвестный признак 'x'", ["cruelty-physical"]))
"signs.2: неизвестный признак 'x'; ближайшие допустимые: cruelty-physical"
"""
from __future__ import annotations

import math

INPUT_SCHEMA = 1
OUTPUT_SCHEMA = 1
OTHER = "other"
INPUT_KEYS = ("schema", "jurisdiction", "role", "signs", "facts")
# A list fact and the count fact it implies: the list can hold no more values than the count's maximum.
COUNT_OF = {"children_ages": "children_count"}
MAX_LIST = 50        # a list fact without a count fact
MAX_ID = 100         # characters in an id (jurisdiction, role, sign, fact name)
SHOWN = 60           # characters of a bad value quoted back in a message


def show(value) -> str:
    """A bad value as it is quoted in a message: repr, cut to a few dozen characters."""
    if isinstance(value, (list, dict)) and len(value) > 5:
        return f"{type(value).__name__} из {len(value)} элементов"
    if isinstance(value, str) and len(value) > SHOWN:
        value = value[:SHOWN]
        return repr(value)[:-1] + "…" + repr(value)[-1]
    text = repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


class InputError(Exception):
    """One clear message about bad answers, with the nearest valid ids where they help."""

    def __init__(self, where: str, message: str, nearest: list[str] | None = None):
        super().__init__(message)
        self.where, self.message, self.nearest = where, message, nearest or []

    def __str__(self) -> str:
        near = f"; ближайшие допустимые: {', '.join(self.nearest)}" if self.nearest else ""
        return f"{self.where}: {self.message}{near}"

    def as_dict(self) -> dict:
        return {"error": {"where": self.where, "message": self.message, "nearest": self.nearest}}


class Answers:
    """Checked answers (`parse_answers`). Never changed once made: `with_…` return new ones."""
    __slots__ = ("jurisdiction", "role", "signs", "facts")

    def __init__(self, jurisdiction: str, role: str, signs: frozenset = frozenset(), facts: dict | None = None):
        self.jurisdiction = jurisdiction
        self.role = role
        self.signs = signs
        self.facts = {} if facts is None else facts

    def _key(self) -> tuple:
        return self.jurisdiction, self.role, self.signs, self.facts

    def __eq__(self, other):
        return self._key() == other._key() if isinstance(other, Answers) else NotImplemented

    __hash__ = None                     # the facts are a dict

    def __repr__(self) -> str:
        return "Answers({!r}, {!r}, {!r}, {!r})".format(*self._key())

    def with_sign(self, sign: str) -> "Answers":
        return Answers(self.jurisdiction, self.role, self.signs | {sign}, self.facts)

    def with_fact(self, name: str, value) -> "Answers":
        return Answers(self.jurisdiction, self.role, self.signs, {**self.facts, name: value})

    def for_jurisdiction(self, jurisdiction: str) -> "Answers":
        return Answers(jurisdiction, self.role, self.signs, self.facts)


def nearest(value: str, options) -> list[str]:
    options = sorted(options)
    if not isinstance(value, str) or len(value) > MAX_ID:
        return options[:5]
    import difflib            # only for a wrong id: not on the page's start-up path

    close = difflib.get_close_matches(value, options, n=3, cutoff=0.5)
    return close or options[:5]


def _check_fact(name: str, value, spec: dict, max_items: int = MAX_LIST):
    kind, low, high = spec["type"], spec.get("min"), spec.get("max")

    def in_range(number) -> bool:
        if isinstance(number, float) and not math.isfinite(number):
            return False
        return (low is None or number >= low) and (high is None or number <= high)

    bounds = f" от {low} до {high}" if low is not None and high is not None else ""
    if kind == "bool":
        if not isinstance(value, bool):
            raise InputError(f"facts.{name}", f"ожидалось true или false, получено {show(value)}")
    elif kind in ("int", "number"):
        ok_type = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type or not in_range(value):
            what = "целое число" if kind == "int" else "число"
            raise InputError(f"facts.{name}", f"ожидалось {what}{bounds}, получено {show(value)}")
    elif kind == "int_list":
        if isinstance(value, list) and len(value) > max_items:
            raise InputError(f"facts.{name}", f"в списке не больше {max_items} значений, получено {len(value)}")
        if not isinstance(value, list) or any(isinstance(x, bool) or not isinstance(x, int) or not in_range(x)
                                              for x in value):
            raise InputError(f"facts.{name}", f"ожидался список целых чисел{bounds}, получено {show(value)}")
    return value


def parse_answers(data, bundle, *, strict_jurisdiction: bool = True) -> Answers:
    """Validate a decoded JSON document against the bundle and return Answers, or raise InputError.

    With `strict_jurisdiction`, a sign that the chosen document never uses is an error (the form for
    that document does not ask it); `compare` turns this off because it evaluates every document.
    """
    if not isinstance(data, dict):
        raise InputError("$", "ожидался JSON-объект с ключами " + ", ".join(INPUT_KEYS))
    for key in data:
        if key not in INPUT_KEYS:
            raise InputError(_where(key), "неизвестный ключ: во входных данных нет места для имён, адресов, "
                             "дат рождения и свободного текста", list(INPUT_KEYS))
    schema = data.get("schema")
    if type(schema) is not int or schema != INPUT_SCHEMA:    # 1.0 and true are not the version 1
        raise InputError("schema", f"ожидалась версия схемы {INPUT_SCHEMA} (целое число), получено {show(schema)}")
    jurisdiction = data.get("jurisdiction")
    allowed = list(bundle.documents) + [OTHER]
    if not isinstance(jurisdiction, str) or jurisdiction not in allowed:
        raise InputError("jurisdiction", f"неизвестный документ {show(jurisdiction)}", nearest(jurisdiction, allowed))
    role = data.get("role")
    if not isinstance(role, str) or role not in bundle.roles:
        raise InputError("role", f"неизвестная роль {show(role)}", nearest(role, bundle.roles))
    signs = data.get("signs", [])
    if not isinstance(signs, list):
        raise InputError("signs", "ожидался список id признаков")
    if len(signs) > len(bundle.signs):
        raise InputError("signs", f"признаков не больше {len(bundle.signs)} (столько их в базе), получено {len(signs)}")
    for index, sign in enumerate(signs):
        if not isinstance(sign, str) or sign not in bundle.signs:
            raise InputError(f"signs.{index + 1}", f"неизвестный признак {show(sign)}", nearest(sign, bundle.signs))
        if strict_jurisdiction and jurisdiction != OTHER and sign not in bundle.signs_by_doc[jurisdiction]:
            raise InputError(f"signs.{index + 1}",
                             f"признак {sign!r} не используется документом {jurisdiction}",
                             nearest(sign, bundle.signs_by_doc[jurisdiction]))
    facts = data.get("facts", {})
    if not isinstance(facts, dict):
        raise InputError("facts", "ожидался объект {имя: значение}")
    checked = {}
    for name, value in facts.items():
        if name not in bundle.facts:
            raise InputError(_where(name, "facts."), f"неизвестный факт {show(name)}", nearest(name, bundle.facts))
        if value is not None:
            checked[name] = _check_fact(name, value, bundle.facts[name], _max_items(name, bundle))
    for list_name, count_name in COUNT_OF.items():
        if list_name not in checked or count_name not in bundle.facts:
            continue
        if count_name not in checked:      # derived from the list, so within the count's own bounds
            checked[count_name] = _check_fact(count_name, len(checked[list_name]), bundle.facts[count_name])
    return Answers(jurisdiction, role, frozenset(signs), checked)


def _where(key: str, prefix: str = "") -> str:
    """A key as an error names it: shortened, and with line breaks and other control characters escaped,
    so that the message stays on one line."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(key))
    return prefix + (text if len(text) <= SHOWN else text[:SHOWN] + "…") if text else prefix + "''"


def _max_items(name: str, bundle) -> int:
    """A list fact holds at most its count fact's maximum (children_ages ≤ children_count's max)."""
    count = bundle.facts.get(COUNT_OF.get(name, ""), {}).get("max")
    return int(count) if isinstance(count, (int, float)) and not isinstance(count, bool) else MAX_LIST
