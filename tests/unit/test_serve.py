"""The local preview (checker/build/site/serve.py): a change in a watched file is seen; a good build
replaces the served site; a failed build prints its located error and the last good site stays."""
from __future__ import annotations

import io
import os
import subprocess

import pytest

from checker.build.site import serve


@pytest.fixture()
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    (root / "criteria" / "doc").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "criteria" / "doc" / "source.yaml").write_text("id: doc\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.setattr(serve, "ROOT", str(root))
    monkeypatch.setattr(serve, "SITE", str(tmp_path / "site"))
    return root


def _fake_build(monkeypatch, code: int, page: str = "", error: str = ""):
    def run(command, **kwargs):
        out = command[command.index("-d") + 1]
        if code == 0:
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as handle:
                handle.write(page)
        return subprocess.CompletedProcess(command, code, "", error)
    monkeypatch.setattr(serve.subprocess, "run", run)


def test_a_change_in_a_watched_file_is_seen(project):
    before = serve.snapshot()
    assert str(project / "criteria" / "doc" / "source.yaml") in before and str(project / "mkdocs.yml") in before
    path = project / "criteria" / "doc" / "source.yaml"
    path.write_text("id: doc\nshort: x\n", encoding="utf-8")
    os.utime(path, (before[str(path)] + 5, before[str(path)] + 5))
    assert serve.snapshot() != before


def test_a_good_build_is_served_and_a_failed_one_keeps_the_last_good_site(project, monkeypatch):
    said = io.StringIO()
    _fake_build(monkeypatch, 0, page="first")
    assert serve.build(said) is True
    assert open(os.path.join(serve.SITE, "index.html"), encoding="utf-8").read() == "first"
    assert "✓ сайт собран" in said.getvalue()

    error = "criteria/doc/levels.yaml:12 [levels.0.duration]: expected a number of months, found 'шесть'"
    _fake_build(monkeypatch, 1, error=error)
    assert serve.build(said) is False
    assert open(os.path.join(serve.SITE, "index.html"), encoding="utf-8").read() == "first"
    assert error in said.getvalue() and "последнюю удачную версию" in said.getvalue()
    assert not os.path.exists(serve.SITE + ".new")

    _fake_build(monkeypatch, 0, page="second")
    assert serve.build(said) is True
    assert open(os.path.join(serve.SITE, "index.html"), encoding="utf-8").read() == "second"
    assert not os.path.exists(serve.SITE + ".old")


def test_a_busy_port_is_said_in_words(monkeypatch):
    first = serve.serve(0)
    try:
        port = first.server_address[1]
        with pytest.raises(SystemExit) as stop:
            serve.serve(port)
        assert "занят" in str(stop.value) and f"PORT={port + 1}" in str(stop.value)
    finally:
        first.shutdown()
        first.server_close()
