"""Only the standard library the checker uses — a build-time lever on the bytes of a first visit.

Pyodide's `python_stdlib.zip` (already `.pyc`, see stdlib_pyc.py) is 4.4 MB, the largest file a first
visit downloads; the worker imports about 200 of its 560 modules. Here, under Node, Pyodide's own Python
starts from the site's zip exactly as the worker does, imports the engine and every module named by an
`import` anywhere in the engine's sources (lazy ones too), then runs the engine through every document
and role with every sign ticked, with and without the nearest changes, the territory comparison, a batch
and inputs that fail. Every module then in `sys.modules`, the packages holding them and SAFETY (what an
error report may need) are kept; the rest of the zip is left out.

Cached in build/pyodide-stdlib-trim/ by the hash of the zip and the engine: the modules a build needs
change with the engine's code, not with the criteria. Without Node, on failure, or with
CHECKER_STDLIB_TRIM=off the whole zip is served (a note in the build log says so). The memory snapshot is
made after this, from the trimmed zip, so it matches what is served."""
from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile

from checker.build.site import node_pyodide

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PYODIDE_PACKAGE = node_pyodide.PYODIDE_PACKAGE
CACHE = os.path.join(ROOT, "build", "pyodide-stdlib-trim")
STDLIB = "python_stdlib.zip"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
# Kept whatever the trace says: what formatting an unexpected error may import, and the text codecs.
SAFETY = ("traceback", "linecache", "tokenize", "token", "codeop", "warnings", "reprlib", "textwrap",
          "keyword", "encodings")
log = logging.getLogger("mkdocs.hooks.stdlib_trim")

TRACE_PY = r"""
import importlib, json, sys
sys.path.insert(0, "/home/pyodide/app")
import checker.browser
for name in STATIC:
    try:
        importlib.import_module(name)
    except ImportError:
        pass                      # a platform-only import the engine guards itself
session = checker.browser.Session(BUNDLE_TEXT)
step = 0
while session.warm_up(step):
    step += 1
plan = session._warm_plan()
for text in plan:
    session.evaluate(text)
    session.evaluate(text, True)
session.compare(plan[0])
session.batch("[" + ",".join(plan[:3]) + "]")
for bad in ("{", "[]", '"x"', '{"schema": 1, "jurisdiction": "-"}', '{"schema": 1, "signs": ["-"]}',
            '{"schema": 99}', "[" * 300 + "]" * 300):
    for call in (session.evaluate, session.compare):
        try:
            call(bad)
        except Exception:
            pass                  # what fails here is for the tests to say; the trace wants its imports
try:
    raise ValueError("trace")
except ValueError:
    import traceback
    traceback.format_exc()
json.dumps(sorted(sys.modules))
"""

# After node_pyodide.PRELUDE: args are the stdlib zip, the engine zip, the bundle, the static imports (JSON
# file), TRACE_PY as JSON and the output file.
TRACE_JS = r"""
const [stdlib, engine, bundle, staticJson, script, output] = args;
const pyodide = await loadPyodide({ indexURL: packageDir + "/", stdLibURL: stdlib, ...quiet });
pyodide.unpackArchive(new Uint8Array(readFileSync(engine)), "zip", { extractDir: "/home/pyodide/app" });
pyodide.globals.set("BUNDLE_TEXT", readFileSync(bundle, "utf8"));
pyodide.globals.set("STATIC", pyodide.toPy(JSON.parse(readFileSync(staticJson, "utf8"))));
writeFileSync(output, pyodide.runPython(JSON.parse(script)));
"""


class TrimFailed(Exception):
    pass


def static_imports(sources: dict[str, str]) -> list[str]:
    """Absolute module names imported anywhere in `sources` ({file name: Python text}), the engine's own
    package left out: the trace imports them all, so an import inside a rarely run function counts."""
    names = set()
    for text in sources.values():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in ("checker", "__future__"))


