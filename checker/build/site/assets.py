"""What the checker page needs besides HTML, written into the built site: the Pyodide runtime (copied from
the pinned npm package, served from the site's own origin), the engine's Python files, the bundle, the
offline service worker (`sw.js` in the site's root, versioned by the bytes it caches) and the security policy as
HTTP-header configurations for static servers."""
from __future__ import annotations

import json
import os
import posixpath
import shutil
import zipfile
import hashlib
import logging
import re
import subprocess

from checker.build.site import csp

log = logging.getLogger("mkdocs.hooks.checker_assets")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PYODIDE_PACKAGE = os.path.join(ROOT, "node_modules", "pyodide")
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
                 "package.json")
RUNTIME = os.path.join(ROOT, "checker")
PAGE_ASSETS = os.path.join(ROOT, "docs", "assets", "checker")
SW_TEMPLATE = os.path.join(PAGE_ASSETS, "sw.js")
CHECKER_DIR = "checker"                           # the checker page's folder
DEPLOY = os.path.join(ROOT, "deploy")
ENGINE_CACHE = os.path.join(ROOT, "build", "pyodide-engine")
NOT_IN_BROWSER = {"__main__.py", "cli.py"}       # command-line entry points
FIXED_TIME = (2020, 1, 1, 0, 0, 0)                # reproducible zip: same engine, same bytes


class AssetsMissing(Exception):
    pass


def pyodide_version() -> str:
    path = os.path.join(PYODIDE_PACKAGE, "package.json")
    if not os.path.exists(path):
        raise AssetsMissing("node_modules/pyodide is missing: run `npm ci` (scripts/serve and scripts/test do it)")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["version"]


