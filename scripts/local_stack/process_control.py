"""Starting, signalling and stopping processes, and short commands whose output goes to a log."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scripts.local_stack.errors import StackError
from scripts.local_stack.logs import log_tail, start_header
from scripts.local_stack.paths import ROOT

STOP_TIMEOUT = 30.0


def spawn(
    argv: list[str], log: Path, pidfile: Path, env: Mapping[str, str], cwd: Path = ROOT
) -> int:
    """Start a detached process in its own session, appending to `log`, its pid in `pidfile`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    pidfile.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(start_header(argv))
        out.flush()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pidfile.write_text(f"{process.pid}\n")
    return process.pid


def signal_process(pid: int, signum: int) -> None:
    """Signal the whole process group when the process leads one, so its children go too."""
    with contextlib.suppress(ProcessLookupError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)


def wait_gone(pid: int, owned: Callable[[int], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while owned(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def terminate(pid: int, owned: Callable[[int], bool], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM, then SIGKILL after `timeout`; `owned` tells whether the pid is still our process."""
    if not owned(pid):
        return
    signal_process(pid, signal.SIGTERM)
    if not wait_gone(pid, owned, timeout):
        print(f"  pid {pid} ignored SIGTERM for {timeout:.0f}s; killing it")
        signal_process(pid, signal.SIGKILL)
        wait_gone(pid, owned, 5)


def run_logged(
    argv: list[str], log: Path, what: str, stdin_text: str | None = None, **kwargs: Any
) -> None:
    """Run a short command to completion, appending its output to a log; fail with the log's tail."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(start_header(argv))
        out.flush()
        feed: dict[str, Any] = (
            {"stdin": subprocess.DEVNULL} if stdin_text is None else {"input": stdin_text.encode()}
        )
        result = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, **feed, **kwargs)
    if result.returncode != 0:
        raise StackError(f"{what} failed (exit {result.returncode})\n{log_tail(log)}")
