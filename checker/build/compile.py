"""criteria/ → one JSON bundle: load, validate, render Markdown, assemble."""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile

from ..bundle import BUNDLE_SCHEMA
from .errors import BuildError, BuildFailed
from .load import COMMON, parse_all
from .render import add_html
from .validate import Validator

SECTIONS = ("categories", "needs", "levels", "lists", "urgent", "signals", "procedures", "forms",
            "detection", "grounds", "help", "bodies", "glossary", "interpretations")


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k != "_where" and v is not None}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _by_gid(node, index: dict) -> dict:
    if isinstance(node, dict):
        if isinstance(node.get("gid"), str):
            index.setdefault(node["gid"], node)
        for value in node.values():
            _by_gid(value, index)
    elif isinstance(node, list):
        for element in node:
            _by_gid(element, index)
    return index


def link_interpretations(documents: dict, common_records: list) -> None:
    """An interpretation's `applies_to` and an item's `interpretations` are two ends of one link:
    make both ends hold it, so a result that shows the item also shows the reading."""
    index = _by_gid(documents, {})
    records = common_records + [r for doc in documents.values() for r in doc["interpretations"]["items"]]
    for record in records:
        for target in record.get("applies_to") or []:
            item = index.get(target)
            if item is not None and item.get("kind") != "interpretation":
                links = item.setdefault("interpretations", [])
                if record["gid"] not in links:
                    links.append(record["gid"])
    by_record = {record["gid"]: record for record in records}
    for gid, item in index.items():           # one pass over the items, not one per record
        for link in item.get("interpretations") or []:
            record = by_record.get(link)
            if record is not None:
                applies = record.setdefault("applies_to", [])
                if gid not in applies:
                    applies.append(gid)


@contextlib.contextmanager
def no_cycle_collection():
    """Pause Python's cycle collector for a build. The build makes hundreds of thousands of small dicts
    and lists and no reference cycles, so the collector frees nothing, yet each full pass walks every
    object made so far: with the criteria ×10 it took a third of the build, and made the build grow
    faster than the content. Reference counting still frees everything as usual."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_bundle(root: str) -> dict:
    """Validate `root` and return the bundle; raise BuildFailed with every located error."""
    with no_cycle_collection():
        return _build_bundle(root)


def _build_bundle(root: str) -> dict:
    trees, errors = parse_all(root)
    if errors:      # a file that does not parse: say so once, not as 30 follow-on errors about what it held
        raise BuildFailed(errors)
    if not any(folder != COMMON for folder, _, _ in trees.values()):
        raise BuildFailed([BuildError(root, 1, "", "a criteria folder with at least one document folder "
                                                   "(holding source.yaml); found none — nothing written")])
    v = Validator()
    sources = v.load_clause_index(trees)
    common = v.load_common(trees)
    documents = {}
    for doc in sorted(sources):
        data = v.load_document(doc, trees)
        if "categories" not in data:
            v.fail_missing(doc, "categories.yaml (or one saying 'defined: false')")
        if "levels" not in data:
            v.fail_missing(doc, "levels.yaml (or one saying 'defined: false')")
        section_data = {name: data.get(name, {"defined": None, "items": []}) for name in SECTIONS}
        # the whole clause index (source.yaml and clauses-*.yaml), so every cited clause has its entry
        documents[doc] = {"source": {**sources[doc], "clauses": list(v.clauses.get(doc, {}).values())},
                          **section_data}
    v.resolve({f["id"]: f["type"] for f in common["facts"]})
    if v.errors:
        raise BuildFailed(v.errors)
    common["interpretations"] = [dict(i, gid=f"{COMMON}/{i['id']}", kind="interpretation")
                                 for i in common["interpretations"]]
    crisis = [dict(i, gid=f"{COMMON}/{i['id']}", kind="urgent") for i in common["crisis"]]
    federal = [dict(i, gid=f"{COMMON}/{i['id']}", kind="duty") for i in common["federal"]]
    link_interpretations({**documents, COMMON: {"crisis": crisis, "federal": federal,
                                                "interpretations": {"items": []}}}, common["interpretations"])
    bundle = {
        "schema": BUNDLE_SCHEMA,
        "topics": common["topics"],
        "signs": common["signs"],
        "facts": common["facts"],
        "roles": common["roles"],
        "interpretations": common["interpretations"],
        "crisis": {"items": crisis},
        "federal": {"sources": list(v.federal_sources.values()), "items": federal},
        "documents": documents,
    }
    bundle = add_html(_strip(bundle))
    digest = hashlib.sha256(json.dumps(bundle, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    bundle["version"] = digest[:12]
    return bundle


def write_bundle(bundle: dict, out_path: str) -> None:
    """Write to a temporary file beside `out_path`, then rename: a failed write never leaves half a bundle."""
    folder = os.path.dirname(out_path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".bundle-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(bundle, handle, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
