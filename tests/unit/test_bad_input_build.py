"""The build answers a broken criteria/ with located errors and no traceback: bombs and deep nesting are
refused fast without memory growth, one unparsable file is reported once, and a bad folder or --out never
overwrites the bundle."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from checker.build.compile import build_bundle
from checker.build.errors import BuildFailed
from tests.conftest import FIXTURES, MINI, ROOT

INVALID = os.path.join(FIXTURES, "invalid")


def _mini(tmp_path):
    root = tmp_path / "criteria"
    shutil.copytree(MINI, root)
    return root


def build_cli(*args):
    """`python -m checker.build` in a child that reports its peak memory (MB) on stderr's last line."""
    probe = ("import resource, sys\nfrom checker.build.__main__ import main\ntry:\n    code = main(sys.argv[1:])\n"
             "except SystemExit as exc:\n    code = exc.code\n"
             "sys.stderr.write(f'\\nMAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
             "sys.exit(code)")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    message, _, rss = proc.stderr.rpartition("MAXRSS ")
    return proc.returncode, proc.stdout + message.strip(), int(rss) // 1024, time.perf_counter() - started


@pytest.mark.parametrize("fixture", ["39-yaml-bomb.yaml", "40-recursive-alias.yaml", "41-deep-nesting.yaml"])
def test_bombs_are_refused_fast_without_memory_growth(fixture, tmp_path):
    root = _mini(tmp_path)
    shutil.copyfile(os.path.join(INVALID, fixture), root / "mini-doc" / "bodies.yaml")
    code, out, mb, seconds = build_cli("--check", "--criteria", root)
    assert code == 1 and "Traceback" not in out and "bodies.yaml" in out, out
    assert seconds < 10 and mb < 300, (seconds, mb)


def test_a_bigger_bomb_costs_no_more(tmp_path):
    """Twelve levels of ten (10^12 strings expanded) stop at the same node budget."""
    root = _mini(tmp_path)
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 13)]
    (root / "mini-doc" / "bodies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, mb, seconds = build_cli("--check", "--criteria", root)
    assert code == 1 and "a YAML bomb?" in out and seconds < 10 and mb < 300, (out, seconds, mb)


def test_one_unparsable_file_is_reported_once(tmp_path):
    root = _mini(tmp_path)
    (root / "mini-doc" / "source.yaml").write_text("id: mini-doc\nclauses: [unclosed\n", encoding="utf-8")
    (root / "mini-doc" / "categories.yaml").write_bytes("items: [Категория]".encode("cp1251"))
    with pytest.raises(BuildFailed) as failed:
        build_bundle(str(root))
    shown = [str(e) for e in failed.value.errors]
    assert len(shown) == 2, shown
    assert "source.yaml:3: expected valid YAML" in shown[1] and "save the file as UTF-8" in shown[0]


def test_a_folder_without_documents_does_not_overwrite_the_bundle(tmp_path):
    out = tmp_path / "bundle.json"
    out.write_text("previous", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    code, text, _, _ = build_cli("--criteria", tmp_path / "empty", "--out", out)
    assert code == 1 and "at least one document folder" in text and "nothing written" in text
    assert out.read_text(encoding="utf-8") == "previous"
    code, text, _, _ = build_cli("--criteria", tmp_path / "none", "--out", out)
    assert code == 1 and "expected a criteria folder" in text and out.read_text(encoding="utf-8") == "previous"


def test_symlink_loops_are_located(tmp_path):
    root = _mini(tmp_path)
    os.symlink("loop.yaml", root / "mini-doc" / "loop.yaml")
    os.symlink("sub", root / "sub")
    (root / "mini-doc" / "bodies.yaml").unlink()
    os.symlink("bodies.yaml", root / "mini-doc" / "bodies.yaml")
    code, text, _, _ = build_cli("--check", "--criteria", root)
    assert code == 1 and "Traceback" not in text
    assert "bodies.yaml:1: expected a readable file" in text and "sub:1: expected a folder or file" in text, text


@pytest.mark.parametrize("out, expected", [("{tmp}", "это папка"), ("{tmp}/file.txt/bundle.json", "не удалось записать"),
                                           ("/proc/none/bundle.json", "не удалось записать")])
def test_bad_out_is_one_message(out, expected, tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, text, _, _ = build_cli("--criteria", MINI, "--out", out.format(tmp=tmp_path))
    assert code == 2 and expected in text and "Traceback" not in text and text.count("\n") == 0, text
    assert sorted(os.listdir(tmp_path)) == ["file.txt"]        # no half-written temporary left behind


def test_build_arguments_are_russian():
    code, text, _, _ = build_cli("--bogus")
    assert code == 2 and "неизвестные аргументы: --bogus" in text and "использование:" in text


def test_a_float_clause_never_becomes_a_silent_citation(tmp_path):
    """`clause: 6.10` would cite clause 6.1; even where 6.1 exists it is an error that says to quote it."""
    root = _mini(tmp_path)
    source = (root / "mini-doc" / "source.yaml").read_text(encoding="utf-8")
    (root / "mini-doc" / "source.yaml").write_text(source + '  - {id: "6.1", title: Другой пункт, lines: "14"}\n',
                                                   encoding="utf-8")
    (root / "mini-doc" / "bodies.yaml").write_text(
        "items:\n  - {id: kdn, label: Комиссия, source: {doc: mini-doc, clause: 6.10}}\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build_bundle(str(root))
    assert any('quote it: "6.10"' in e.expected and e.line == 2 for e in failed.value.errors)


def test_a_quoted_clause_and_a_number_field_are_fine(tmp_path):
    root = _mini(tmp_path)
    facts = (root / "common" / "facts.yaml").read_text(encoding="utf-8")
    (root / "common" / "facts.yaml").write_text(facts.replace("max: 100", "max: 100.50"), encoding="utf-8")
    bundle = build_bundle(str(root))
    assert next(f for f in bundle["facts"] if f["id"] == "income_ratio")["max"] == 100.5
