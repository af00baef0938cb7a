"""Read YAML keeping the line of every key and list element, so errors can be located."""
from __future__ import annotations

import datetime as _dt
import math
import re

import yaml

from .errors import BuildError


class LDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A sequence that remembers its line and the line of each element."""

    line: int = 0
    item_lines: list

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class YFloat(float):
    """A number YAML read as a float, with the text as written: `clause: 6.10` is 6.1 to YAML, and the
    schema turns this into an error that says to quote it rather than silently citing clause 6.1."""

    raw: str = ""


# Bounds that no criteria file comes near (the largest is ~75 KB and ~6 000 nodes, no aliases) and that stop a
# YAML bomb, a recursive alias or a 100 000-deep nesting in well under a second, without memory growth.
MAX_BYTES = 2 * 2**20
MAX_NODES = 200_000      # nodes produced after alias expansion
MAX_DEPTH = 40
MAX_FLOW_BRACKETS = 100
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
# libyaml's parser where PyYAML has it (about ten times quicker: parsing is most of a build), the pure-Python
# one otherwise; both give every node its line.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT_TAG, _FLOAT_TAG, _TIME_TAG = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                                   "tag:yaml.org,2002:timestamp")


class _Budget:
    def __init__(self, path: str):
        self.path, self.nodes = path, 0


def _fail(node: yaml.Node, path: str, expected: str, key: str = "") -> BuildError:
    return BuildError(path, node.start_mark.line + 1, key, expected)


def _scalar(node: yaml.ScalarNode, loader: yaml.SafeLoader, path: str):
    raw = node.value
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if node.tag == _INT_TAG and not node.style and not _PLAIN_INT.match(raw):   # plain: None, or "" (libyaml)
        # YAML 1.1 reads 010 as 8, 0x1F as 31, 1_000 as 1000, 1:30 as 90
        return _fail(node, path, f"a number written plainly, or text in quotes: YAML reads '{shown}' as a "
                                 f"different number — write \"{shown}\" if it is a clause or an id")
    if node.tag == _INT_TAG and len(raw) > 30:
        return _fail(node, path, f"a number of at most 30 digits, found {len(raw)} digits")
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError as exc:
        what = "a valid date (YYYY-MM-DD)" if node.tag == _TIME_TAG else "a valid value"
        return _fail(node, path, f"{what}, found '{shown}' ({exc})")
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return _fail(node, path, f"a finite number, found '{shown}'")
        value = YFloat(value)
        value.raw = raw
    return value


def _convert(node: yaml.Node, loader: yaml.SafeLoader, budget: _Budget, depth: int = 0):
    path = budget.path
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        raise _fail(node, path, f"at most {MAX_NODES} values in a file (aliases expanded) — a YAML bomb?")
    if depth > MAX_DEPTH:
        raise _fail(node, path, f"nesting at most {MAX_DEPTH} levels deep (a recursive alias?)")
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(key_node, path, "a text key")
            key = _scalar(key_node, loader, path)
            if isinstance(key, BuildError):
                raise key
            if not isinstance(key, str):
                raise BuildError(path, key_node.start_mark.line + 1, str(key)[:40], "a text key")
            if key in out:
                raise BuildError(path, key_node.start_mark.line + 1, key,
                                 "each key once in a mapping (this key is repeated)")
            out.key_lines[key] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, loader, budget, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList()
        out.line, out.item_lines = line, []
        for child in node.value:
            out.item_lines.append(child.start_mark.line + 1)
            out.append(_convert(child, loader, budget, depth + 1))
        return out
    value = _scalar(node, loader, path)
    if isinstance(value, BuildError):
        raise value
    return value


def _flow_depth(text: str) -> int:
    """How deep [ and { nest, counted without parsing (brackets in quoted text are balanced in practice)."""
    depth = deepest = 0
    for char in _NOT_BRACKET.sub("", text):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def read_text(path: str) -> str:
    """The file as text, or a located BuildError: unreadable, too big, not UTF-8 (cp1251, UTF-16, NUL bytes)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BuildError(path, 1, "", f"a readable file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise BuildError(path, 1, "", f"a criteria file of at most {MAX_BYTES // 2**20} MB")
    if b"\0" in raw:
        line = raw[:raw.index(b"\0")].count(b"\n") + 1
        raise BuildError(path, line, "", "text without NUL bytes — save the file as UTF-8 (it looks like "
                                         "UTF-16 or a binary file)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise BuildError(path, line, "", f"UTF-8 text, found the byte 0x{raw[exc.start]:02x} — save the file "
                                         f"as UTF-8 (it looks like cp1251 or another Windows encoding)") from None


def load_yaml(path: str, text: str | None = None):
    """Parse one YAML file into LDict/LList trees; a syntax error becomes a located BuildError."""
    if text is None:
        text = read_text(path)
    if _flow_depth(text) > MAX_FLOW_BRACKETS:      # PyYAML's scanner is quadratic in flow nesting
        raise BuildError(path, 1, "", f"nesting at most {MAX_DEPTH} levels deep")
    loader = None
    try:
        loader = _LOADER(text)
        node = loader.get_single_node()
        if node is None:
            raise BuildError(path, 1, "", "a YAML mapping, found an empty file")
        return _convert(node, loader, _Budget(path))
    except yaml.reader.ReaderError as exc:
        line = text[:exc.position].count("\n") + 1
        raise BuildError(path, line, "", f"printable text, found the control character #x{exc.character:04x} — "
                                         f"save the file as plain UTF-8 text") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise BuildError(path, line, "", f"valid YAML ({exc.problem})") from None
    except yaml.YAMLError as exc:
        raise BuildError(path, 1, "", f"valid YAML ({str(exc)[:200]})") from None
    except RecursionError:
        raise BuildError(path, 1, "", f"nesting at most {MAX_DEPTH} levels deep") from None
    finally:
        if loader is not None:
            loader.dispose()
