"""`python3 -m scripts.local_stack ...` runs the same command line as `python3 scripts/stack.py ...`."""

import sys

from scripts.local_stack.cli import main

sys.exit(main(sys.argv[1:]))
