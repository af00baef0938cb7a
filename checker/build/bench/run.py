"""`scripts/bench [--runs N] [--changes N] [--times N] [--smoke] [--publish] [--json FILE]`.

Every figure comes from one run: the site is built, served over loopback and measured in Chromium as built
and with its start-up levers switched off, next to the bare Pyodide floor; then the criteria are
multiplied ×N and evaluated, and the bundle and the site are built ×1 and ×N by turns. What is compared
(a page with the floor, ×N with ×1) is measured by turns and divided run by run, so a shared machine's
drifting speed does not bend the ratios. Prints a table, writes JSON; `--publish` also writes docs/performance.md."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

from checker.build.compile import build_bundle, write_bundle

from . import cpython, report, site, synthetic
from .stats import ratios, summary, turns

ROOT = site.ROOT
CHECKER = "checker/"
FIRST_ANSWER = {"jurisdiction": "taganrog-2017", "role": "teacher"}   # the scripted first answer
LEVERS_NOTE = ("один и тот же собранный сайт отдавался четырьмя способами, каждый рычаг выключался подменой "
               "файлов: как собран (библиотека и движок в .pyc, снимок памяти для повторных визитов), без "
               "снимка, с движком из исходников .py и без всего этого")
VARIANTS = {"pyc": "as built", "no_snapshot": "without the memory snapshot", "engine_source": "engine as .py",
            "source": "no levers"}


def _alternated(runs: int, jobs: dict) -> dict:
    """Run each of `jobs` (name -> function of the run index returning seconds) `runs` times, the jobs taking
    turns (A B A B …, the order turned each round), as farm benchmarks pair a command with another: the
    machine's speed drifting during the benchmark then reaches both alike, and their ratio is taken run by
    run. Returns name -> [seconds…]."""
    seconds: dict = {name: [] for name in jobs}
    for index, name in turns(runs, list(jobs)):
        seconds[name].append(jobs[name](index))
    return seconds


def _growth(seconds: dict, top: str, bottom: str) -> dict:
    return ratios(seconds[top], seconds[bottom], 2)


def _build_job(project: str, keep: str | None = None, runs: int = 0):
    """One timed mkdocs build of `project`; with `keep`, the last (`runs`-th) run's site is left there."""
    def job(index: int) -> float:
        out = keep if keep and index == runs - 1 else site.temp_dir("build")
        try:
            return site.mkdocs_build(out, project)
        finally:
            if out != keep:
                site.remove(out)
    return job


def _site_facts(site_dir: str) -> dict:
    pages = 0
    for folder, _, names in os.walk(site_dir):
        pages += sum(1 for n in names if n == "index.html")
    weigher = site.Weigher(site_dir)
    raw, gz = weigher.weigh("/search/search_index.json")
    return {"pages": pages, "search_index_raw": raw, "search_index_gzip": gz}


def _heaviest_kb_page(site_dir: str) -> str:
    """The knowledge-base page with the most HTML (gzip), the checker and the floor left out."""
    weigher = site.Weigher(site_dir)
    best = (0, "")
    for folder, _, names in os.walk(site_dir):
        if "index.html" not in names:
            continue
        rel = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        path = "/" if rel == "." else f"/{rel}/"
        if path.startswith(("/checker/", "/" + site.FLOOR_PATH)):
            continue
        best = max(best, (weigher.weigh(path)[1], path))
    return best[1]


def _chromium_version() -> str:
    from .browser import CHROMIUM
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "unknown"


def machine() -> dict:
    import platform
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), model)
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(handle.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "memory": memory, "os": platform.platform(),
            "python": platform.python_version(), "chromium": _chromium_version(),
            "load_at_start": list(os.getloadavg())}


def _bundle_job(criteria: str, out: str):
    """One timed `python -m checker.build` of `criteria` (the bundle written to `out`)."""
    def job(index: int) -> float:
        started = time.perf_counter()
        write_bundle(build_bundle(criteria), out)
        return time.perf_counter() - started
    return job


