"""`python -m checker.build [--check] [--criteria DIR] [--out FILE]`."""
from __future__ import annotations

import argparse
import os
import sys

from .compile import build_bundle, write_bundle
from .errors import BuildFailed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.build",
                                     description="Validate criteria/ and compile the JSON bundle.")
    parser.add_argument("--criteria", default=os.path.join(ROOT, "criteria"))
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "bundle.json"))
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = parser.parse_args(argv)
    try:
        bundle = build_bundle(args.criteria)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"criteria: {len(failed.errors)} error(s)", file=sys.stderr)
        return 1
    if not args.check:
        write_bundle(bundle, args.out)
    count = sum(len(section.get("items", [])) for doc in bundle["documents"].values()
                for section in doc.values() if isinstance(section, dict))
    print(f"criteria: ok, {len(bundle['documents'])} documents, {count} top-level items, "
          f"{len(bundle['signs'])} signs" + ("" if args.check else f" → {args.out}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
