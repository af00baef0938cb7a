"""Check every criteria file against the schema and against each other.

Errors are collected (never raised one by one) so a curator sees all of them in one run; each names
the file, the line, the key and what was expected.
"""
from __future__ import annotations

from . import schema
from .errors import BuildError
from .load import COMMON, kind_of_file
from .schema import FACT_RE, Where
from .yamlload import LDict


class Validator:
    def __init__(self):
        self.errors: list[BuildError] = []
        self.refs: list = []          # (where, kinds, global id)
        self.sign_uses: list = []     # (where, sign id)
        self.fact_uses: list = []     # (where, fact id, operator)
        self.markdown_fields: list = []
        self.doc = COMMON
        self.clauses: dict[str, dict[str, dict]] = {}   # doc -> clause id -> clause
        self.federal_sources: dict[str, dict] = {}      # federal act id -> its passport (common/federal.yaml)
        self.roles: set[str] = set()
        self.registry: dict[str, tuple[str, Where]] = {}  # global id -> (kind, where)

    # -- recording -------------------------------------------------------------------------
    def fail(self, where: Where, expected: str):
        self.errors.append(BuildError(where.path, where.line, where.key, expected))
        return None

    def fail_missing(self, doc: str, what: str):
        self.errors.append(BuildError(f"criteria/{doc}", 1, "", what))

    def register(self, kind: str, local_id, where: Where, doc: str | None = None):
        if not local_id:
            return None
        gid = f"{doc or self.doc}/{local_id}"
        if gid in self.registry:
            first = self.registry[gid][1]
            self.fail(where, f"a unique id ('{local_id}' is already used at {first.path}:{first.line})")
        else:
            self.registry[gid] = (kind, where)
        return gid

    # -- citations -------------------------------------------------------------------------
    def check_citation(self, cite: dict, where: Where):
        doc, clause = cite["doc"], cite["clause"]
        index = self.clauses.get(doc)
        if index is None:
            return self.fail(where.child("doc"), f"a known document id ({', '.join(sorted(self.clauses))}), "
                                                 f"found '{doc}'")
        entry = index.get(clause)
        if entry is None:
            near = _nearest(clause, index)
            return self.fail(where.child("clause"), f"a clause listed in {doc}'s clause index, found '{clause}'"
                                                    + (f" (nearest: {', '.join(near)})" if near else ""))
        part, item = cite.get("part"), cite.get("item")
        parts = entry.get("parts") or {}
        if part is not None:
            if part not in parts:
                return self.fail(where.child("part"), f"a part of clause {clause} "
                                                      f"({', '.join(parts) or 'it declares none'}), found '{part}'")
            limit = parts[part]
        else:
            limit = entry.get("items")
            if item is not None and limit is None and parts:
                return self.fail(where.child("part"), f"a 'part' (clause {clause} holds several lists: "
                                                      f"{', '.join(parts)})")
        if item is not None:
            if limit is None:
                return self.fail(where.child("item"), f"no item number, or an 'items:' count declared for "
                                                      f"clause {clause} in the clause index")
            if item > limit:
                return self.fail(where.child("item"), f"an item number from 1 to {limit} for clause {clause}"
                                                      + (f" / {part}" if part else "") + f", found {item}")
        return None

    # -- files -----------------------------------------------------------------------------
    def load_clause_index(self, trees: dict) -> dict[str, dict]:
        """First pass: documents' passports and clause indexes, needed to check any citation."""
        sources = {}
        for path, (folder, name, tree) in trees.items():
            if folder == COMMON or not (name == "source.yaml" or name.startswith("clauses-")):
                continue
            self.doc = folder
            where = Where(path, getattr(tree, "line", 1), "")
            shape = schema.SOURCE_FILE if name == "source.yaml" else schema.CLAUSES_FILE
            data = shape.check(tree, self, where)
            if not data:
                continue
            if name == "source.yaml":
                if data.get("id") and data["id"] != folder:
                    self.fail(where.child("id", tree.line_of("id")), f"the folder's name '{folder}'")
                sources[folder] = data
            index = self.clauses.setdefault(folder, {})
            raw = tree.get("clauses") or []
            for position, clause in enumerate(data.get("clauses") or []):
                if not clause or not clause.get("id"):
                    continue
                if clause["id"] in index:
                    line = raw.line_at(position) if hasattr(raw, "line_at") else 1
                    self.fail(Where(path, line, f"clauses.{position + 1}.id"),
                              f"each clause once in the index ('{clause['id']}' is repeated)")
                index[clause["id"]] = clause
        for folder, data in sources.items():        # citations in passports need every index first
            if data.get("decides") is not None:
                self.doc = folder
                path = next(p for p, (f, n, _) in trees.items() if f == folder and n == "source.yaml")
                tree = trees[path][2]
                data["decides"] = schema.CITED_TEXT.check(data["decides"], self,
                                                          Where(path, tree.line_of("decides"), "decides"))
        for path, (folder, name, tree) in trees.items():
            if folder == COMMON and name == "federal.yaml" and isinstance(tree, dict) and "source" in tree:
                self.doc = COMMON
                data = schema.FEDERAL_SOURCE.check(tree["source"], self, Where(path, tree.line_of("source"), "source"))
                if data and data.get("id"):
                    self.federal_sources[data["id"]] = data
                    self.clauses[data["id"]] = {c["id"]: c for c in data.get("clauses") or [] if c and c.get("id")}
        for folder in {f for f, _, _ in trees.values() if f != COMMON}:
            if folder not in sources:
                self.fail(Where(f"{folder}/source.yaml", 1, ""), "a source.yaml for every document folder")
                self.clauses.setdefault(folder, {})
        return sources

    def load_common(self, trees: dict) -> dict:
        common = {"signs": [], "topics": [], "facts": [], "roles": [], "interpretations": [], "crisis": [],
                  "federal": []}
        self.doc = COMMON
        for path, (folder, name, tree) in trees.items():
            if folder != COMMON or not name.startswith("roles"):
                continue
            for role in self._items(tree, path, schema.ROLE) or []:
                if role and role.get("id"):
                    self.roles.add(role["id"])
                    common["roles"].append(role)
        for path, (folder, name, tree) in trees.items():
            if folder != COMMON:
                continue
            kind = kind_of_file(name)
            if kind == "signs":
                if isinstance(tree, dict) and "topics" in tree:
                    common["topics"] += [t for t in schema.ListOf(schema.TOPIC).check(
                        tree["topics"], self, Where(path, tree.line_of("topics"), "topics")) or [] if t]
                    rest = LDict((k, v) for k, v in tree.items() if k != "topics")
                    rest.line, rest.key_lines = getattr(tree, "line", 1), getattr(tree, "key_lines", {})
                    tree = rest
                items = self._items(tree, path, schema.SIGN) or []
                for sign in items:
                    if sign and self.register("sign", sign.get("id"), self._where_of(sign, path)):
                        common["signs"].append(sign)
            elif kind == "facts":
                for fact in self._items(tree, path, schema.FACT) or []:
                    if fact and fact.get("id"):
                        if not FACT_RE.match(fact["id"]):
                            self.fail(self._where_of(fact, path), "a fact name in snake_case")
                        if self.register("fact", fact["id"], self._where_of(fact, path)):
                            common["facts"].append(fact)
            elif kind == "crisis":          # urgent actions shown in every territory, `other` included
                kind_name, shape = schema.ITEM_KINDS["urgent"]
                for entry in self._items(tree, path, shape) or []:
                    if entry and self.register(kind_name, entry.get("id"), self._where_of(entry, path)):
                        common["crisis"].append(entry)
            elif kind == "federal":
                items = tree
                if isinstance(tree, LDict):
                    items = LDict((k, v) for k, v in tree.items() if k != "source")
                    items.line, items.key_lines = tree.line, tree.key_lines
                for entry in self._items(items, path, schema.FEDERAL_DUTY) or []:
                    if entry and self.register("duty", entry.get("id"), self._where_of(entry, path)):
                        common["federal"].append(entry)
            elif kind == "interpretations":
                kind_name, shape = schema.ITEM_KINDS["interpretations"]
                for entry in self._items(tree, path, shape) or []:
                    if entry and self.register(kind_name, entry.get("id"), self._where_of(entry, path)):
                        common["interpretations"].append(entry)
        kinds = {f["id"]: f["type"] for f in common["facts"]}
        for fact in common["facts"]:
            if fact.get("ask_if") and kinds.get(fact["ask_if"]) != "bool":
                self.fail(self._where_of(fact, "").child("ask_if"),
                          f"the id of a yes/no fact this question depends on, found '{fact['ask_if']}'")
        self._check_ask_if_cycles(common["facts"])
        topic_ids = {t["id"] for t in common["topics"] if isinstance(t.get("id"), str)}
        for sign in common["signs"]:
            if sign.get("topic") and sign["topic"] not in topic_ids:
                self.fail(self._where_of(sign, ""), f"a topic declared under 'topics:' ({', '.join(sorted(topic_ids))})")
        return common

    def load_document(self, doc: str, trees: dict) -> dict:
        self.doc = doc
        out: dict = {}
        for path, (folder, name, tree) in trees.items():
            if folder != doc or name == "source.yaml" or name.startswith("clauses-"):
                continue
            kind = kind_of_file(name)
            if kind == "levels":
                out["levels"] = self._levels(tree, path)
                continue
            kind_name, shape = schema.ITEM_KINDS[kind]
            section = out.setdefault(kind, {"defined": True, "items": []})
            if isinstance(tree, dict) and "defined" in tree:
                data = schema.NOT_DEFINED.check(tree, self, Where(path, tree.line, ""))
                if data and data.get("defined") is not False:
                    self.fail(Where(path, tree.line_of("defined"), "defined"),
                              "'defined: false' (a file with items uses 'items:')")
                if data:
                    section.update({k: v for k, v in data.items() if v is not None})
                    section["defined"] = False
                continue
            for entry in self._items(tree, path, shape) or []:
                if not entry:
                    continue
                entry["kind"] = kind_name
                entry["gid"] = self.register(kind_name, entry.get("id"), self._where_of(entry, path))
                self._register_children(kind, entry, path)
                section["items"].append(entry)
        return out

    def _check_ask_if_cycles(self, facts: list) -> None:
        """`ask_if` makes a question depend on another; a chain that comes back to itself would never be asked."""
        depends = {f["id"]: f["ask_if"] for f in facts if f.get("ask_if")}
        reported = set()
        for fact in facts:
            chain, current = [fact["id"]], depends.get(fact["id"])
            while current is not None and current not in chain:
                chain.append(current)
                current = depends.get(current)
            if current == fact["id"] and not reported & set(chain):
                reported.update(chain)
                loop = " → ".join(chain + [fact["id"]])
                self.fail(self._where_of(fact, "").child("ask_if"),
                          f"a question that does not depend on itself (ask_if goes round: {loop})")

    # -- helpers ---------------------------------------------------------------------------
    def _items(self, tree, path: str, shape: schema.Obj):
        """Check a file of shape {items: [...]} and return the checked items with their lines."""
        where = Where(path, getattr(tree, "line", 1), "")
        if not isinstance(tree, dict):
            return self.fail(where, "a mapping with the key 'items'")
        for key in tree:
            if key != "items":
                self.fail(where.child(key, tree.line_of(key)), f"only the key 'items' (unknown key '{key}')")
        if "items" not in tree:
            return self.fail(where, "the required key 'items'")
        raw = tree["items"]
        if not isinstance(raw, list):
            return self.fail(where.child("items", tree.line_of("items")), "a list of items")
        out = []
        for index, element in enumerate(raw):
            line = raw.line_at(index)
            element_where = Where(path, line, f"items.{index + 1}")
            if isinstance(element, dict) and isinstance(element.get("id"), str):
                element_where = Where(path, line, element["id"])
            checked = shape.check(element, self, element_where)
            if checked is not None:
                checked["_where"] = (path, line)
            out.append(checked)
        return out

    @staticmethod
    def _where_of(entry: dict, path: str) -> Where:
        file, line = entry.get("_where", (path, 1))
        return Where(file, line, entry.get("id") or "")

    def _register_children(self, kind: str, entry: dict, path: str):
        children = entry.get("items") if kind == "lists" else entry.get("steps") if kind == "procedures" else None
        file, line = entry.get("_where", (path, 1))
        for child in children or []:
            if child and child.get("id"):
                child["kind"] = "criterion" if kind == "lists" else "step"
                child["gid"] = self.register(child["kind"], child["id"],
                                             Where(file, line, f"{entry.get('id')}.{child['id']}"))

    def _levels(self, tree, path: str) -> dict:
        where = Where(path, getattr(tree, "line", 1), "")
        data = schema.LEVELS.check(tree, self, where)
        if not data:
            return {"defined": False}
        raw_levels = tree.get("levels") or []
        if data["defined"]:
            if not data.get("levels"):
                self.fail(where.child("levels"), "a list of levels when 'defined: true'")
            if not data.get("selection"):
                self.fail(where.child("selection"), "an interpretation id saying which level wins when several match")
        else:
            if data.get("levels"):
                self.fail(where.child("levels", tree.line_of("levels")), "no levels when 'defined: false'")
            if not data.get("note"):
                self.fail(where.child("note"), "a 'note' saying what the document does instead of levels")
        ranks = set()
        for index, level in enumerate(data.get("levels") or []):
            if not level:
                continue
            line = raw_levels.line_at(index)
            lw = Where(path, line, f"levels.{level.get('id')}")
            level["gid"] = self.register("level", level.get("id"), lw)
            level["kind"] = "level"
            if level.get("rank") in ranks:
                self.fail(lw.child("rank"), "a rank not used by another level")
            ranks.add(level.get("rank"))
            for param, value_key in (("duration", "months"), ("caseload", "max"), ("visits", "per_month")):
                value = level.get(param)
                if not value:
                    continue
                pw = lw.child(param, raw_levels[index].line_of(param))
                if value.get("defined") is False:
                    if not value.get("note"):
                        self.fail(pw, f"a 'note' explaining that the document does not define the {param}")
                elif value.get(value_key) is None:
                    self.fail(pw, f"'{value_key}' stated, or 'defined: false' with a note")
            for ind in level.get("indicators") or []:
                if ind:
                    ind["kind"] = "indicator"
                    ind["gid"] = self.register("indicator", ind.get("id"), lw.child(ind.get("id") or ""))
        return data

    # -- cross-checks ----------------------------------------------------------------------
    def resolve(self, facts: dict[str, str]):
        for where, kinds, target in self.refs:
            found = self.registry.get(target)
            if found is None:
                self.fail(where, f"an existing id ({' or '.join(kinds)}); '{target}' is not defined"
                                 + _suggest(target, self.registry))
            elif "any" not in kinds and found[0] not in kinds:
                self.fail(where, f"an id of a {' or '.join(kinds)}; '{target}' is a {found[0]}")
        used = set()
        for where, sign in self.sign_uses:
            if not isinstance(sign, str):
                self.fail(where, f"a sign id (one text), found {str(sign)[:60]}")
                continue
            if f"common/{sign}" not in self.registry or self.registry[f"common/{sign}"][0] != "sign":
                self.fail(where, f"a sign id from common/signs*.yaml, found '{sign}'"
                                 + _suggest(f"common/{sign}", {k: v for k, v in self.registry.items()
                                                                if v[0] == "sign"}))
            used.add(sign)
        for where, fact, op in self.fact_uses:
            if not isinstance(fact, str):
                self.fail(where, f"a fact name (one text), found {str(fact)[:60]}")
                continue
            ftype = facts.get(fact)
            if ftype is None:
                self.fail(where, f"a fact name from common/facts*.yaml, found '{fact}'")
            elif ftype == "bool" and op not in (None, "eq", "ne"):
                self.fail(where, f"no comparison for the yes/no fact '{fact}' (or eq/ne)")
            elif ftype == "int_list" and op not in schema.LIST_COMPARATORS:
                self.fail(where, f"one of {', '.join(schema.LIST_COMPARATORS)} for the list fact '{fact}'")
            elif ftype in ("int", "number") and op not in schema.COMPARATORS:
                self.fail(where, f"one of {', '.join(schema.COMPARATORS)} for the number fact '{fact}'")
        for gid, (kind, where) in self.registry.items():
            if kind == "sign" and gid.split("/", 1)[1] not in used:
                self.fail(where, f"a sign that some item uses in 'when:' (no item uses '{gid.split('/', 1)[1]}')")


def _nearest(value: str, options) -> list[str]:
    import difflib
    return difflib.get_close_matches(value, list(options), n=3, cutoff=0.6)


def _suggest(target: str, registry) -> str:
    near = _nearest(target, registry)
    return f" (nearest: {', '.join(near)})" if near else ""
