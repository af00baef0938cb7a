"""checker/build/site/stdlib_trim.py: which entries of the stdlib zip are kept. The trace itself runs
under Node in the site build; the browser tests then run every checker flow on the trimmed zip."""
from __future__ import annotations

import zipfile

from checker.build.site import stdlib_trim
from checker.build.site.stdlib_trim import kept, module_of, static_imports, trim


def test_static_imports_finds_lazy_and_from_imports_but_not_the_engine_or_relative_ones():
    sources = {"a.py": "import json\nfrom __future__ import annotations\nfrom . import b\n"
                       "from checker.model import X\n",
               "b.py": "def f():\n    import difflib\n    from html import escape\n    import os.path, re\n"}
    assert static_imports(sources) == ["difflib", "html", "json", "os.path", "re"]


def test_static_imports_of_the_real_engine_are_stdlib_names():
    names = static_imports(stdlib_trim._engine_sources())
    assert "json" in names and not any(n.startswith("checker") for n in names)


def test_module_names_of_zip_entries():
    assert module_of("json/decoder.pyc") == "json.decoder"
    assert module_of("json/__init__.pyc") == "json"
    assert module_of("difflib.py") == "difflib"
    assert module_of("json/") is None and module_of("tomllib/mypy.ini") is None


def test_packages_above_a_used_module_are_kept():
    assert kept({"a.b.c", "d"}) == {"a", "a.b", "a.b.c", "d"}


def test_trim_keeps_used_modules_their_packages_and_the_safety_set_only(tmp_path):
    source, out = tmp_path / "in.zip", tmp_path / "out.zip"
    entries = ["json/__init__.pyc", "json/decoder.pyc", "json/tool.pyc", "difflib.pyc", "tkinter/__init__.pyc",
               "traceback.pyc", "encodings/__init__.pyc", "encodings/cp1251.pyc", "json/", "site-packages/README.txt"]
    with zipfile.ZipFile(source, "w") as archive:
        for name in entries:
            archive.writestr(name, b"" if name.endswith("/") else name.encode())
    taken, dropped = trim(str(source), {"json.decoder"}, str(out))
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        assert archive.read("json/decoder.pyc") == b"json/decoder.pyc"        # bytes kept as they were
    assert names == ["encodings/__init__.pyc", "encodings/cp1251.pyc", "json/__init__.pyc", "json/decoder.pyc",
                     "traceback.pyc"]
    assert (taken, dropped) == (5, 3)


def test_turned_off_it_leaves_the_zip_whole(monkeypatch, tmp_path):
    monkeypatch.setenv("CHECKER_STDLIB_TRIM", "off")
    assert stdlib_trim.install(str(tmp_path)) is None
