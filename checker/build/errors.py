"""Located build errors: file, line, key and what was expected."""
from __future__ import annotations

import os


class BuildError(Exception):
    def __init__(self, path: str, line: int, key: str, expected: str):
        super().__init__(expected)
        self.path, self.line, self.key, self.expected = path, line, key, expected

    def __str__(self) -> str:
        where = f"{display_path(self.path)}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: expected {self.expected}"


class BuildFailed(Exception):
    """Raised with every error found, so one run reports them all."""

    def __init__(self, errors: list[BuildError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.key))


def display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
