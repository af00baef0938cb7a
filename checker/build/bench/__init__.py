"""`scripts/bench`: how fast the site and the checker are, measured in real Chromium against the bare
Pyodide floor, with the engine in CPython and the site build for comparison.

Modules: `synthetic` (criteria ×N made from the real documents), `site` (builds and serves sites,
writes the floor page), `browser` (Playwright measurements), `cpython` (evaluate() timings),
`report` (table, JSON and docs/performance.md), `run` (the command line)."""
