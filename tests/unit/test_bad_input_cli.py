"""Every bad input to the command line gets one short Russian message and exit code 2 — never a traceback,
never megabytes echoed back, within bounded time and memory. The limits come from the facts' own bounds."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time

import pytest

from checker import cli
from checker.model import InputError, parse_answers
from tests.conftest import ROOT

GOOD = {"schema": 1, "jurisdiction": "azov-memo", "role": "family", "signs": [], "facts": {}}
MAX_MESSAGE = 400      # characters of stderr for one bad input


def _with(**changes) -> bytes:
    return json.dumps({**GOOD, **changes}, ensure_ascii=False).encode()


def run_main(args: list[str], stdin: bytes = b"", monkeypatch=None):
    """cli.main in this process with `stdin` as the standard input; returns (code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        code = cli.main(args)
    except SystemExit as exc:      # argparse
        code = exc.code
    return code, out.getvalue(), err.getvalue()


# (case id, stdin bytes, a part of the expected message)
BAD_STDIN = [
    ("5000-digit integer", b'{"schema": 1, "facts": {"income_ratio": ' + b"9" * 5000 + b"}}", "слишком длинное число"),
    ("5000-digit float", b'{"schema": 1.' + b"1" * 5000 + b"}", "слишком длинное число"),
    ("deep arrays", b"[" * 30000 + b"]" * 30000, "слишком глубокая вложенность"),
    ("deep objects", b'{"a":' * 5000 + b"1" + b"}" * 5000, "слишком глубокая вложенность"),
    ("cp1251", "{\"role\": \"учитель\"}".encode("cp1251"), "не в кодировке UTF-8"),
    ("utf-16", json.dumps(GOOD).encode("utf-16"), "не в кодировке UTF-8"),
    ("lone surrogate bytes", b'{"schema": 1, "role": "\xed\xa0\x80"}', "не в кодировке UTF-8"),
    ("50 MB", b" " * (50 * 2**20), "больше 64 КБ"),
    ("empty", b"", "пусто"),
    ("whitespace", b" \n\t ", "пусто"),
    ("not json", b"role: teacher", "это не JSON"),
    ("NaN", b'{"schema": 1, "facts": {"income_ratio": NaN}}', "не число JSON"),
    ("Infinity", b'{"schema": 1, "facts": {"income_ratio": -Infinity}}', "не число JSON"),
    ("1e999", _with(facts={"income_ratio": 0}).replace(b"0}", b"1e999}"), "ожидалось число от 0 до 100"),
    ("schema 1.0", _with(schema=1.0), "ожидалась версия схемы 1"),
    ("schema true", _with(schema=True), "ожидалась версия схемы 1"),
    ("schema '1'", _with(schema="1"), "ожидалась версия схемы 1"),
    ("array", b"[1, 2]", "ожидался JSON-объект"),
    ("long string", _with(role="x" * 60_000), "строка длиной 60000 знаков"),
    ("long key", json.dumps({**GOOD, "k" * 60_000: 1}).encode(), "строка длиной 60000 знаков"),
    ("20 000 ages", _with(facts={"children_ages": [1] * 20_000}), "не больше 20 значений"),
    ("21 ages", _with(facts={"children_ages": [1] * 21}), "не больше 20 значений"),
    ("age out of range", _with(facts={"children_ages": [18]}), "от 0 до 17"),
    ("bool as age", _with(facts={"children_ages": [True]}), "список целых чисел"),
    ("signs beyond the bundle", _with(signs=["cruelty-physical"] * 500), "признаков не больше"),
    ("sign is a list", _with(signs=[["cruelty-physical"]]), "неизвестный признак"),
    ("facts is a list", _with(facts=[1]), "ожидался объект"),
    ("unknown fact", _with(facts={"name": "Иван"}), "неизвестный факт"),
    ("count as float", _with(facts={"children_count": 2.5}), "целое число"),
    ("count over max", _with(facts={"children_count": 10**20}), "от 0 до 20"),
    ("bool fact as int", _with(facts={"single_parent": 1}), "true или false"),
    ("unknown key", _with(name="Иван Петров"), "неизвестный ключ"),
    ("role null", _with(role=None), "неизвестная роль"),
    ("jurisdiction number", _with(jurisdiction=7), "неизвестный документ"),
]


@pytest.mark.parametrize("case, data, expected", BAD_STDIN, ids=[c[0] for c in BAD_STDIN])
def test_bad_answers_give_one_short_message(case, data, expected, monkeypatch):
    started = time.perf_counter()
    code, out, err = run_main(["evaluate", "-"], data, monkeypatch)
    assert code == 2, err
    assert out == ""
    assert err.startswith("ошибка: ") and err.count("\n") == 1, err[:500]
    assert expected in err
    assert len(err) < MAX_MESSAGE, f"{len(err)} characters: {err[:200]}…"
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("command", ["evaluate", "compare"])
def test_the_same_limits_hold_for_compare(command, monkeypatch):
    code, _, err = run_main([command, "-"], _with(facts={"children_ages": [1] * 25}), monkeypatch)
    assert code == 2 and "не больше 20 значений" in err


def test_derived_children_count_stays_within_its_bounds(bundle):
    answers = parse_answers({**GOOD, "facts": {"children_ages": [1] * 20}}, bundle)
    assert answers.facts["children_count"] == 20
    with pytest.raises(InputError, match="не больше 20"):
        parse_answers({**GOOD, "facts": {"children_ages": [1] * 21}}, bundle)


def test_a_valid_file_still_works(monkeypatch):
    code, out, err = run_main(["evaluate", "-", "--no-what-if"], _with(facts={"children_ages": [3, 8]}), monkeypatch)
    assert code == 0, err
    assert json.loads(out)["schema"] == 1


def test_file_errors(monkeypatch, tmp_path):
    cp1251 = tmp_path / "answers.json"
    cp1251.write_bytes('{"schema": 1, "role": "семья"}'.encode("cp1251"))
    code, _, err = run_main(["evaluate", str(cp1251)], b"", monkeypatch)
    assert code == 2 and "не в кодировке UTF-8" in err and "сохраните файл в UTF-8" in err
    code, _, err = run_main(["evaluate", str(tmp_path)], b"", monkeypatch)
    assert code == 2 and "не удалось прочитать" in err
    code, _, err = run_main(["evaluate", str(tmp_path / "нет.json")], b"", monkeypatch)
    assert code == 2 and "не удалось прочитать" in err
    code, _, err = run_main(["evaluate", "/" + "x" * 100_000], b"", monkeypatch)
    assert code == 2 and len(err) < MAX_MESSAGE
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + _with())
    assert run_main(["evaluate", str(bom), "--no-what-if"], b"", monkeypatch)[0] == 0


