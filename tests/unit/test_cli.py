"""The command line: JSON and text outputs, and exit code 2 with one message on bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def mini_path(mini_bundle, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "bundle.json"
    path.write_text(json.dumps(mini_bundle.data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def cli(mini_path, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "checker", "--bundle", mini_path, *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT)


ANSWERS = {"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "signs": ["cruelty"], "facts": {}}


def test_evaluate_json_from_stdin(mini_path):
    proc = cli(mini_path, "evaluate", "-", stdin=json.dumps(ANSWERS))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["urgent"][0]["id"] == "mini-doc/urgent-cruelty"


def test_evaluate_text_opens_with_urgent(mini_path, tmp_path):
    file = tmp_path / "a.json"
    file.write_text(json.dumps(ANSWERS), encoding="utf-8")
    proc = cli(mini_path, "evaluate", str(file), "--text")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("!!! СРОЧНО")          # the default view opens with what to do now
    assert "Звонить: 112; Полиция" in proc.stdout
    assert "Основание: Мини, п. 2" in proc.stdout
    full = cli(mini_path, "evaluate", str(file), "--text", "--full").stdout
    assert full.startswith(proc.stdout.rstrip("\n")) and "ПОЛНЫЙ РАЗБОР" in full
    assert "Звонить сейчас: 112, Полиция" in full


def test_compare_lists_every_document(mini_path):
    proc = cli(mini_path, "compare", "-", "--text", stdin=json.dumps(ANSWERS))
    assert proc.returncode == 0, proc.stderr
    assert "== Мини ==" in proc.stdout and "Экстренный уровень, 3 мес." in proc.stdout


def test_questions_hide_professional_signs_from_families(mini_path):
    pro = json.loads(cli(mini_path, "questions", "--jurisdiction", "mini-doc", "--role", "teacher").stdout)
    fam = json.loads(cli(mini_path, "questions", "--jurisdiction", "mini-doc", "--role", "family").stdout)
    ids = lambda table: [s["id"] for g in table["groups"] for s in g["signs"]]
    assert "officer-fact" in ids(pro) and "officer-fact" not in ids(fam)
    assert ids(pro)[0] == "cruelty"              # topics in declared order: safety first
    assert pro["groups"][0]["signs"][0]["why"] == ["Угроза жизни ребёнка", "Сообщение педагога", "Жестокое обращение"]


def test_catalog_and_coverage(mini_path):
    rows = json.loads(cli(mini_path, "catalog", "--json").stdout)
    assert {"id", "kind", "jurisdiction", "label", "source"} == set(rows[0])
    by_id = {r["id"]: r for r in rows}
    assert by_id["mini-doc/large-family"]["source"] == {"doc": "mini-doc", "clause": "1", "item": 1}
    assert by_id["cruelty"]["kind"] == "sign" and by_id["cruelty"]["source"]["doc"] == "mini-doc"
    coverage = json.loads(cli(mini_path, "coverage", "--json").stdout)
    clause1 = next(r for r in coverage if r["clause"] == "1")
    assert clause1["items_cited"] == 3 and clause1["declared_items"] == 3 and clause1["missing_items"] == []
    text = cli(mini_path, "coverage").stdout
    assert "разд. 3 / низкий" in text


@pytest.mark.parametrize("args, stdin, message", [
    (["evaluate", "-"], '{"schema": 1, "jurisdiction": "mini-doc", "role": "teacher", "signs": ["crulety"]}',
     "signs.1: неизвестный признак 'crulety'; ближайшие допустимые: cruelty"),
    (["evaluate", "-"], "{not json", "это не JSON"),
    (["evaluate", "/no/such/file.json"], None, "не удалось прочитать"),
    (["evaluate", "-"], '{"schema": 9, "jurisdiction": "mini-doc", "role": "teacher"}', "версия схемы 1"),
    (["questions", "--jurisdiction", "mini", "--role", "teacher"], None, "неизвестный документ 'mini'"),
])
def test_errors_exit_2_without_traceback(mini_path, args, stdin, message):
    proc = cli(mini_path, *args, stdin=stdin)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_bundle_is_a_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "checker", "--bundle", str(tmp_path / "none.json"), "catalog"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "python -m checker.build" in proc.stderr
