"""The parts of a result that "what would change" compares, computed fast for many one-answer changes.

`nearest_changes` and `what_would_lower` (checker/engine.py) try every answer one step away: dozens of
whole evaluations per answer change. They only compare four things: the document's urgent actions, its
signals, the level (id, rank, label) and the help that fits. An `Outline` of a document lists just the
conditions behind those four, with the answers each condition reads; for a change of one answer only the
conditions that read it are evaluated again, the others keep their value. Conditions are tested for truth
only (`conditions.is_true`), without collecting reasons.

The result is the same as projecting `engine._evaluate_document` (tests/unit/test_outcome.py checks it on
every golden scenario and each of its one-step changes).
"""
from __future__ import annotations

from .bundle import Bundle, condition_atoms
from .conditions import is_true
from .model import Answers


class Outcome:
    __slots__ = ("urgent", "signals", "help", "level")

    def __init__(self, urgent: list, signals: list, help: list, level: tuple):
        self.urgent = urgent      # [(gid, label)] in document order (the territory-wide crisis cards left out)
        self.signals = signals    # [(gid, label)]
        self.help = help          # [(gid, label)] of help whose condition holds
        self.level = level        # (id, rank, label); (None, 0, None) when no level matched or none is defined

    def ids(self, part: str) -> set:
        return {gid for gid, _ in getattr(self, part)}


class _Entry:
    __slots__ = ("kind", "gid", "label", "cond", "roles", "level")

    def __init__(self, kind: str, gid: str, label: str, cond: dict, roles: tuple = (), level: int = -1):
        self.kind = kind          # urgent | signal | help | level
        self.gid = gid
        self.label = label
        self.cond = cond
        self.roles = roles        # signals only for these roles (empty: all)
        self.level = level        # for level indicators: the level's position in the document


class Outline:
    __slots__ = ("entries", "levels", "readers")

    def __init__(self, entries: list, levels: list, readers: dict):
        self.entries = entries
        self.levels = levels      # [(id, rank, label)] in document order
        self.readers = readers    # ("sign"|"fact", name) -> positions of entries reading it

    def truths(self, answers: Answers) -> list:
        return [self._true(e, answers) for e in self.entries]

    def _true(self, entry: _Entry, answers: Answers) -> bool:
        if entry.roles and answers.role not in entry.roles:
            return False
        return is_true(entry.cond, answers)

    def changed(self, base: list, answers: Answers, atom: tuple) -> list:
        """The truths for `answers`, which differ from those of `base` only in the answer `atom`."""
        positions = self.readers.get(atom)
        if not positions:
            return base
        out = list(base)
        for position in positions:
            out[position] = self._true(self.entries[position], answers)
        return out

    def reads(self, atom: tuple) -> bool:
        return atom in self.readers

    def outcome(self, truths: list) -> Outcome:
        parts: dict = {"urgent": [], "signal": [], "help": []}
        matched = set()
        for entry, true in zip(self.entries, truths):
            if not true:
                continue
            if entry.kind == "level":
                matched.add(entry.level)
            else:
                parts[entry.kind].append((entry.gid, entry.label))
        level = (None, 0, None)
        for position in sorted(matched):           # document order: the first of equal ranks wins
            found = self.levels[position]
            if level[0] is None or found[1] > level[1]:
                level = found
        return Outcome(parts["urgent"], parts["signal"], parts["help"], level)


def outline(bundle: Bundle, doc_id: str) -> Outline:
    """The document's outline, made once per bundle and document."""
    cache = bundle.__dict__.setdefault("_outlines", {})
    if doc_id not in cache:
        cache[doc_id] = _make(bundle.doc(doc_id))
    return cache[doc_id]


def _make(doc: dict) -> Outline:
    entries = []
    for entry in doc.get("urgent", {}).get("items", []):
        if "when" in entry:
            entries.append(_Entry("urgent", entry["gid"], entry["label"], entry["when"]))
    for entry in doc.get("signals", {}).get("items", []):
        if "when" in entry:
            entries.append(_Entry("signal", entry["gid"], entry["label"], entry["when"], tuple(entry.get("roles") or ())))
    levels = []
    scheme = doc.get("levels") or {}
    if scheme.get("defined"):
        for position, level in enumerate(scheme["levels"]):
            levels.append((level["id"], level["rank"], level["label"]))
            for indicator in level.get("indicators", []):
                if "when" in indicator:
                    entries.append(_Entry("level", indicator["gid"], level["label"], indicator["when"], level=position))
    for entry in doc.get("help", {}).get("items", []):
        if "when" in entry:
            entries.append(_Entry("help", entry["gid"], entry["label"], entry["when"]))
    readers: dict = {}
    for position, entry in enumerate(entries):
        for atom in set(condition_atoms(entry.cond)):
            readers.setdefault(atom, []).append(position)
    return Outline(entries, levels, readers)
