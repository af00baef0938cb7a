"""`python -m checker.build.bench` — the same as scripts/bench."""
import sys

from .run import main

if __name__ == "__main__":
    sys.exit(main())
