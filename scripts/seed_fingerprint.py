#!/usr/bin/env python3
"""Fingerprint of the seed regulations for the "our own words, not pasted" data check.

The seeds (the five municipal documents) are not in this repository. This script hashes every run of
WINDOW consecutive words of every seed into a short keyed digest and writes only those digests, sorted and
packed, to tests/data/seed_fingerprint.json: no text, no word order that could be read back. The data test
hashes the runs of words in every label the same way and fails on any match.

    python scripts/seed_fingerprint.py SEEDS_DIR            # (or set $SEEDS_DIR) rewrite the fingerprint
    python scripts/seed_fingerprint.py --check SEEDS_DIR    # exit 1 if the committed file is stale

Run it whenever a seed changes: the tests read only the committed file, so they pass in any clone.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "seed_fingerprint.json")
WINDOW = 14
DIGEST = 6                      # bytes per run: 48 bits, a chance match among ~10^5 runs is ~10^-4 per test
KEY = b"soprovozhdenie-seed-shingles-v1"


def words(text: str) -> list[str]:
    return re.findall(r"[а-яёa-z0-9]+", text.lower().replace("ё", "е"))


def shingle_digests(text: str, window: int = WINDOW) -> set[bytes]:
    ws = words(text)
    return {hashlib.blake2b(" ".join(ws[i:i + window]).encode(), digest_size=DIGEST, key=KEY).digest()
            for i in range(len(ws) - window + 1)}


def fingerprint(seeds_dir: str) -> dict:
    digests: set[bytes] = set()
    names = sorted(n for n in os.listdir(seeds_dir) if n.endswith(".txt"))
    for name in names:
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as handle:
            digests |= shingle_digests(handle.read())
    return {"about": "keyed BLAKE2b digests of every run of `window` words of the seed texts; no text",
            "window": WINDOW, "digest_bytes": DIGEST, "seeds": len(names), "count": len(digests),
            "digests": base64.b64encode(b"".join(sorted(digests))).decode("ascii")}


def load(path: str = OUT) -> tuple[int, set[bytes]]:
    """(window, set of digests) from a fingerprint file."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    packed, size = base64.b64decode(data["digests"]), data["digest_bytes"]
    return data["window"], {packed[i:i + size] for i in range(0, len(packed), size)}


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    seeds = rest[0] if rest else os.environ.get("SEEDS_DIR", "")
    if not seeds or not os.path.isdir(seeds):
        print(f"нет папки с текстами документов: {seeds}", file=sys.stderr)
        return 2
    text = dumps(fingerprint(seeds))
    if check:
        current = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if current != text:
            print(f"{OUT} устарел: запустите python scripts/seed_fingerprint.py", file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"{OUT}: {json.loads(text)['count']} отпечатков из {json.loads(text)['seeds']} документов")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