def measure(args) -> dict:
    from playwright.sync_api import sync_playwright

    from . import browser

    figures: dict = {"machine": machine(), "command": report.command(args),
                     "settings": {"runs": args.runs, "changes": args.changes, "times": args.times,
                                  "build_runs": args.build_runs, "levers": LEVERS_NOTE}}
    work = site.temp_dir("run")
    try:
        say = (lambda text: print(f"» {text}", file=sys.stderr, flush=True))
        site_dir = os.path.join(work, "site")
        say("building the site ×1")
        documents = len(synthetic.document_ids(os.path.join(ROOT, "criteria")))
        site.mkdocs_build(site_dir, ROOT)              # timed later, taking turns with the ×N build
        figures["build"] = {"x1": {"documents": documents, **_site_facts(site_dir)}}
        figures["pyodide"] = {"version": _pyodide_version(), "stdlib_in_site": site.stdlib_kind(site_dir)}
        site.write_floor(site_dir)
        kb_page = _heaviest_kb_page(site_dir)
        no_snapshot = site.without_snapshot(site_dir, work)
        engine_source = site.source_engine(site_dir, work)
        with sync_playwright() as playwright, site.Server(site_dir, args.port) as fast, \
                site.Server(site_dir, args.port + 1, {**site.source_stdlib(), **engine_source, **no_snapshot}) as stock, \
                site.Server(site_dir, args.port + 2, no_snapshot) as plain, \
                site.Server(site_dir, args.port + 3, engine_source) as engine, \
                site.Server(site_dir, args.port + 4, site.source_stdlib()) as floor_source:
            pages = {("floor", "source"): (floor_source.url + site.FLOOR_PATH, None, True),
                     ("floor", "pyc"): (fast.url + site.FLOOR_PATH, None, True)}
            for name, server in (("pyc", fast), ("no_snapshot", plain), ("engine_source", engine), ("source", stock)):
                pages[("checker", name)] = (server.url + CHECKER, None, False)
            # Answering while the page starts is measured apart: Playwright's own work in the page (its
            # injected script, its checks before each click) would otherwise count as the page's start.
            pages[("checker", "answered")] = (fast.url + CHECKER, FIRST_ANSWER, False)
            say(f"the floor (stdlib .pyc and source), the checker page ({', '.join(VARIANTS.values())}) and the "
                f"page answered at once: {args.runs} rounds of a cold + warm visit each")
            starts = browser.start_times(playwright, pages, args.runs)
            figures["floor"] = {name: starts[("floor", name)] for name in ("source", "pyc")}
            figures["checker"] = {name: starts[("checker", name)] for name in VARIANTS}
            figures["first_answer"] = starts[("checker", "answered")]
            figures["overhead"] = {name: ratios(figures["checker"]["pyc"]["samples"]["cold"],
                                                figures["floor"][name]["samples"]["cold"])
                                   for name in ("pyc", "source")}
            say(f"{args.changes} answer changes on a first visit, then on a repeat visit")
            figures["answers"] = browser.answer_changes(playwright, fast.url + CHECKER, args.changes)
            figures["answers_repeat"] = browser.answer_changes(playwright, fast.url + CHECKER, args.changes,
                                                               repeat_visit=True)
            say("page weight, cold")
            weigher = site.Weigher(site_dir, fast.overrides)
            figures["weight"] = {
                "checker": browser.page_weight(playwright, fast.url + CHECKER, weigher, checker=True),
                "home": browser.page_weight(playwright, fast.url, weigher, checker=False),
                "kb_heaviest": {"path": kb_page,
                                **browser.page_weight(playwright, fast.url + kb_page.lstrip("/"), weigher, checker=False)},
            }
        snapshot_file = os.path.join(site_dir, site.SNAPSHOT.lstrip("/"))
        if os.path.exists(snapshot_file):
            import gzip
            with open(snapshot_file, "rb") as handle:
                packed = handle.read()
            figures["weight"]["snapshot"] = {"wire_bytes": len(packed), "inflated_bytes": len(gzip.decompress(packed))}
        stock_zip = site.Weigher(site_dir, stock.overrides).weigh(site.STOCK_STDLIB)
        figures["weight"]["stdlib_zip"] = {"source": {"raw_bytes": stock_zip[0], "gzip_bytes": stock_zip[1]},
                                           "pyc": dict(zip(("raw_bytes", "gzip_bytes"), weigher.weigh(site.STOCK_STDLIB)))}
        whole = site.whole_pyc_stdlib()
        if whole:
            figures["weight"]["stdlib_zip"]["pyc_whole"] = whole
        say("evaluate() in CPython")
        bundle_x1 = os.path.join(work, "bundle-x1.json")
        _bundle_job(os.path.join(ROOT, "criteria"), bundle_x1)(0)         # timed below, by turns with ×N
        figures["cpython"] = {"x1": {**cpython.measure(bundle_x1), "session": cpython.measure_session(bundle_x1)}}
        criteria_n = os.path.join(work, f"criteria-x{args.times}")
        ids = synthetic.document_ids(os.path.join(ROOT, "criteria"))
        documents = synthetic.multiply(os.path.join(ROOT, "criteria"), criteria_n, args.times)
        bundle_n = os.path.join(work, f"bundle-x{args.times}.json")
        _bundle_job(criteria_n, bundle_n)(0)
        last_copy = {doc: f"{doc}-x{args.times}" for doc in ids} if args.times > 1 else None
        say(f"criteria ×{args.times}: evaluate(); the bundle and the site built ×1 and ×{args.times} by turns")
        figures["cpython"]["xN"] = {**cpython.measure(bundle_n, rename=last_copy), "documents": len(documents)}
        bundle_runs = 1 if args.smoke else 5
        bundles = _alternated(bundle_runs, {"x1": _bundle_job(os.path.join(ROOT, "criteria"), bundle_x1),
                                            "xN": _bundle_job(criteria_n, bundle_n)})
        for name in ("x1", "xN"):
            figures["cpython"][name]["bundle_build_s"] = summary(bundles[name], 2)
        figures["cpython"]["bundle_growth"] = _growth(bundles, "xN", "x1")
        project = site.synthetic_project(criteria_n, os.path.join(work, f"project-x{args.times}"))
        site_n = os.path.join(work, f"site-x{args.times}")
        builds = _alternated(args.build_runs, {"x1": _build_job(ROOT),
                                               "xN": _build_job(project, site_n, args.build_runs)})
        figures["build"]["x1"]["mkdocs_s"] = summary(builds["x1"], 2)
        figures["build"]["xN"] = {"times": args.times, "documents": len(documents),
                                  "mkdocs_s": summary(builds["xN"], 2), **_site_facts(site_n)}
        figures["build"]["growth"] = _growth(builds, "xN", "x1")
        figures["machine"]["load_at_end"] = list(os.getloadavg())
    finally:
        if args.keep:
            print(f"» kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return figures


def _pyodide_version() -> str:
    with open(os.path.join(site.stdlib_pyc.PYODIDE_PACKAGE, "package.json"), encoding="utf-8") as handle:
        return json.load(handle)["version"]


def parse(argv=None):
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[1])
    parser.add_argument("--runs", type=int, default=5, help="cold + warm visits per page variant (default 5)")
    parser.add_argument("--changes", type=int, default=240, help="scripted answer changes (default 240)")
    parser.add_argument("--times", type=int, default=10, help="criteria multiplied ×N (default 10)")
    parser.add_argument("--build-runs", type=int, default=5, help="timed mkdocs builds at ×1 and ×N (default 5)")
    parser.add_argument("--port", type=int, default=8300, help="first port to try (8300–8399)")
    parser.add_argument("--json", default=os.path.join(ROOT, "build", "bench.json"))
    parser.add_argument("--publish", action="store_true", help="also write the «Производительность» page")
    parser.add_argument("--page", default=report.PAGE,
                        help="where --publish writes it (default docs/performance.md; it must be in mkdocs.yml's nav, "
                             "or `mkdocs build --strict` stops)")
    parser.add_argument("--smoke", action="store_true", help="one quick iteration of everything (tests)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary sites")
    args = parser.parse_args(argv)
    if args.smoke and args.publish:
        parser.error("--publish needs a full run: one smoke iteration is not a figure to publish")
    if args.smoke:
        args.runs, args.changes, args.times, args.build_runs = 1, 6, 2, 1
    return args


def main(argv=None) -> int:
    args = parse(argv)
    figures = measure(args)
    os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, ensure_ascii=False, indent=1)
    print(report.table(figures))
    print(f"» figures → {args.json}", file=sys.stderr)
    if args.publish:
        path = report.publish(figures, args.page)
        print(f"» page → {path}", file=sys.stderr)
    return 0
