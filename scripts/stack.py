#!/usr/bin/env python3
"""`python3 scripts/stack.py <command>`: the local stack's command line (see scripts/local_stack/)."""

import sys
from pathlib import Path

# Run as a script, only scripts/ is on the path; the package is imported from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.local_stack.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
