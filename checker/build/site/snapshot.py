"""A Pyodide memory snapshot of the ready engine, made at build time — the repeat-visit start-up lever.

Under Node, Pyodide's own loader starts with the site's standard library zip, imports the engine from the
site's engine zip, loads the site's bundle into a `Session` (global `SESSION`) and fills its caches
(`Session.warm_up`); the WebAssembly memory
is then saved (`makeMemorySnapshot`, a private API tied to this exact Pyodide build and stdlib zip) and
written gzip-compressed as `assets/checker/snapshot.bin.gz`.

The worker uses it only when the offline copy (the service worker's cache) already holds it, that is
from the second visit on: restoring it skips importing the engine and reading the bundle, and most of
Python's own start. A first visit does not download it before the engine is ready (≈ 5.8 MB gzip more on
the critical path would cost more than it saves on a phone); the service worker fetches it afterwards,
unless the browser asks to save data. Any failure to restore falls back to the normal start.

Made again whenever the stdlib zip, the engine or the bundle change (cached in build/pyodide-snapshot/ by
their hash). Skipped, with a note in the build log, without Node, for bundles over MAX_BUNDLE (the
snapshot must fit Pyodide's default heap) or with CHECKER_SNAPSHOT=off."""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
import shutil
import tempfile

from checker.build.site import node_pyodide

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PYODIDE_PACKAGE = node_pyodide.PYODIDE_PACKAGE
CACHE = os.path.join(ROOT, "build", "pyodide-snapshot")
NAME = "snapshot.bin.gz"
MAX_BUNDLE = 4 * 1024 * 1024
log = logging.getLogger("mkdocs.hooks.snapshot")

# After node_pyodide.PRELUDE: args are the stdlib zip, the engine zip, the bundle and the output file.
MAKE_JS = r"""
const [stdlib, engine, bundle, output] = args;
const pyodide = await loadPyodide({ indexURL: packageDir + "/", stdLibURL: stdlib, _makeSnapshot: true, ...quiet });
pyodide.unpackArchive(new Uint8Array(readFileSync(engine)), "zip", { extractDir: "/home/pyodide/app" });
pyodide.globals.set("BUNDLE_TEXT", readFileSync(bundle, "utf8"));
pyodide.runPython([
  "import sys", "sys.path.insert(0, '/home/pyodide/app')", "import checker.browser",
  "SESSION = checker.browser.Session(BUNDLE_TEXT)", "del BUNDLE_TEXT",
  "step = 0", "while SESSION.warm_up(step): step += 1",      // caches of texts and links filled
].join("\n"));
writeFileSync(output, pyodide.makeMemorySnapshot());
"""


def write(site_dir: str) -> str | None:
    """assets/checker/snapshot.bin.gz in `site_dir`; its path, or None when skipped (logged)."""
    if os.environ.get("CHECKER_SNAPSHOT", "on") == "off":
        log.info("memory snapshot: off (CHECKER_SNAPSHOT=off)")
        return None
    pyodide_dir = os.path.join(site_dir, "assets", "pyodide")
    checker_dir = os.path.join(site_dir, "assets", "checker")
    inputs = [os.path.join(pyodide_dir, "python_stdlib.zip"), os.path.join(checker_dir, "engine.zip"),
              os.path.join(checker_dir, "bundle.json")]
    if os.path.getsize(inputs[2]) > MAX_BUNDLE:
        log.info("memory snapshot: skipped, the bundle is over %d MB", MAX_BUNDLE // 2**20)
        return None
    if not node_pyodide.node():
        log.info("memory snapshot: skipped, node is not installed (repeat visits start the normal way)")
        return None
    digest = hashlib.sha256()
    for path in [os.path.join(pyodide_dir, "pyodide.asm.wasm")] + inputs:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    cached = os.path.join(CACHE, digest.hexdigest()[:16] + ".bin.gz")
    if not os.path.exists(cached):
        _make(inputs, cached)
    target = os.path.join(checker_dir, NAME)
    shutil.copyfile(cached, target)
    return target


def _make(inputs: list[str], out: str) -> None:
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "snapshot.bin")
        node_pyodide.run(MAKE_JS, [*inputs, raw], SnapshotFailed, done=raw)
        partial = out + ".partial"
        with open(raw, "rb") as source, gzip.GzipFile(partial, "wb", compresslevel=6, mtime=0) as target:
            shutil.copyfileobj(source, target)
        os.replace(partial, out)       # atomic: a half-written snapshot is never cached


class SnapshotFailed(Exception):
    pass
