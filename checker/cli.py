"""`python -m checker …`: evaluate, compare, questions, catalog, coverage.

Bad input gives one clear message on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys

from .bundle import BundleError, load_bundle
from .catalog import catalog, coverage, render_coverage_text
from .compare import compare, render_compare_text
from .engine import evaluate
from .explain import render_full_text, render_view_text
from .present import present
from .model import OTHER, InputError, nearest, parse_answers, show
from .questions import questions, render_questions_text

# Limits on the answers file. Real answers are a few hundred bytes: a JSON object, one level of `facts`
# and short lists inside it; the lists' own limits (signs, ages) are checked against the bundle's bounds.
MAX_INPUT_BYTES = 64 * 1024
MAX_DEPTH = 8            # {"facts": {"children_ages": [..]}} is depth 3
MAX_NUMBER_CHARS = 30    # a number literal longer than this is no age, count or income ratio
MAX_STRING_CHARS = 200   # ids are a few dozen characters
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_RU = {
    "usage: ": "использование: ",
    "options": "параметры",
    "positional arguments": "аргументы",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не хватает аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "нет такого варианта: %(value)r (можно: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "нужно одно значение",
    "expected at least one argument": "нужно хотя бы одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "invalid %(type)s value: %(value)r": "неверное значение %(type)s: %(value)r",
    "one of the arguments %s is required": "нужен один из аргументов %s",
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "ignored explicit argument %r": "лишнее значение %r",
}


class UsageError(Exception):
    pass


class RussianArgumentParser(argparse.ArgumentParser):
    """argparse with its messages in Russian and a bad argument cut short, never echoed in full."""

    def error(self, message):
        if len(message) > 300:
            message = message[:300] + "…"
        self.print_usage(sys.stderr)
        self.exit(2, _ru(f"%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})


def _ru(message: str) -> str:
    return _RU.get(message, message)


@contextlib.contextmanager
def russian_argparse():
    """argparse looks its messages up through its module-level `_` (gettext); answer in Russian while
    our parser is built and used, and give the global back (pytest and others use argparse too)."""
    original = argparse._
    argparse._ = _ru
    try:
        yield
    finally:
        argparse._ = original


def _too_long_number(text: str):
    raise UsageError(f"слишком длинное число ({len(text)} знаков; допустимо до {MAX_NUMBER_CHARS})")


def _parse_int(text: str) -> int:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else _too_long_number(text)


def _parse_float(text: str) -> float:
    return float(text) if len(text) <= MAX_NUMBER_CHARS else _too_long_number(text)


def _no_constant(name: str):
    raise UsageError(f"{name} — не число JSON; укажите число")


def _read_bytes(path: str) -> bytes:
    """At most MAX_INPUT_BYTES + 1 bytes, so /dev/zero or a huge file costs nothing to refuse."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise UsageError("стандартный ввод закрыт: передайте ответы файлом или через |")
        try:
            return stream.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise UsageError(f"не удалось прочитать стандартный ввод: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"не удалось прочитать {show(path)[1:-1]}: {exc.strerror or exc}") from None
    except ValueError:      # a NUL byte in the path
        raise UsageError(f"не удалось прочитать {show(path)}: недопустимое имя файла") from None


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in _STRING.sub('""', text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _read_json(path: str):
    name = "стандартный ввод" if path == "-" else path if len(path) <= 60 else path[:60] + "…"
    raw = _read_bytes(path)
    if len(raw) > MAX_INPUT_BYTES:
        raise UsageError(f"{name}: ответы больше {MAX_INPUT_BYTES // 1024} КБ — это не файл ответов")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: текст не в кодировке UTF-8 (байт 0x{raw[exc.start]:02x} в позиции {exc.start}); "
                         f"сохраните файл в UTF-8") from None
    if not text.strip():
        raise UsageError(f"{name}: пусто — ожидались ответы в формате JSON")
    if _depth(text) > MAX_DEPTH:
        raise UsageError(f"{name}: слишком глубокая вложенность (больше {MAX_DEPTH} уровней); ответы — это "
                         f"объект с ключами schema, jurisdiction, role, signs, facts")
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant)
    except UsageError as exc:
        raise UsageError(f"{name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{name}: это не JSON ({exc.msg}, строка {exc.lineno}, позиция {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{name}: это не JSON ({show(str(exc))})") from None
    _check_strings(data, name)
    return data


def _check_strings(node, name: str, where: str = "$") -> None:
    """Ids are short; a long string anywhere in the answers is not an answer (and is never echoed)."""
    if isinstance(node, str):
        if len(node) > MAX_STRING_CHARS:
            raise UsageError(f"{name}: {where}: строка длиной {len(node)} знаков, допустимо до {MAX_STRING_CHARS}")
    elif isinstance(node, dict):
        for key, value in node.items():
            _check_strings(key, name, where)
            _check_strings(value, name, f"{where}.{show(key)[1:-1] if isinstance(key, str) else key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _check_strings(value, name, f"{where}.{index + 1}")


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def main(argv: list[str] | None = None) -> int:
    with russian_argparse():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = RussianArgumentParser(prog="python -m checker",
                                     description="Проверка критериев социального сопровождения семьи")
    parser.add_argument("--bundle", help="путь к build/bundle.json (по умолчанию — собранный)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("evaluate", help="оценить ответы (JSON-файл или - для stdin)")
    p.add_argument("file")
    p.add_argument("--text", action="store_true", help="читаемый текст вместо JSON")
    p.add_argument("--no-what-if", action="store_true", help="не искать, что изменило бы результат")
    p.add_argument("--full", action="store_true", help="с --text: всё, а не только то, что видно сразу")
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
    except (RecursionError, MemoryError):
        print("ошибка: ответы слишком велики или слишком глубоко вложены", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    try:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
        sys.stdout.flush()
    except BrokenPipeError:          # `… | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


def _run(args, bundle) -> str:
    if args.command == "evaluate":
        answers = parse_answers(_read_json(args.file), bundle)
        result = evaluate(bundle, answers, what_if=not args.no_what_if)
        view = present(bundle, result)
        if args.text:
            return render_full_text(bundle, view, result) if args.full else render_view_text(bundle, view)
        return _dump({"summary": view["summary"], **result, "view": view})
    if args.command == "compare":
        answers = parse_answers(_read_json(args.file), bundle, strict_jurisdiction=False)
        table = compare(bundle, answers)
        return render_compare_text(bundle, table) if args.text else _dump(table)
    if args.command == "questions":
        allowed = list(bundle.documents) + [OTHER]
        if args.jurisdiction not in allowed:
            raise InputError("--jurisdiction", f"неизвестный документ {show(args.jurisdiction)}",
                             nearest(args.jurisdiction, allowed))
        if args.role not in bundle.roles:
            raise InputError("--role", f"неизвестная роль {show(args.role)}", nearest(args.role, bundle.roles))
        table = questions(bundle, args.jurisdiction, args.role)
        return render_questions_text(table) if args.text else _dump(table)
    if args.command == "catalog":
        rows = catalog(bundle)
        if args.json:
            return _dump([{k: r[k] for k in ("id", "kind", "jurisdiction", "label", "source")} for r in rows])
        return "\n".join(f"{r['id']}\t{r['kind']}\t{r['label']}" for r in rows)
    rows = coverage(bundle)
    return _dump(rows) if args.json else render_coverage_text(rows)
