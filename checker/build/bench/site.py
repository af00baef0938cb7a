"""Build the site for the benchmark, serve it over loopback and add the floor page.

The site is built with the project's own `mkdocs build` into a temporary folder (timed); the ×N build
runs in a throw-away project folder whose `criteria/` is the synthetic one and whose other entries are
links to this project (the hook finds `criteria/` next to itself). The floor page is written into the
temporary site only: it is never part of the published site."""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from checker.build.site import stdlib_pyc, stdlib_trim
from checker.build.site.assets import ENGINE_CACHE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FLOOR_PATH = "bench-floor/"
STOCK_STDLIB = "/assets/pyodide/python_stdlib.zip"
ENGINE_ZIP = "/assets/checker/engine.zip"

# The floor: the same self-hosted Pyodide files, a plain loadPyodide() and one line of Python.
FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body data-state="loading">
<p>Bare Pyodide start-up, for the benchmark only.</p>
<script type="module">
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";
const pyodide = await loadPyodide();
pyodide.runPython("1 + 1");
document.body.dataset.state = "ready";
</script>
</body></html>
"""


class BuildFailed(Exception):
    pass


def mkdocs_build(out: str, project: str = ROOT) -> float:
    """`mkdocs build --strict` of `project` into `out`; return the wall time in seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", out],
                          cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise BuildFailed(f"mkdocs build in {project} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    return seconds


def synthetic_project(criteria: str, folder: str) -> str:
    """A project folder that is this project with `criteria/` replaced: links for everything else."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(ROOT):
        if name in ("criteria", "site", "build", ".git") or name.startswith("."):
            continue
        os.symlink(os.path.join(ROOT, name), os.path.join(folder, name))
    os.symlink(os.path.abspath(criteria), os.path.join(folder, "criteria"))
    # its own build/ (the hook writes the ×N bundle and its snapshot there), sharing the cached precompiled
    # stdlib and engine and the trimmed stdlib (the same files: only the criteria differ)
    os.makedirs(os.path.join(folder, "build"), exist_ok=True)
    for cache in (stdlib_pyc.CACHE, ENGINE_CACHE, stdlib_trim.CACHE):
        shared = os.path.join(ROOT, "build", os.path.basename(cache))
        if os.path.isdir(shared):
            os.symlink(shared, os.path.join(folder, "build", os.path.basename(cache)))
    return folder


def source_stdlib() -> dict:
    """Serve the stock stdlib zip (Python sources) in place of the precompiled one."""
    return {STOCK_STDLIB: os.path.join(stdlib_pyc.PYODIDE_PACKAGE, stdlib_pyc.STDLIB)}


SNAPSHOT = "/assets/checker/snapshot.bin.gz"
SERVICE_WORKER = "/sw.js"


def without_snapshot(site_dir: str, work: str) -> dict:
    """Overrides that switch the memory snapshot off: its file answers 404 and the service worker does
    not list it (so repeat visits start the normal way, with everything else cached as built)."""
    with open(os.path.join(site_dir, SERVICE_WORKER.lstrip("/")), encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    out = os.path.join(work, "sw-without-snapshot.js")
    with open(out, "w", encoding="utf-8") as handle:
        handle.writelines(line for line in lines if "snapshot.bin.gz?v=" not in line)
    return {SERVICE_WORKER: out, SNAPSHOT: os.path.join(work, "no-such-file")}


def source_engine(site_dir: str, work: str) -> dict:
    """Serve the engine zip with the modules' `.py` sources (the site ships them precompiled to `.pyc`)."""
    from checker.build.site.assets import write_engine_zip
    out = os.path.join(work, "engine-source.zip")
    write_engine_zip(out, precompile=False)
    return {ENGINE_ZIP: out}


def write_floor(site_dir: str) -> None:
    os.makedirs(os.path.join(site_dir, FLOOR_PATH), exist_ok=True)
    with open(os.path.join(site_dir, FLOOR_PATH, "index.html"), "w", encoding="utf-8") as handle:
        handle.write(FLOOR_HTML)


def whole_pyc_stdlib() -> dict | None:
    """Bytes of the whole precompiled stdlib zip (before stdlib_trim.py keeps only what the engine uses)."""
    path = stdlib_pyc.precompiled()
    if not path or not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        data = handle.read()
    return {"raw_bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}


def stdlib_kind(site_dir: str) -> str:
    """"pyc" when the built site carries the precompiled stdlib, else "source"."""
    import zipfile
    with zipfile.ZipFile(os.path.join(site_dir, "assets", "pyodide", stdlib_pyc.STDLIB)) as archive:
        return "pyc" if any(n.endswith(".pyc") for n in archive.namelist()) else "source"


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"          # keep-alive, as every real host
    overrides: dict = {}
    cache_seconds = 600                    # like GitHub Pages: max-age=600, then revalidation

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean in self.overrides:
            return self.overrides[clean]
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", f"max-age={self.cache_seconds}")
        super().end_headers()

    def log_message(self, *args):
        pass


class Server:
    """The site over loopback on a port of 8300–8399 (the first free one from `port`). `overrides` maps
    URL paths to other files: how a lever is switched off (or on) without another build."""

    def __init__(self, site_dir: str, port: int = 8300, overrides: dict | None = None):
        overrides = dict(overrides or {})
        self.overrides = overrides
        handler = type("Handler", (_Handler,), {"overrides": overrides})
        bound = functools.partial(handler, directory=site_dir)
        last_error = None
        for candidate in range(port, 8400):
            try:
                self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", candidate), bound)
                break
            except OSError as error:
                last_error = error
        else:
            raise OSError(f"no free port in {port}–8399: {last_error}")
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class Weigher:
    """Raw and gzip-equivalent (level 6, as most servers) size of each served file, cached."""

    def __init__(self, site_dir: str, overrides: dict | None = None):
        self.site_dir = site_dir
        self.overrides = overrides or {}
        self._cache: dict = {}

    def file_for(self, path: str) -> str | None:
        if path in self.overrides:
            return self.overrides[path]
        local = os.path.join(self.site_dir, path.lstrip("/"))
        if os.path.isdir(local):
            local = os.path.join(local, "index.html")
        return local if os.path.isfile(local) else None

    def weigh(self, path: str) -> tuple[int, int]:
        if path not in self._cache:
            local = self.file_for(path)
            if local is None:
                self._cache[path] = (0, 0)
            else:
                with open(local, "rb") as handle:
                    data = handle.read()
                self._cache[path] = (len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
        return self._cache[path]


def temp_dir(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=f"bench-{prefix}-")


def remove(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)
