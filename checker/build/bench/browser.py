"""Measurements in real Chromium (Debian's, through Playwright).

Times are taken inside the page, relative to the navigation start (`performance.now()`): an init script
watches the result region for `data-state` and `data-rendered-seq` and notes when they change, so the
figures do not include Playwright's own round trips. Cold = a fresh browser context (empty cache);
warm = a second visit in the same context (HTTP cache, service worker allowed)."""
from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import tempfile
from urllib.parse import urlparse

from .stats import summary, turns

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
RESULT = "[data-testid=checker-result]"
TIMEOUT_MS = 90_000

# Runs before any page script: notes when the checker (or the floor page) becomes ready and when the
# first result is rendered, and keeps a log of changes in the result region for the per-answer loop.
INIT_SCRIPT = """
(() => {
  const bench = window.__bench = { ready: null, firstResult: null, renders: [], seqs: [] };
  const RESULT = '[data-testid=checker-result]';
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!el || !el.closest) continue;
      if (r.type === 'attributes') {
        const isResult = el.matches(RESULT);
        if (r.attributeName === 'data-state' && el.dataset.state === 'ready' && bench.ready === null &&
            (isResult || el === document.body)) bench.ready = now;
        if (!isResult) continue;
        if (r.attributeName === 'data-rendered-seq') {
          if (bench.firstResult === null) bench.firstResult = now;
          bench.seqs.push([now, Number(el.dataset.renderedSeq), Number(el.dataset.evalMs),
                          Number(el.dataset.rulesMs || NaN)]);
          bench.renders.push(now);
        } else if (r.attributeName === 'data-eval-ms') {
          bench.renders.push(now);
        }
      } else if (el.closest(RESULT)) {
        bench.renders.push(now);            // the result's content was replaced
      }
    }
  }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
})();
"""

# One answer change in the page: change one input the way a person would, time until the result for it
# is rendered (the verdict) and until the result region settles (what would change the result included).
CHANGE_JS = """
async ({ step, r, settleMs }) => {
  const form = document.querySelector('form:has([name=jurisdiction])') || document.forms[0];
  const out = document.querySelector('[data-testid=checker-result]');
  const visible = (el) => !el.disabled && el.offsetParent !== null;
  const pick = (list) => list[Math.floor(r * list.length) % list.length];
  let target, kind;
  const select = form.elements.jurisdiction;
  const roles = [...form.querySelectorAll('input[name=role]')];
  if (step % 40 === 0) {
    const options = [...select.options].filter((o) => o.value);      // every territory in turn
    let next = options[(step / 40) % options.length].value;
    if (next === select.value) next = options[(step / 40 + 1) % options.length].value;
    select.value = next; target = select; kind = 'jurisdiction';
  } else if (step % 10 === 0 && roles.length > 1) {
    const choice = pick(roles.filter((x) => !x.checked)); choice.checked = true; target = choice; kind = 'role';
  } else {
    const inputs = [...form.querySelectorAll('input[name]')].filter(
      (x) => x.name !== 'role' && x.name !== 'jurisdiction' && visible(x) && x.type !== 'hidden');
    if (!inputs.length) return { skipped: 'no visible input' };
    target = pick(inputs);
    if (target.type === 'checkbox' || target.type === 'radio') {
      target.checked = !target.checked; kind = target.type;
    } else {
      const low = target.min === '' ? 0 : Number(target.min);
      const high = target.max === '' ? low + 20 : Number(target.max);
      let value = low + Math.floor(((r * 7919) % 1) * (high - low + 1));
      if (String(value) === target.value) value = value === low ? high : low;
      target.value = String(value); kind = 'number';
    }
  }
  const before = Number(out.dataset.renderedSeq || 0);
  const bench = window.__bench;
  const t0 = performance.now();
  target.dispatchEvent(new Event('change', { bubbles: true }));
  const deadline = t0 + 10000;
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
  while (Number(out.dataset.renderedSeq || 0) <= before) {
    if (performance.now() > deadline) return { skipped: 'no result for ' + kind + ' ' + target.name };
    await sleep(2);
  }
  const seen = bench.seqs.find(([t, seq]) => t >= t0 && seq > before);
  const evalMs = seen ? seen[2] : NaN;
  const rulesMs = seen ? seen[3] : NaN;
  const verdictAt = seen ? seen[0] : performance.now();
  // settled: nothing changed in the result region for settleMs (what would change is rendered then)
  while (performance.now() - bench.renders[bench.renders.length - 1] < settleMs) await sleep(10);
  const last = bench.renders[bench.renders.length - 1];
  return { kind, name: target.name, jurisdiction: select.value, verdictMs: verdictAt - t0,
           completeMs: last - t0, evalMs, rulesMs, whatIfMs: Number(out.dataset.whatIfMs) };
}
"""


