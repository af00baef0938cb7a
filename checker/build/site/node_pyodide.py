"""Pyodide's own Python run under Node at build time — by the steps that must use exactly the runtime the
browser gets: precompiling to `.pyc` (stdlib_pyc.py), tracing the modules the engine imports
(stdlib_trim.py) and saving the ready engine's memory (snapshot.py).

Each step gives the body of an ES module; PRELUDE before it has read the package folder and the step's
arguments (`args`) and defined `loadPyodide` and `quiet` (stdout and stderr off)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PYODIDE_PACKAGE = os.path.join(ROOT, "node_modules", "pyodide")

PRELUDE = r"""
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
const [packageDir, ...args] = process.argv.slice(1);
const { loadPyodide } = createRequire(packageDir + "/")(packageDir + "/pyodide.js");
const quiet = { stdout: () => {}, stderr: () => {} };
"""


def node() -> str | None:
    """The `node` command, or None when Node is not installed."""
    return shutil.which("node")


def run(body: str, args: list[str], failure: type[Exception], timeout: int = 300, done: str | None = None) -> str:
    """Run PRELUDE + `body` with `args`; return what it printed. Raise `failure` with the end of its error
    output when Node is missing, the script fails, or the file `done` was to write is not there."""
    command = node()
    if not command:
        raise failure("node is not installed")
    proc = subprocess.run([command, "--input-type=module", "-e", PRELUDE + body, PYODIDE_PACKAGE, *args],
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise failure(_what_failed(proc.stderr or proc.stdout) or f"node exited with {proc.returncode}")
    if done and not os.path.exists(done):
        raise failure(f"the step ended without writing {done}")
    return proc.stdout.strip()


def _what_failed(text: str) -> str:
    """The end of Node's error output with its error line repeated last (the build log shows the last
    line; Node ends with its version and a stack, which say nothing)."""
    errors = [line.strip() for line in text.splitlines() if re.match(r"\s*(?:\w+Error|Error)\b", line)]
    return (text.strip()[-2000:] + ("\n" + errors[-1] if errors else "")).strip()