def module_of(entry: str) -> str | None:
    """`json/decoder.pyc` → `json.decoder`, `json/__init__.pyc` → `json`; None for what is not a module."""
    for suffix in (".pyc", ".py"):
        if entry.endswith(suffix):
            name = entry[: -len(suffix)].replace("/", ".")
            return name[: -len(".__init__")] if name.endswith(".__init__") else name
    return None


def kept(modules: set[str]) -> set[str]:
    """The modules to keep: the used ones, every package above them, and SAFETY (packages whole)."""
    out = set()
    for name in modules:
        parts = name.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return out


def _wanted(name: str, keep: set[str]) -> bool:
    return name in keep or any(name == s or name.startswith(s + ".") for s in SAFETY)


def trim(source_zip: str, modules: set[str], out: str) -> tuple[int, int]:
    """Write to `out` the entries of `source_zip` for `modules` (see `kept`); return (kept, dropped)."""
    keep = kept(modules)
    taken = dropped = 0
    with zipfile.ZipFile(source_zip) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = module_of(info.filename)
            if name is None or not _wanted(name, keep):
                dropped += name is not None
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info))
            taken += 1
    return taken, dropped


def _engine_sources() -> dict[str, str]:
    """The engine's Python sources, read from checker/ (the engine zip may hold `.pyc` only)."""
    from checker.build.site.assets import RUNTIME, runtime_modules
    out = {}
    for name in runtime_modules():
        with open(os.path.join(RUNTIME, name), encoding="utf-8") as handle:
            out[name] = handle.read()
    return out


def trace(stdlib_zip: str, engine_zip: str, bundle: str) -> set[str]:
    """The modules in `sys.modules` after the engine has run every kind of request (see TRACE_PY)."""
    with tempfile.TemporaryDirectory() as tmp:
        static, output = os.path.join(tmp, "static.json"), os.path.join(tmp, "modules.json")
        with open(static, "w", encoding="utf-8") as handle:
            json.dump(static_imports(_engine_sources()), handle)
        node_pyodide.run(TRACE_JS, [stdlib_zip, engine_zip, bundle, static, json.dumps(TRACE_PY), output],
                         TrimFailed, done=output)
        with open(output, encoding="utf-8") as handle:
            return set(json.load(handle))


def install(site_dir: str) -> dict | None:
    """Replace the site's stdlib zip with the trimmed one; {"kept", "dropped", "bytes_before", "bytes"}, or
    None when it stays whole (logged)."""
    if os.environ.get("CHECKER_STDLIB_TRIM", "on") == "off":
        log.info("stdlib: served whole (CHECKER_STDLIB_TRIM=off)")
        return None
    if not node_pyodide.node():
        log.info("stdlib: served whole, node is not installed")
        return None
    stdlib = os.path.join(site_dir, "assets", "pyodide", STDLIB)
    engine = os.path.join(site_dir, "assets", "checker", "engine.zip")
    bundle = os.path.join(site_dir, "assets", "checker", "bundle.json")
    digest = hashlib.sha256()
    for path in (stdlib, engine):
        with open(path, "rb") as handle:
            digest.update(handle.read())
    folder = os.path.join(CACHE, digest.hexdigest()[:16])
    cached, facts = os.path.join(folder, STDLIB), os.path.join(folder, "facts.json")
    before = os.path.getsize(stdlib)
    if not os.path.exists(facts):
        try:
            modules = trace(stdlib, engine, bundle)
        except (OSError, TrimFailed, subprocess.TimeoutExpired) as problem:
            log.warning("stdlib served whole, the first visit downloads more (%s)", str(problem).splitlines()[-1:])
            return None
        os.makedirs(folder, exist_ok=True)
        partial = cached + ".partial"
        taken, dropped = trim(stdlib, modules, partial)
        os.replace(partial, cached)
        with open(facts, "w", encoding="utf-8") as handle:
            json.dump({"kept": taken, "dropped": dropped, "modules": sorted(modules)}, handle, indent=0)
    with open(facts, encoding="utf-8") as handle:
        made = json.load(handle)
    shutil.copyfile(cached, stdlib)
    return {"kept": made["kept"], "dropped": made["dropped"], "bytes_before": before,
            "bytes": os.path.getsize(stdlib)}
