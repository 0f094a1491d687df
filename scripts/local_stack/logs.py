"""The components' logs: one file per component, each start headed by a `--- ` line."""

from __future__ import annotations

import shlex
import time
from pathlib import Path

from scripts.local_stack.paths import shown

LOG_TAIL_LINES = 40
START_MARK = "--- "


def start_header(argv: list[str]) -> bytes:
    """The line that separates one start from the previous ones in the same log."""
    return f"\n{START_MARK}{time.strftime('%Y-%m-%d %H:%M:%S')} {shlex.join(argv)}\n".encode()


def shorten(line: str, keep: int = 600) -> str:
    """Tracebacks logged as one JSON line would flood the terminal; their end says the most."""
    return line if len(line) <= keep else f"{line[:150]} [...] {line[-(keep - 150) :]}"


def latest_lines(lines: list[str], count: int = LOG_TAIL_LINES) -> list[str]:
    """The last `count` lines, never reaching back before the latest start."""
    latest = max((i for i, line in enumerate(lines) if line.startswith(START_MARK)), default=0)
    return lines[max(latest, len(lines) - count) :]


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The end of what the latest start wrote to a log, for an error message."""
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return f"(no log at {path})"
    body = "\n".join("    " + shorten(line) for line in latest_lines(text, lines))
    return f"last lines of {shown(path)}:\n{body}"
