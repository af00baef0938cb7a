"""Criteria multiplied ×N: each real document copied N-1 times as a new document with its own id
(`<doc>-x2` … `<doc>-xN`), short name and territory, every reference to a document id inside the copy
pointing at the same copy. `common/` is shared. The result validates like the real criteria, so the
build, the site and the engine see N times the content.

Used by the benchmark only, to show how build and evaluation time grow with content."""
from __future__ import annotations

import os
import re
import shutil

from checker.build.load import COMMON


def document_ids(criteria: str) -> list[str]:
    return sorted(name for name in os.listdir(criteria)
                  if name != COMMON and os.path.isdir(os.path.join(criteria, name)))


def _copy_text(text: str, ids: list[str], suffix: str, copy: int) -> str:
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    text = pattern.sub(lambda m: m.group(1) + suffix, text)
    # a different short name and territory, so the copies can be told apart in lists and pages
    text = re.sub(r"^(short|territory): (.+)$", lambda m: f"{m.group(1)}: {m.group(2)} (копия {copy})",
                  text, flags=re.M)
    return text


def multiply(criteria: str, out: str, times: int) -> list[str]:
    """Write criteria ×`times` into `out` (replaced if it exists); return the document ids written."""
    if times < 1:
        raise ValueError("times must be at least 1")
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(criteria, out)
    ids = document_ids(criteria)
    written = list(ids)
    for copy in range(2, times + 1):
        suffix = f"-x{copy}"
        for doc in ids:
            target = os.path.join(out, doc + suffix)
            os.makedirs(target)
            for name in sorted(os.listdir(os.path.join(criteria, doc))):
                with open(os.path.join(criteria, doc, name), encoding="utf-8") as handle:
                    text = handle.read()
                with open(os.path.join(target, name), "w", encoding="utf-8") as handle:
                    handle.write(_copy_text(text, ids, suffix, copy))
            written.append(doc + suffix)
    return written
