"""Read YAML keeping the line of every key and list element, so errors can be located."""
from __future__ import annotations

import datetime as _dt

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


def _convert(node: yaml.Node, loader: yaml.SafeLoader, path: str):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise BuildError(path, key_node.start_mark.line + 1, str(key), "a text key")
            if key in out:
                raise BuildError(path, key_node.start_mark.line + 1, key,
                                 "each key once in a mapping (this key is repeated)")
            out.key_lines[key] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, loader, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LList()
        out.line, out.item_lines = line, []
        for child in node.value:
            out.item_lines.append(child.start_mark.line + 1)
            out.append(_convert(child, loader, path))
        return out
    value = loader.construct_object(node, deep=True)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def load_yaml(path: str, text: str | None = None):
    """Parse one YAML file into LDict/LList trees; a syntax error becomes a located BuildError."""
    if text is None:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise BuildError(path, 1, "", "a YAML mapping, found an empty file")
        return _convert(node, loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise BuildError(path, line, "", f"valid YAML ({exc.problem})") from None
    except yaml.YAMLError as exc:
        raise BuildError(path, 1, "", f"valid YAML ({exc})") from None
    finally:
        loader.dispose()
