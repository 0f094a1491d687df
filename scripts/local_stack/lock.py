"""One command at a time changes a stack, even from several shells."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator

from scripts.local_stack.model import Stack


@contextlib.contextmanager
def stack_lock(stack: Stack) -> Iterator[None]:
    stack.dir.mkdir(parents=True, exist_ok=True)
    with open(stack.dir / "stack.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another command on stack {stack.name!r} to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
