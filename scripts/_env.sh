# Shared by scripts/serve and scripts/test: make .venv, install the pinned Python packages and the pinned
# Pyodide runtime (npm ci) when their pins change. Usage: . scripts/_env.sh EXTRAS  (like "build,site").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXTRAS="${1:-build}"
PY="${PYTHON:-python3}"
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "нужен Python 3.11+: команда $PY не найдена (укажите другую: PYTHON=python3.12 ./scripts/test)" >&2; exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "нужен Python 3.11+, а $PY — это $("$PY" -V 2>&1) (укажите другой: PYTHON=python3.12 ./scripts/test)" >&2; exit 1
fi
# A .venv whose Python is gone, too old, or has no pip (moved folder, removed interpreter) is rebuilt, not reused.
if [ -e .venv ] && ! .venv/bin/python -c 'import sys, pip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
  echo "» .venv is broken or too old: rebuilding it" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  echo "» creating .venv" >&2
  "$PY" -m venv .venv
fi
STAMP=".venv/.installed-$(echo "$EXTRAS" | tr ',' '-')"
HASH="$(sha256sum pyproject.toml | cut -c1-16)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$HASH" ]; then
  echo "» installing Python packages ($EXTRAS)" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$EXTRAS]"
  echo "$HASH" > "$STAMP"
fi
NPM_HASH="$(sha256sum package-lock.json | cut -c1-16)"
if [ "$(cat node_modules/.installed 2>/dev/null || true)" != "$NPM_HASH" ]; then
  command -v npm >/dev/null || { echo "npm is needed for the Pyodide runtime (Debian: apt-get install npm)" >&2; exit 1; }
  echo "» installing the Pyodide runtime (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$NPM_HASH" > node_modules/.installed
fi
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
