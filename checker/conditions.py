"""Evaluate `when:` conditions over the answers and say which answers made them true.

>>> from checker.model import Answers
>>> a = Answers("taganrog-2017", "teacher", frozenset({"cruelty-physical"}), {"children_ages": [0, 5]})
>>> holds({"any": [{"sign": "cruelty-physical"}, {"sign": "child-death"}]}, a)
(True, [{'sign': 'cruelty-physical'}])
>>> holds({"fact": "children_ages", "any_lt": 1}, a)
(True, [{'fact': 'children_ages', 'value': [0, 5]}])
>>> holds({"fact": "children_count", "ge": 3}, a)[0]
False
"""
from __future__ import annotations

import operator

_COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le,
            "gt": operator.gt, "ge": operator.ge}
_LIST = {"any_lt": operator.lt, "any_le": operator.le, "any_gt": operator.gt, "any_ge": operator.ge}


def _fact(cond: dict, facts: dict) -> bool:
    name = cond["fact"]
    if name not in facts:
        return False          # unknown facts never make a rule fire
    value = facts[name]
    for op, fn in _COMPARE.items():
        if op in cond:
            return fn(value, cond[op])
    for op, fn in _LIST.items():
        if op in cond:
            return any(fn(x, cond[op]) for x in value)
    return value is True


def holds(cond: dict, answers) -> tuple[bool, list[dict]]:
    """Return (true?, the answers that made it true). Unanswered facts count as not true."""
    if "sign" in cond:
        ok = cond["sign"] in answers.signs
        return ok, [{"sign": cond["sign"]}] if ok else []
    if "fact" in cond:
        ok = _fact(cond, answers.facts)
        return ok, [{"fact": cond["fact"], "value": answers.facts[cond["fact"]]}] if ok else []
    if "any" in cond:
        because, ok = [], False
        for child in cond["any"]:
            child_ok, child_because = holds(child, answers)
            if child_ok:
                ok = True
                because += [b for b in child_because if b not in because]
        return ok, because
    if "all" in cond:
        because = []
        for child in cond["all"]:
            child_ok, child_because = holds(child, answers)
            if not child_ok:
                return False, []
            because += [b for b in child_because if b not in because]
        return True, because
    if "not" in cond:
        inner, _ = holds(cond["not"], answers)
        return (not inner), []
    raise ValueError(f"unknown condition {cond!r}")


def is_true(cond: dict, answers) -> bool:
    """`holds(cond, answers)[0]` without collecting the reasons (the nearest changes test thousands).

    >>> from checker.model import Answers
    >>> is_true({"not": {"all": [{"sign": "a"}, {"fact": "n", "gt": 2}]}}, Answers("x", "teacher", frozenset({"a"}), {"n": 3}))
    False
    """
    if "sign" in cond:
        return cond["sign"] in answers.signs
    if "fact" in cond:
        return _fact(cond, answers.facts)
    if "any" in cond:
        return any(is_true(child, answers) for child in cond["any"])
    if "all" in cond:
        return all(is_true(child, answers) for child in cond["all"])
    if "not" in cond:
        return not is_true(cond["not"], answers)
    raise ValueError(f"unknown condition {cond!r}")
