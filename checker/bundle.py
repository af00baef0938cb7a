"""Load the compiled bundle (plain JSON) and index it for the engine. Standard library only."""
from __future__ import annotations

import json
import os

BUNDLE_SCHEMA = 1
DEFAULT_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "bundle.json")
