"""Pyodide's standard library precompiled to `.pyc` — a build-time start-up lever.

Most of Pyodide's start-up is CPython compiling the standard library from source on import. The stock
`python_stdlib.zip` holds `.py` files only; this module compiles every one of them with Pyodide's *own*
Python (the same 3.x and bytecode magic as in the browser), run under Node, into unchecked-hash `.pyc`
files that `zipimport` loads directly, and writes a zip of the same layout. The result is cached in
`build/pyodide-stdlib/<version>-<hash of the stock zip>/`, so a Pyodide upgrade redoes it and every later
build just copies it. Without Node the site keeps the stock zip (a warning says so), and
`CHECKER_STDLIB=source` keeps it on purpose (the benchmark measures both).

The zip is a drop-in replacement served under the stock name, so neither `loadPyodide()` nor the worker
changes: a file that fails to compile stays as source."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tempfile

from checker.build.site import node_pyodide

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PYODIDE_PACKAGE = node_pyodide.PYODIDE_PACKAGE
CACHE = os.path.join(ROOT, "build", "pyodide-stdlib")
STDLIB = "python_stdlib.zip"
log = logging.getLogger("mkdocs.hooks.stdlib_pyc")

# Runs inside Pyodide: /in.zip (stock) → /out.zip (.pyc, unchecked hash, data files kept as they are).
COMPILE_PY = r"""
import importlib.util, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
compiled = kept = 0
with zipfile.ZipFile("/in.zip") as src, zipfile.ZipFile("/out.zip", "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        data = src.read(info)
        name = info.filename
        if name.endswith(".py"):
            try:
                code = compile(data, name, "exec", dont_inherit=True)
            except SyntaxError:
                kept += 1
            else:
                data = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                name += "c"
                compiled += 1
        out = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        out.compress_type = zipfile.ZIP_DEFLATED
        out.external_attr = info.external_attr
        dst.writestr(out, data)
f"{compiled} {kept}"
"""

# After node_pyodide.PRELUDE: args are the input zip, the output zip and COMPILE_PY as JSON.
COMPILE_JS = r"""
const [input, output, script] = args;
const pyodide = await loadPyodide({ indexURL: packageDir + "/", ...quiet });
pyodide.FS.writeFile("/in.zip", readFileSync(input));
const counts = pyodide.runPython(JSON.parse(script));
writeFileSync(output, pyodide.FS.readFile("/out.zip"));
console.log(counts);
"""


class PrecompileFailed(Exception):
    pass


def _stock() -> str:
    return os.path.join(PYODIDE_PACKAGE, STDLIB)


def cache_path() -> str:
    """Where the precompiled zip for the installed Pyodide lives (it may not exist yet)."""
    with open(os.path.join(PYODIDE_PACKAGE, "package.json"), encoding="utf-8") as handle:
        version = json.load(handle)["version"]
    with open(_stock(), "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:12]
    return os.path.join(CACHE, f"{version}-{digest}", STDLIB)


def precompile(out: str, source: str | None = None) -> str:
    """Compile the `.py` files of a zip (the stock stdlib zip by default) into `out` with Pyodide's
    Python under Node; return "compiled kept"."""
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        partial = os.path.join(tmp, STDLIB)
        counts = node_pyodide.run(COMPILE_JS, [source or _stock(), partial, json.dumps(COMPILE_PY)], PrecompileFailed,
                                  timeout=600, done=partial)
        os.replace(partial, out)      # atomic: a half-written zip is never cached
    return counts


def precompiled() -> str | None:
    """The cached precompiled zip, made now if missing; None when it cannot be made or is turned off."""
    if os.environ.get("CHECKER_STDLIB", "pyc") == "source":
        return None
    try:
        path = cache_path()
        if not os.path.exists(path):
            counts = precompile(path)
            log.info("stdlib precompiled to .pyc (compiled, kept as source: %s) → %s", counts, path)
        return path
    except (OSError, PrecompileFailed, subprocess.TimeoutExpired) as problem:
        log.warning("stdlib not precompiled, the checker starts slower (%s)", str(problem).splitlines()[-1:])
        return None


def install(pyodide_dir: str) -> bool:
    """Replace `pyodide_dir/python_stdlib.zip` with the precompiled one when there is one."""
    path = precompiled()
    if path:
        shutil.copyfile(path, os.path.join(pyodide_dir, STDLIB))
    return bool(path)


if __name__ == "__main__":
    target = cache_path()
    print(precompile(target), "→", target)