def copy_pyodide(site_dir: str) -> str:
    version = pyodide_version()
    target = os.path.join(site_dir, "assets", "pyodide")
    os.makedirs(target, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(os.path.join(PYODIDE_PACKAGE, name), os.path.join(target, name))
    from checker.build.site import stdlib_pyc      # start-up lever: the stdlib as .pyc (bench: issue 13)
    stdlib_pyc.install(target)
    return version


def runtime_modules() -> list[str]:
    return sorted(name for name in os.listdir(RUNTIME) if name.endswith(".py") and name not in NOT_IN_BROWSER)


def write_engine_zip(path: str, precompile: bool = True) -> list[str]:
    """checker/*.py (not checker/build/) as `checker/<module>.py` entries, ready for `unpackArchive` — then,
    where Node is at hand, the same modules precompiled to `.pyc` by Pyodide's own Python (start-up lever:
    the worker then imports them without compiling, ≈ 80 ms less in Node; see `_precompiled_engine`)."""
    names = runtime_modules()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"checker/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(RUNTIME, name), "rb") as handle:
                archive.writestr(info, handle.read())
    compiled = _precompiled_engine(path) if precompile else None
    if compiled:
        shutil.copyfile(compiled, path)
    return names


def _precompiled_engine(source_zip: str) -> str | None:
    """The engine zip as `.pyc`, cached in build/pyodide-engine/ by Pyodide version and the sources' hash
    (an unchanged engine is not compiled again); None without Node, on failure (the source zip is served,
    a warning says so) or with CHECKER_ENGINE=source."""
    from checker.build.site import stdlib_pyc
    if os.environ.get("CHECKER_ENGINE", "pyc") == "source":
        return None
    with open(source_zip, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()[:16]
    target = os.path.join(ENGINE_CACHE, f"{pyodide_version()}-{digest}.zip")
    if not os.path.exists(target):
        try:
            stdlib_pyc.precompile(target, source_zip)
        except (OSError, stdlib_pyc.PrecompileFailed, subprocess.TimeoutExpired) as problem:
            log.warning("engine not precompiled, the checker starts slower (%s)", str(problem).splitlines()[-1:])
            return None
    return target


def write_checker_assets(site_dir: str, bundle: dict) -> dict:
    """Everything the worker fetches, next to its script in assets/checker/."""
    folder = os.path.join(site_dir, "assets", "checker")
    modules = write_engine_zip(os.path.join(folder, "engine.zip"))
    with open(os.path.join(folder, "bundle.json"), "wb") as handle:
        handle.write(_bundle_bytes(bundle))
    pyodide = copy_pyodide(site_dir)
    from checker.build.site import snapshot, stdlib_trim
    trimmed = stdlib_trim.install(site_dir)      # before the snapshot: it must be made from the zip served
    try:
        made = snapshot.write(site_dir)
    except (OSError, snapshot.SnapshotFailed, subprocess.TimeoutExpired) as problem:
        log.warning("memory snapshot not made, repeat visits start the normal way (%s)", str(problem).splitlines()[-1:])
        made = None
    sw_version = write_service_worker(site_dir, page_version(site_dir))
    write_header_configs(site_dir)
    return {"pyodide": pyodide, "modules": modules, "bundle_version": bundle["version"], "offline": sw_version,
            "snapshot": bool(made), "stdlib_trimmed": trimmed}


def without_html(node):
    """The bundle as the worker needs it: without the `<key>_html` renderings the build adds for the
    knowledge base (checker/build/render.py). The engine renders its results from the Markdown itself, so
    these are a quarter of the bytes the worker would parse at start-up for nothing."""
    if isinstance(node, dict):
        return {k: without_html(v) for k, v in node.items() if not k.endswith("_html")}
    if isinstance(node, list):
        return [without_html(v) for v in node]
    return node


def _bundle_bytes(bundle: dict) -> bytes:
    return json.dumps(without_html(bundle), ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def asset_version(bundle: dict) -> str:
    """A short hash of everything the page's scripts load: engine modules, bundle, page scripts, Pyodide.
    It goes into the script URLs (`?v=`), so a new build is never served an older engine or bundle."""
    digest = hashlib.sha256(_bundle_bytes(bundle))
    for name in runtime_modules():
        with open(os.path.join(RUNTIME, name), "rb") as handle:
            digest.update(name.encode() + handle.read())
    for name in sorted(os.listdir(PAGE_ASSETS)):
        with open(os.path.join(PAGE_ASSETS, name), "rb") as handle:
            digest.update(name.encode() + handle.read())
    digest.update(pyodide_version().encode())
    return digest.hexdigest()[:12]


_REFERENCED = re.compile(r'<script\b[^>]*?\ssrc="([^"#]+)"|<link\b(?=[^>]*\srel="(?:stylesheet|icon|modulepreload)")'
                         r'[^>]*?\shref="([^"#]+)"')
_PAGE_VERSION = re.compile(r'assets/checker/page\.js\?v=([0-9a-f]+)"')


def page_version(site_dir: str) -> str:
    """The version the built checker page asks for (`page.js?v=…`): the runtime files must match it."""
    with open(os.path.join(site_dir, CHECKER_DIR, "index.html"), encoding="utf-8") as handle:
        found = _PAGE_VERSION.search(handle.read())
    if not found:
        raise AssetsMissing("checker/index.html does not load assets/checker/page.js?v=…: was the checker page built?")
    return found.group(1)


def offline_files(site_dir: str, version: str) -> list[str]:
    """What a repeat visit needs with the network off, as URLs relative to the site's root (where the
    service worker lives): the checker page, the files it links (theme scripts, styles, icons), the checker
    runtime and the theme's search."""
    with open(os.path.join(site_dir, CHECKER_DIR, "index.html"), encoding="utf-8") as handle:
        page = handle.read()
    files = [f"{CHECKER_DIR}/"]
    for url in (a or b for a, b in _REFERENCED.findall(page)):
        if "://" not in url and not url.startswith(("data:", "//", "/")):
            files.append(posixpath.normpath(posixpath.join(CHECKER_DIR, url)))
    names = ["worker.js", "engine.zip", "bundle.json"]
    names += ["snapshot.bin.gz"] if os.path.exists(os.path.join(site_dir, "assets", "checker", "snapshot.bin.gz")) else []
    files += [f"assets/checker/{name}?v={version}" for name in names]
    files += sorted(f"assets/pyodide/{name}" for name in os.listdir(os.path.join(site_dir, "assets", "pyodide")))
    workers = os.path.join(site_dir, "assets", "javascripts", "workers")
    files += sorted(f"assets/javascripts/workers/{n}" for n in os.listdir(workers) if n.endswith(".js"))
    lunr = os.path.join(site_dir, "assets", "javascripts", "lunr", "min")
    files += [f"assets/javascripts/lunr/min/{n}" for n in ("lunr.stemmer.support.min.js", "lunr.ru.min.js",
                                                             "lunr.multi.min.js") if os.path.exists(os.path.join(lunr, n))]
    if os.path.exists(os.path.join(site_dir, "search", "search_index.json")):
        files.append("search/search_index.json")
    return list(dict.fromkeys(files))


def write_service_worker(site_dir: str, version: str) -> str:
    """sw.js in the site's root, from the template, with the list of files and a version that changes
    whenever any of their bytes change (a new build installs a new worker, which drops the old cache).

    It sits in the root, not in checker/, because the engine's Web Worker (assets/checker/worker.js) is a
    client of its own, matched to a service worker by its URL: only a root scope covers both the page and
    the worker, so the worker's fetches of the runtime, engine and bundle are served offline too."""
    files = offline_files(site_dir, version)
    digest = hashlib.sha256(version.encode())
    for url in files:
        path = os.path.normpath(os.path.join(site_dir, url.split("?")[0]))
        target = os.path.join(path, "index.html") if os.path.isdir(path) else path
        with open(target, "rb") as handle:
            digest.update(url.encode() + handle.read())
    with open(SW_TEMPLATE, encoding="utf-8") as handle:
        template = handle.read()
    sw_version = digest.hexdigest()[:16]
    text = (template.replace('const VERSION = "dev";', f'const VERSION = "{sw_version}";', 1)
            .replace("const FILES = [];", "const FILES = " + json.dumps(files, indent=2) + ";", 1))
    with open(os.path.join(site_dir, "sw.js"), "w", encoding="utf-8") as handle:
        handle.write(text)
    os.remove(os.path.join(site_dir, "assets", "checker", "sw.js"))   # the template itself is not served
    return sw_version


def write_header_configs(site_dir: str) -> str:
    """The pages' policy as an HTTP header (the only form that also confines workers): `_headers`
    (Netlify, Cloudflare Pages) and `.htaccess` (Apache) in the site's root, where those hosts read them,
    and the same three files (with nginx) under build/deploy/ to copy into a server's configuration."""
    policy = csp.site_policy(site_dir)
    configs = csp.header_configs(policy)
    out = os.path.join(ROOT, "build", "deploy")
    os.makedirs(out, exist_ok=True)
    for name, text in configs.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as handle:
            handle.write(text)
        if name in ("_headers", ".htaccess"):
            with open(os.path.join(site_dir, name), "w", encoding="utf-8") as handle:
                handle.write(text)
    return policy
