"""Find and parse the criteria files. Which file names are allowed lives here."""
from __future__ import annotations

import fnmatch
import os

from . import schema
from .errors import BuildError
from .yamlload import load_yaml

COMMON = "common"
COMMON_FILES = ("signs.yaml", "signs-*.yaml", "facts.yaml", "facts-*.yaml", "roles.yaml",
                "interpretations.yaml", "interpretations-*.yaml", "crisis.yaml", "federal.yaml")
DOC_FILES = (("source.yaml", "clauses-*.yaml", "levels.yaml", "interpretations-*.yaml")
             + tuple(f"{kind}.yaml" for kind in schema.ITEM_KINDS))


def kind_of_file(name: str) -> str:
    """`interpretations-x.yaml` → `interpretations`; `signs-x.yaml` → `signs`; `lists.yaml` → `lists`."""
    stem = name[:-5]
    return stem.split("-", 1)[0]


def _allowed(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def discover(root: str) -> tuple[list[tuple[str, str, str]], list[BuildError]]:
    """Return (folder, file name, path) for every criteria file, and errors for stray files."""
    found, errors = [], []
    if not os.path.isdir(root):
        return [], [BuildError(root, 1, "", "a criteria folder")]
    try:
        folders = sorted(os.listdir(root))
    except OSError as exc:
        return [], [BuildError(root, 1, "", f"a readable criteria folder ({exc.strerror or exc})")]
    for folder in folders:
        folder_path = os.path.join(root, folder)
        if os.path.islink(folder_path) and not os.path.exists(folder_path):
            errors.append(BuildError(folder_path, 1, "", "a folder or file, found a broken or looping symlink"))
            continue
        if not os.path.isdir(folder_path):
            if folder.endswith((".yaml", ".yml")):
                errors.append(BuildError(folder_path, 1, "", "criteria files inside common/ or a document folder"))
            continue
        patterns = COMMON_FILES if folder == COMMON else DOC_FILES
        try:
            names = sorted(os.listdir(folder_path))
        except OSError as exc:
            errors.append(BuildError(folder_path, 1, "", f"a readable folder ({exc.strerror or exc})"))
            continue
        for name in names:
            path = os.path.join(folder_path, name)
            if not name.endswith((".yaml", ".yml")):
                continue
            if not _allowed(name, patterns):
                errors.append(BuildError(path, 1, "", "a known file name: " + ", ".join(patterns)))
                continue
            found.append((folder, name, path))
    return found, errors


def parse_all(root: str) -> tuple[dict[str, object], list[BuildError]]:
    """Parse every discovered file; a file that does not parse is reported and skipped."""
    files, errors = discover(root)
    trees = {}
    for folder, name, path in files:
        try:
            trees[path] = (folder, name, load_yaml(path))
        except BuildError as exc:
            errors.append(exc)
    return trees, errors
