"""The one kind of failure the command line reports without a traceback."""

import sys


class StackError(Exception):
    """A failure the user can act on; printed without a traceback."""


def report(error: StackError) -> None:
    print(f"stack: error: {error}", file=sys.stderr, flush=True)
