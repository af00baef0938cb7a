"""The benchmark runs end to end (one quick iteration) and produces every figure — so it never rots.
Timings are never asserted: only that each one was measured."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys

from checker.build.bench import report
from tests.conftest import ROOT

FIGURES = [
    "floor.source.cold.ready_s", "floor.source.warm.ready_s", "floor.pyc.cold.ready_s", "floor.pyc.warm.ready_s",
    *[f"checker.{lib}.{mode}.ready_s" for lib in ("pyc", "no_snapshot", "engine_source", "source")
      for mode in ("cold", "warm")],
    *[f"first_answer.{mode}.{what}" for mode in ("cold", "warm") for what in ("ready_s", "first_result_s")],
    "checker.pyc.cold.phases_ms.origin", "checker.pyc.cold.phases_ms.pyodide", "checker.pyc.cold.phases_ms.bundle",
    "checker.pyc.warm.phases_ms.bundle",
    "answers.verdict_ms", "answers.complete_ms", "answers.worker_eval_ms", "answers.worker_rules_ms",
    "answers.worker_what_if_ms",
    "answers_repeat.complete_ms", "answers_repeat.worker_eval_ms", "answers_repeat.worker_rules_ms",
    "cpython.x1.core_ms", "cpython.x1.what_if_ms", "cpython.x1.session.core_ms", "cpython.x1.session.what_if_ms",
    "cpython.xN.core_ms", "cpython.xN.what_if_ms", "build.x1.mkdocs_s", "build.xN.mkdocs_s",
    "cpython.x1.bundle_build_s", "cpython.xN.bundle_build_s",
    # ratios taken run by run, the two sides measured by turns
    "overhead.pyc", "overhead.source", "build.growth", "cpython.bundle_growth",
]
SIZES = ["weight.checker", "weight.home", "weight.kb_heaviest"]


def _get(data: dict, dotted: str):
    for key in dotted.split("."):
        data = data[key]
    return data


def test_bench_smoke_produces_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "checker.build.bench", "--smoke", "--json", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    for name in FIGURES:
        stat = _get(figures, name)
        assert stat is not None, name
        assert stat["n"] >= 1 and all(math.isfinite(stat[k]) for k in ("median", "p95", "min", "max")), name
    for name in SIZES:
        weight = _get(figures, name)
        assert weight["requests"] > 0 and weight["gzip_bytes"] > 0 and weight["raw_bytes"] >= weight["gzip_bytes"], name
    assert figures["pyodide"]["stdlib_in_site"] in ("pyc", "source")
    # a repeat visit of the site as built starts from the memory snapshot; without it, the normal way
    assert figures["checker"]["pyc"]["warm"]["starts"] == {"snapshot": 1}, figures["checker"]["pyc"]["warm"]
    assert figures["checker"]["no_snapshot"]["warm"]["starts"] == {"normal": 1}
    assert figures["answers"]["start"] == "normal" and figures["answers_repeat"]["start"] == "snapshot"
    assert figures["weight"]["snapshot"]["inflated_bytes"] > figures["weight"]["snapshot"]["wire_bytes"] > 0
    assert figures["build"]["xN"]["documents"] == 2 * figures["build"]["x1"]["documents"]   # --smoke is ×2
    assert len(figures["checker"]["pyc"]["samples"]["cold"]) == len(figures["floor"]["pyc"]["samples"]["cold"]) == 1
    table = report.table(figures)
    assert "нет данных" not in table
    assert len(table.splitlines()) >= len(report.rows(figures))
