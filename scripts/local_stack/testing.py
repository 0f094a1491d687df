"""`test`: pytest against a stack, starting what it lacks and stopping that afterwards."""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import subprocess

from scripts.local_stack.commands import run_bootstrap
from scripts.local_stack.environment import process_env
from scripts.local_stack.errors import StackError, report
from scripts.local_stack.leases import TestRuns
from scripts.local_stack.lock import stack_lock
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import ROOT, VENV_PYTHON
from scripts.local_stack.phases import bring_down, bring_up

# pytest's exit status when it collected nothing: a run that tests nothing must not pass.
NO_TESTS_COLLECTED = 5


def prepare_test_stack(stack: Stack, names: tuple[str, ...]) -> None:
    runs = TestRuns(stack)
    with stack_lock(stack):
        runs.join(os.getpid())
        started: list[str] = []
        try:
            bring_up(stack, names, started)
        finally:
            runs.record_started(started)


def release_test_stack(stack: Stack) -> None:
    runs = TestRuns(stack)
    with stack_lock(stack):
        runs.leave(os.getpid())
        if runs.live():
            print("other test runs still use the stack; leaving it running")
            return
        names = runs.to_stop()
        if names:
            print(f"stopping what the tests started: {', '.join(names)}")
            bring_down(stack, names)
        runs.forget_started()


def run_pytest(stack: Stack, pytest_args: list[str]) -> int:
    argv = [str(VENV_PYTHON), "-m", "pytest", *pytest_args]
    print(f"\nrunning: {shlex.join(argv)}  (stack {stack.name!r})")
    process = subprocess.Popen(argv, cwd=ROOT, env=process_env(stack))
    try:
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()


def cmd_test(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    names = stack.registry.select(args.only)
    print(f"stack {stack.name!r} (port base {stack.base}) for the tests")
    try:
        try:
            prepare_test_stack(stack, names)
        except StackError as error:
            # Said before the clean-up output, which would otherwise bury it.
            report(error)
            return 1
        code = run_pytest(stack, args.pytest_args)
    finally:
        release_test_stack(stack)
    if code == NO_TESTS_COLLECTED:
        print("pytest collected no tests; counting that as a failure")
    return code
