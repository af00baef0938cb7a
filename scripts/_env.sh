# Shared by scripts/serve and scripts/test: make .venv and install the pinned tools when they change.
# Usage: . scripts/_env.sh EXTRAS   (EXTRAS like "build,site" or "build,test")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXTRAS="${1:-build}"
PY="${PYTHON:-python3}"
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
export PATH="$ROOT/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