@contextlib.contextmanager
def fresh_profile(playwright):
    """Chromium with a new, empty profile on disk: the disk cache a real repeat visit uses (an
    in-memory context does not keep the 9.6 MB WebAssembly file between visits)."""
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install Debian's chromium or set CHROMIUM")
    folder = tempfile.mkdtemp(prefix="bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        folder, executable_path=CHROMIUM, args=ARGS, locale="ru-RU", service_workers="allow")
    try:
        context.add_init_script(INIT_SCRIPT)
        yield context
    finally:
        context.close()
        shutil.rmtree(folder, ignore_errors=True)


class Traffic:
    """Requests a page (and its workers) made, weighed from the files on disk."""

    def __init__(self, weigher):
        self.weigher = weigher
        self.paths: list[str] = []

    def on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https"):
            self.paths.append(url.path)

    def totals(self) -> dict:
        raw = gz = 0
        biggest = []
        for path in self.paths:
            size, zipped = self.weigher.weigh(path)
            raw += size
            gz += zipped
            biggest.append((zipped, path))
        biggest.sort(reverse=True)
        return {"requests": len(self.paths), "raw_bytes": raw, "gzip_bytes": gz,
                "largest_gzip": [{"path": p, "gzip_bytes": z} for z, p in biggest[:5]]}


def _visit(context, url: str, answer: dict | None, traffic: Traffic | None = None,
           ready_selector: str = f"{RESULT}[data-state=ready]", wait_offline: bool = False) -> dict:
    page = context.new_page()
    if traffic is not None:
        page.on("request", traffic.on_request)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    if answer:
        # answered as soon as the form is there, before Python is ready: the page sends it when it is
        page.select_option("[name=jurisdiction]", answer["jurisdiction"])
        page.check(f"input[name=role][value={answer['role']}]")
    try:
        page.wait_for_selector(ready_selector, state="attached", timeout=TIMEOUT_MS)
        if answer:
            page.wait_for_selector(f"{RESULT}[data-rendered-seq]", state="attached", timeout=TIMEOUT_MS)
    except Exception as error:
        raise RuntimeError(f"{url}: not ready ({error}); page errors: {errors}") from None
    marks = page.evaluate("() => ({ ready: window.__bench.ready, firstResult: window.__bench.firstResult, "
                          "boot: Number(document.querySelector('[data-testid=checker-result]')?.dataset.bootMs), "
                          "phases: document.querySelector('[data-testid=checker-result]')?.dataset.bootPhases || null })")
    if wait_offline:
        # A repeat visit comes later in real life: let the service worker finish caching (it registers
        # once the engine is ready) before this visit ends.
        page.evaluate("""() => !navigator.serviceWorker ? null : Promise.race([
            navigator.serviceWorker.getRegistration().then((r) => r ? navigator.serviceWorker.ready : null),
            new Promise((done) => setTimeout(done, 30000))])""")
    page.close()
    return {"ready_s": marks["ready"] / 1000 if marks["ready"] is not None else None,
            "first_result_s": marks["firstResult"] / 1000 if marks["firstResult"] is not None else None,
            "worker_boot_s": marks["boot"] / 1000 if marks["boot"] == marks["boot"] else None,
            "phases": json.loads(marks["phases"]) if marks["phases"] else None}


def start_times(playwright, pages: dict, runs: int) -> dict:
    """Cold and warm start of several pages, in `runs` rounds. `pages`: name -> (url, scripted first answer
    or None, floor page?). Each round visits every page once (cold, then warm, in one fresh browser), the
    order turned by one from round to round: a machine whose speed drifts during the benchmark (a shared
    one does) slows every page alike, and ratios between pages are taken round by round (`stats.ratios`).
    Returns name -> {"cold": {...}, "warm": {...}, "samples": {"cold": [s…], "warm": [s…]}}."""
    names = list(pages)
    samples = {name: {"cold": [], "warm": []} for name in names}
    for _, name in turns(runs, names):
        url, answer, floor = pages[name]
        selector = "body[data-state=ready]" if floor else f"{RESULT}[data-state=ready]"
        with fresh_profile(playwright) as context:
            for mode in ("cold", "warm"):
                samples[name][mode].append(_visit(context, url, answer, ready_selector=selector,
                                                  wait_offline=not floor and mode == "cold"))
    return {name: _start_summary(samples[name], pages[name][1] is not None, pages[name][2]) for name in names}


def _start_summary(samples: dict, answered: bool, floor: bool) -> dict:
    out = {}
    for mode, visits in samples.items():
        out[mode] = {"ready_s": summary([v["ready_s"] for v in visits])}
        if answered:
            out[mode]["first_result_s"] = summary([v["first_result_s"] for v in visits])
        if not floor:
            boots = [v["worker_boot_s"] for v in visits if v["worker_boot_s"] is not None]
            out[mode]["worker_boot_s"] = summary(boots) if boots else None
            out[mode].update(_phases([v["phases"] for v in visits if v["phases"]]))
    out["samples"] = {mode: [round(v["ready_s"], 3) for v in visits] for mode, visits in samples.items()}
    return out


PHASES = ("origin", "loader", "files", "pyodide", "engine", "bundle")


def _phases(visits: list[dict]) -> dict:
    """Median start-up phases (ms on the worker's clock; `origin` = the worker's start on the page's) and
    how the engine started in each visit (normal | snapshot)."""
    starts = [v.get("start", "normal") for v in visits]
    phases = {name: summary([v[name] for v in visits if name in v], 0) for name in PHASES
              if any(name in v for v in visits)}
    return {"starts": {kind: starts.count(kind) for kind in sorted(set(starts))}, "phases_ms": phases,
            "snapshot_errors": [v["snapshot_error"] for v in visits if v.get("snapshot_error")]}


def page_weight(playwright, url: str, weigher, checker: bool) -> dict:
    """Requests and bytes of one cold visit, the search index included (waits for the network to idle)."""
    traffic = Traffic(weigher)
    with fresh_profile(playwright) as context:
        page = context.new_page()
        page.on("request", traffic.on_request)
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        if checker:
            page.wait_for_selector(f"{RESULT}[data-state=ready]", state="attached", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        page.close()
    return traffic.totals()


def answer_changes(playwright, url: str, changes: int, seed: int = 13, settle_ms: int = 250,
                   repeat_visit: bool = False) -> dict:
    """`changes` scripted answer changes across territories and roles on one page: right after a first
    visit's start, or (`repeat_visit`) on a second visit, once the offline copy is saved."""
    rng = random.Random(seed)
    results, skipped = [], []
    with fresh_profile(playwright) as context:
        if repeat_visit:
            _visit(context, url, None, wait_offline=True)
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        page.wait_for_selector(f"{RESULT}[data-state=ready]", state="attached", timeout=TIMEOUT_MS)
        start = json.loads(page.get_attribute(RESULT, "data-boot-phases") or "{}").get("start", "normal")
        step = 0
        attempts = 0
        while len(results) < changes and attempts < changes * 3:
            outcome = page.evaluate(CHANGE_JS, {"step": step, "r": rng.random(), "settleMs": settle_ms})
            attempts += 1
            step += 1
            if "skipped" in outcome:
                skipped.append(outcome["skipped"])
            else:
                results.append(outcome)
    if not results:
        raise RuntimeError(f"no answer change produced a result: {skipped[:5]}")
    evals = [r["evalMs"] for r in results if r["evalMs"] == r["evalMs"]]        # NaN when absent
    rules = [r["rulesMs"] for r in results if r["rulesMs"] == r["rulesMs"]]
    what_ifs = [r["whatIfMs"] for r in results if r["whatIfMs"] == r["whatIfMs"]]
    return {
        "changes": len(results), "skipped": len(skipped), "start": start,
        "jurisdictions": sorted({r["jurisdiction"] for r in results}),
        "kinds": {k: sum(1 for r in results if r["kind"] == k) for k in sorted({r["kind"] for r in results})},
        "verdict_ms": summary([r["verdictMs"] for r in results], 1),
        "complete_ms": summary([r["completeMs"] for r in results], 1),
        "worker_eval_ms": summary(evals, 2) if evals else None,
        "worker_rules_ms": summary(rules, 2) if rules else None,
        "worker_what_if_ms": summary(what_ifs, 2) if what_ifs else None,
    }
