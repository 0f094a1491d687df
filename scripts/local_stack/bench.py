"""`bench`: every benchmark in bench/ against a stack, starting it if needed."""

from __future__ import annotations

import argparse
import re
import subprocess
import time
from pathlib import Path

from scripts.local_stack.commands import run_bootstrap
from scripts.local_stack.environment import process_env
from scripts.local_stack.lock import stack_lock
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import ROOT, VENV_PYTHON
from scripts.local_stack.phases import bring_up

MAIN_GUARD = re.compile(r"^if __name__ == .__main__.:", re.M)


def is_benchmark(path: Path) -> bool:
    """Modules the benchmarks share have no main guard; the benchmarks themselves do."""
    return MAIN_GUARD.search(path.read_text(errors="replace")) is not None


def cmd_bench(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    scripts = [path for path in sorted((ROOT / "bench").glob("*.py")) if is_benchmark(path)]
    if not scripts:
        print("no benchmarks in bench/")
        return 0
    with stack_lock(stack):
        bring_up(stack, stack.registry.names, [])
    failed = []
    for script in scripts:
        print(f"\n== {script.relative_to(ROOT)}")
        began = time.monotonic()
        code = subprocess.run(
            [str(VENV_PYTHON), str(script)], cwd=ROOT, env=process_env(stack)
        ).returncode
        print(f"== {script.name}: exit {code} after {time.monotonic() - began:.1f}s")
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed benchmarks: {', '.join(failed)}")
    return 1 if failed else 0
