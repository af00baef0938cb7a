"""Load the compiled bundle (plain JSON) and index it for the engine. Standard library only."""
from __future__ import annotations

import json
import os

BUNDLE_SCHEMA = 1
MAX_BYTES = 64 * 2**20        # the real bundle is a few MB; /dev/zero or a disk image is refused at once
DEFAULT_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "bundle.json")
SECTIONS = ("urgent", "signals", "categories", "needs", "lists", "procedures", "forms", "detection",
            "grounds", "help", "bodies", "glossary", "interpretations")


class BundleError(Exception):
    """The bundle is missing, unreadable or of another schema version."""


class Bundle:
    """The bundle's data and the indexes `index_bundle` makes of it. The engine's classes are plain
    classes, not dataclasses: a dataclass runs generated code when its module is imported, a few ms each
    under WebAssembly, paid by every first visit to the checker page."""

    def __init__(self, data: dict):
        self.data = data
        self.by_id: dict = {}          # global id -> item (any kind)
        self.signs: dict = {}          # sign id -> sign
        self.facts: dict = {}          # fact id -> fact
        self.roles: dict = {}          # role id -> role
        self.signs_by_doc: dict = {}   # doc id -> set of sign ids its items use
        self.sign_users: dict = {}     # doc id -> sign id -> [global ids of items using it]
        self.facts_by_doc: dict = {}   # doc id -> set of fact ids its items use

    @property
    def documents(self) -> dict:
        return self.data["documents"]

    @property
    def version(self) -> str:
        return self.data.get("version", "")

    def doc(self, doc_id: str) -> dict:
        return self.documents[doc_id]

    def short(self, doc_id: str) -> str:
        return self.documents[doc_id]["source"].get("short", doc_id) if doc_id in self.documents else doc_id


def condition_atoms(node):
    """Yield ("sign", id) and ("fact", name) for every leaf of a condition."""
    if "sign" in node:
        yield "sign", node["sign"]
    elif "fact" in node:
        yield "fact", node["fact"]
    for key in ("any", "all"):
        for child in node.get(key, []):
            yield from condition_atoms(child)
    if "not" in node:
        yield from condition_atoms(node["not"])


def iter_items(doc: dict):
    """Every item of a document, nested ones included (criteria of lists, level indicators, steps)."""
    for name in SECTIONS:
        for entry in doc.get(name, {}).get("items", []):
            yield entry
            for child in entry.get("items", []) if name == "lists" else entry.get("steps", []) if name == "procedures" else []:
                yield child
    for level in doc.get("levels", {}).get("levels", []):
        yield level
        yield from level.get("indicators", [])


def index_bundle(data: dict) -> Bundle:
    """Index already-decoded bundle data (the build step has it in memory)."""
    if not isinstance(data, dict) or type(data.get("schema")) is not int or data["schema"] != BUNDLE_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else None
        raise BundleError(f"это не база проверки схемы {BUNDLE_SCHEMA} (schema: {str(found)[:20]!r}); "
                          f"соберите её: python -m checker.build")
    _check_shape(data)
    b = Bundle(data=data)
    b.signs = {s["id"]: s for s in data["signs"]}
    b.facts = {f["id"]: f for f in data["facts"]}
    b.roles = {r["id"]: r for r in data["roles"]}
    for entry in data.get("interpretations", []):
        b.by_id[entry["gid"]] = entry
    common_items = data.get("crisis", {}).get("items", []) + data.get("federal", {}).get("items", [])
    for entry in common_items:
        b.by_id[entry["gid"]] = entry
    for doc_id, doc in data["documents"].items():
        facts, users = set(), {}
        for entry in [*iter_items(doc), *common_items]:      # crisis and federal items apply everywhere
            if entry.get("gid"):
                b.by_id[entry["gid"]] = entry
            conditions = [entry[key] for key in ("when", "applies") if key in entry]
            for kind, name in (atom for cond in conditions for atom in condition_atoms(cond)):
                if kind == "sign":
                    users.setdefault(name, [])
                    if entry["gid"] not in users[name]:
                        users[name].append(entry["gid"])
                else:
                    facts.add(name)
        b.signs_by_doc[doc_id], b.facts_by_doc[doc_id], b.sign_users[doc_id] = set(users), facts, users
    return b


def _check_shape(data: dict) -> None:
    """The parts every reader relies on, so a JSON that only looks like a bundle is refused here."""
    def bad(what: str):
        raise BundleError(f"это не база проверки: {what}; соберите её: python -m checker.build")

    for key in ("signs", "facts", "roles"):
        if not isinstance(data.get(key), list) or not all(isinstance(x, dict) and isinstance(x.get("id"), str)
                                                          for x in data[key]):
            bad(f"нет списка {key}")
    if not isinstance(data.get("documents"), dict) or not data["documents"]:
        bad("нет документов")
    for doc_id, doc in data["documents"].items():
        if not isinstance(doc, dict) or not isinstance(doc.get("source"), dict) \
                or not all(isinstance(doc.get(name), dict) for name in SECTIONS + ("levels",)):
            bad(f"документ {str(doc_id)[:40]!r} неполон")


def load_bundle(path: str | None = None, text: str | None = None) -> Bundle:
    """Load from a JSON string (the browser passes the fetched text) or a file path."""
    if text is None:
        path = path or os.environ.get("CHECKER_BUNDLE", DEFAULT_PATH)
        shown = path if len(path) <= 80 else path[:80] + "…"
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise BundleError(f"не удалось прочитать базу {shown}: {getattr(exc, 'strerror', None) or exc}; "
                              f"соберите её: python -m checker.build") from None
        if len(raw) > MAX_BYTES:
            raise BundleError(f"{shown}: больше {MAX_BYTES // 2**20} МБ — это не база проверки")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BundleError(f"{shown}: файл не в кодировке UTF-8 — это не база проверки") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"база проверки — не JSON ({str(exc)[:120]})") from None
    try:
        return index_bundle(data)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise BundleError(f"это не база проверки ({type(exc).__name__}: {str(exc)[:80]}); "
                          f"соберите её: python -m checker.build") from None
