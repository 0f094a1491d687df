"""The commands that start, stop and show a stack: up, down, reset, status, env and logs."""

from __future__ import annotations

import argparse
import contextlib
import shlex
import shutil
import subprocess

from scripts.local_stack.components.base import Component
from scripts.local_stack.environment import stack_env
from scripts.local_stack.errors import StackError
from scripts.local_stack.leases import TestRuns
from scripts.local_stack.lock import stack_lock
from scripts.local_stack.model import Stack
from scripts.local_stack.paths import BOOTSTRAP, ROOT
from scripts.local_stack.phases import bring_down, bring_up
from scripts.local_stack.probes import port_open

SEED_LOG = "seed"


def run_bootstrap() -> None:
    result = subprocess.run(["bash", str(BOOTSTRAP)], cwd=ROOT)
    if result.returncode != 0:
        raise StackError(f"scripts/bootstrap.sh failed (exit {result.returncode})")


def print_welcome(stack: Stack, names: tuple[str, ...]) -> None:
    env = stack_env(stack)
    if "gateway" in names:
        print(f"\nGraphQL gateway: {env['GATEWAY_URL']}")
        print(
            "Token for requests: make token ROLE=admin   (or ROLE=cadre CADRE=..., ROLE=unit_reporter UNIT=...)"
        )
    if "web" in names:
        print(f"Web console:     {env['WEB_URL']}  (sign in with a demo identity)")
    print(
        f'Environment for tools and tests: eval "$(python3 scripts/stack.py env --stack {stack.name})"'
    )


def cmd_up(stack: Stack, args: argparse.Namespace) -> int:
    if not args.no_bootstrap:
        run_bootstrap()
    names = stack.registry.select(args.only)
    print(f"stack {stack.name!r} (port base {stack.base}, data in .local/{stack.name})")
    with stack_lock(stack):
        try:
            components = bring_up(stack, names, [])
        except StackError as error:
            raise StackError(
                f"{error}\n(what did start keeps running: `status` shows it, `down` stops it)"
            ) from None
        if not args.no_seed:
            for c in components:
                c.load_demo_data()
    print_welcome(stack, names)
    return 0


def cmd_down(stack: Stack, args: argparse.Namespace) -> int:
    if not stack.dir.exists():
        print(f"stack {stack.name!r} has no data folder; nothing to stop")
        return 0
    with stack_lock(stack):
        bring_down(stack, stack.registry.select(args.only))
        TestRuns(stack).forget_started()
    print(f"stack {stack.name!r} stopped; data kept in .local/{stack.name}")
    return 0


def cmd_reset(stack: Stack, args: argparse.Namespace) -> int:
    if not stack.dir.exists():
        print(f"stack {stack.name!r} has no data folder; nothing to reset")
        return 0
    with stack_lock(stack):
        bring_down(stack, stack.registry.names)
        shutil.rmtree(stack.dir)
    print(f"stack {stack.name!r} stopped and .local/{stack.name} deleted")
    return 0


def component_state(c: Component) -> str:
    if c.running():
        return "running" if c.ready() else "starting or unhealthy"
    if any(port_open(p) for p in c.ports()):
        return "stopped, but its port is taken by another process"
    return "stopped"


def cmd_status(stack: Stack, args: argparse.Namespace) -> int:
    print(f"stack {stack.name!r}, port base {stack.base}, data in .local/{stack.name}")
    for name in stack.registry.names:
        c = stack.registry.build(stack, name)
        pid = f"pid {c.pid()}" if c.running() else ""
        print(f"  {name:<12} {component_state(c):<22} {pid:<11} {c.address}")
    return 0


def cmd_env(stack: Stack, args: argparse.Namespace) -> int:
    for key, value in stack_env(stack).items():
        print(f"export {key}={shlex.quote(value)}")
    return 0


def cmd_logs(stack: Stack, args: argparse.Namespace) -> int:
    known = (*stack.registry.names, SEED_LOG)
    names = args.components or [n for n in known if stack.log(n).exists()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise StackError(f"no component called {', '.join(unknown)}")
    files = [str(stack.log(n)) for n in names if stack.log(n).exists()]
    if not files:
        print(f"no logs yet in .local/{stack.name}/logs")
        return 0
    tail = ["tail", "-n", str(args.lines)] + (["-F"] if args.follow else []) + files
    with contextlib.suppress(KeyboardInterrupt):
        return subprocess.run(tail).returncode
    return 0
