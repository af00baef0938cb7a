"""The one seam that knows whether we run inside Pyodide (the browser). Nothing else checks."""
from __future__ import annotations

import sys


def in_browser() -> bool:
    return "_pyodide_core" in sys.modules
