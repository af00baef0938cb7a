"""`python -m checker …`: evaluate, compare, questions, catalog, coverage.

Bad input gives one clear message on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys

from .bundle import BundleError, load_bundle
from .catalog import catalog, coverage, render_coverage_text
from .compare import compare, render_compare_text
from .engine import evaluate
from .explain import render_text
from .model import OTHER, InputError, nearest, parse_answers
from .questions import questions, render_questions_text


class UsageError(Exception):
    pass


def _read_json(path: str):
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except OSError as exc:
        raise UsageError(f"не удалось прочитать {path}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path}: это не JSON ({exc.msg}, строка {exc.lineno}, позиция {exc.colno})") from None


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker",
                                     description="Проверка критериев социального сопровождения семьи")
    parser.add_argument("--bundle", help="путь к build/bundle.json (по умолчанию — собранный)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("evaluate", help="оценить ответы (JSON-файл или - для stdin)")
    p.add_argument("file")
    p.add_argument("--text", action="store_true", help="читаемый текст вместо JSON")
    p.add_argument("--no-what-if", action="store_true", help="не искать, что изменило бы результат")
    p = sub.add_parser("compare", help="те же ответы по всем документам")
    p.add_argument("file")
    p.add_argument("--text", action="store_true")
    p = sub.add_parser("questions", help="что спрашивает форма для документа и роли")
    p.add_argument("--jurisdiction", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--text", action="store_true")
    p = sub.add_parser("catalog", help="все элементы базы с источниками")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("coverage", help="сколько элементов ссылается на каждый пункт документа")
    p.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        bundle = load_bundle(args.bundle)
        out = _run(args, bundle)
    except (InputError, UsageError, BundleError) as exc:
        print(f"ошибка: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _run(args, bundle) -> str:
    if args.command == "evaluate":
        answers = parse_answers(_read_json(args.file), bundle)
        result = evaluate(bundle, answers, what_if=not args.no_what_if)
        return render_text(bundle, result) if args.text else _dump(result)
    if args.command == "compare":
        answers = parse_answers(_read_json(args.file), bundle, strict_jurisdiction=False)
        table = compare(bundle, answers)
        return render_compare_text(bundle, table) if args.text else _dump(table)
    if args.command == "questions":
        allowed = list(bundle.documents) + [OTHER]
        if args.jurisdiction not in allowed:
            raise InputError("--jurisdiction", f"неизвестный документ {args.jurisdiction!r}",
                             nearest(args.jurisdiction, allowed))
        if args.role not in bundle.roles:
            raise InputError("--role", f"неизвестная роль {args.role!r}", nearest(args.role, bundle.roles))
        table = questions(bundle, args.jurisdiction, args.role)
        return render_questions_text(table) if args.text else _dump(table)
    if args.command == "catalog":
        rows = catalog(bundle)
        if args.json:
            return _dump([{k: r[k] for k in ("id", "kind", "jurisdiction", "label", "source")} for r in rows])
        return "\n".join(f"{r['id']}\t{r['kind']}\t{r['label']}" for r in rows)
    rows = coverage(bundle)
    return _dump(rows) if args.json else render_coverage_text(rows)