@pytest.mark.parametrize("content, expected", [
    (b'{"schema": 1}', "нет списка signs"),
    (b'{"schema": true, "signs": []}', "это не база проверки"),
    (b'{"schema": 1.0}', "это не база проверки"),
    (b"[]", "это не база проверки"),
    (b'{"schema": 1, "signs": [], "facts": [], "roles": [], "documents": {"x": {}}}', "неполон"),
    ("{'schema': 1}".encode("cp1251") + b"\xff", "не в кодировке UTF-8"),
    (b"[" * 100_000, "не JSON"),
    (b"", "не JSON"),
])
def test_bundle_that_is_not_a_bundle(content, expected, tmp_path, monkeypatch):
    path = tmp_path / "bundle.json"
    path.write_bytes(content)
    code, _, err = run_main(["--bundle", str(path), "catalog"], b"", monkeypatch)
    assert code == 2 and expected in err and err.count("\n") == 1, err


@pytest.mark.parametrize("args, expected", [
    ([], "не хватает аргументов: command"),
    (["evaluat", "-"], "нет такого варианта: 'evaluat'"),
    (["evaluate"], "не хватает аргументов: file"),
    (["evaluate", "-", "--bogus"], "неизвестные аргументы: --bogus"),
    (["questions", "--jurisdiction"], "нужно одно значение"),
    (["x" * 200_000], "нет такого варианта"),
])
def test_argparse_speaks_russian(args, expected, monkeypatch):
    code, _, err = run_main(args, b"", monkeypatch)
    assert code == 2 and expected in err, err
    assert "error:" not in err and "usage:" not in err and len(err) < 1000


def test_help_is_russian_and_argparse_is_given_back(monkeypatch):
    import argparse
    code, out, _ = run_main(["--help"], b"", monkeypatch)
    assert code == 0 and out.startswith("использование: ") and "показать эту справку и выйти" in out
    assert argparse._("usage: ") == "usage: "


@pytest.mark.parametrize("args", [["--jurisdiction", "x" * 100_000, "--role", "teacher"],
                                  ["--jurisdiction", "azov-memo", "--role", "я" * 100_000]])
def test_long_arguments_are_cut(args, monkeypatch):
    code, _, err = run_main(["questions", *args], b"", monkeypatch)
    assert code == 2 and len(err) < MAX_MESSAGE and "…" in err


def _subprocess(args, **kwargs):
    """The real entry point in a child Python that reports its own peak memory (KB) on the last line."""
    probe = ("import resource, sys\nfrom checker.cli import main\ntry:\n    code = main(sys.argv[1:])\n"
             "except SystemExit as exc:\n    code = exc.code\n"
             # VmHWM: this process's own peak (ru_maxrss is kept across exec, so it can report the parent's)
             "try:\n    peak = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
             "except (OSError, StopIteration):\n    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
             "sys.stderr.write(f'\\nMAXRSS {peak}\\n')\n"
             "sys.exit(code)")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, cwd=ROOT, timeout=60, **kwargs)
    err = proc.stderr.decode("utf-8", "replace")
    message, _, rss = err.rpartition("MAXRSS ")
    return proc.returncode, message.strip(), int(rss) // 1024, time.perf_counter() - started


@pytest.mark.parametrize("source", ["/dev/zero", "50 MB on stdin", "1 M ages"])
def test_huge_input_is_refused_in_bounded_time_and_memory(source, tmp_path):
    if source == "/dev/zero":
        code, message, mb, seconds = _subprocess(["evaluate", "/dev/zero"])
    elif source == "50 MB on stdin":
        code, message, mb, seconds = _subprocess(["evaluate", "-"], input=b"[" + b"1," * (25 * 2**20) + b"1]")
    else:
        code, message, mb, seconds = _subprocess(["evaluate", "-"], input=_with(facts={"children_ages": [1] * 10**6}))
    assert code == 2 and "больше 64 КБ" in message, message
    assert mb < 300 and seconds < 20, (mb, seconds)


def test_closed_stdin():
    code, message, _, _ = _subprocess(["evaluate", "-"], stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert code == 2 and "стандартный ввод закрыт" in message, message


def test_non_utf8_stdin_is_named_as_such():
    code, message, _, _ = _subprocess(["evaluate", "-"], input='{"role": "семья"}'.encode("cp1251"))
    assert code == 2 and "не в кодировке UTF-8" in message and "\\udc" not in message, message
