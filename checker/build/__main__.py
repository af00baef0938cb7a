"""`python -m checker.build [--check] [--criteria DIR] [--out FILE]`."""
from __future__ import annotations

import os
import sys

from ..cli import RussianArgumentParser, russian_argparse
from .compile import build_bundle, write_bundle
from .errors import BuildFailed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv: list[str] | None = None) -> int:
    with russian_argparse():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = RussianArgumentParser(prog="python -m checker.build",
                                   description="Проверить criteria/ и собрать базу build/bundle.json.")
    parser.add_argument("--criteria", default=os.path.join(ROOT, "criteria"), help="папка с данными")
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "bundle.json"), help="куда записать базу")
    parser.add_argument("--check", action="store_true", help="только проверить, ничего не записывать")
    args = parser.parse_args(argv)
    if not args.check and os.path.isdir(args.out):
        print(f"ошибка: --out {args.out} — это папка; укажите файл, например {os.path.join(args.out, 'bundle.json')}",
              file=sys.stderr)
        return 2
    try:
        bundle = build_bundle(args.criteria)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"criteria: {len(failed.errors)} error(s); nothing written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if not args.check:
        try:
            write_bundle(bundle, args.out)
        except (OSError, ValueError) as exc:
            print(f"ошибка: не удалось записать --out {args.out[:200]}: {getattr(exc, 'strerror', None) or exc}",
                  file=sys.stderr)
            return 2
    count = sum(len(section.get("items", [])) for doc in bundle["documents"].values()
                for section in doc.values() if isinstance(section, dict))
    print(f"criteria: ok, {len(bundle['documents'])} documents, {count} top-level items, "
          f"{len(bundle['signs'])} signs" + ("" if args.check else f" → {args.out}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
