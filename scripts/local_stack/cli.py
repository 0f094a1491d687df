"""The command line: `python3 scripts/stack.py <command> ...` (or `python3 -m scripts.local_stack`)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType

import scripts.local_stack
from scripts.local_stack import commands, testing
from scripts.local_stack.bench import cmd_bench
from scripts.local_stack.errors import StackError, report
from scripts.local_stack.model import Stack, resolve_stack
from scripts.local_stack.registry import Registry, default_registry

Command = Callable[[Stack, argparse.Namespace], int]

COMMANDS: dict[str, Command] = {
    "up": commands.cmd_up,
    "down": commands.cmd_down,
    "reset": commands.cmd_reset,
    "status": commands.cmd_status,
    "env": commands.cmd_env,
    "logs": commands.cmd_logs,
    "test": testing.cmd_test,
    "bench": cmd_bench,
}
ONLY_HELP = "comma-separated: infra, services, gateway or component names"


def build_parser(registry: Registry) -> argparse.ArgumentParser:
    summary = (scripts.local_stack.__doc__ or "").splitlines()[0]
    parser = argparse.ArgumentParser(prog="stack.py", description=summary)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--stack", help="stack name (env STACK; default dev, or test for `test`)")
    common.add_argument("--port-base", type=int, help="first port of the stack (env PORT_BASE)")
    subcommands = parser.add_subparsers(dest="command", required=True)

    up = subcommands.add_parser("up", parents=[common], help="start the stack and load demo data")
    up.add_argument("--only", help=ONLY_HELP)
    up.add_argument("--no-seed", action="store_true", help="do not load demo data")
    up.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")

    down = subcommands.add_parser("down", parents=[common], help="stop the stack, keep its data")
    down.add_argument("--only", help=ONLY_HELP)
    subcommands.add_parser("reset", parents=[common], help="stop the stack and delete its data")
    subcommands.add_parser("status", parents=[common], help="show what runs where")
    subcommands.add_parser("env", parents=[common], help="print `export` lines for the stack")

    logs = subcommands.add_parser("logs", parents=[common], help="show the components' logs")
    logs.add_argument("components", nargs="*", help=f"any of {', '.join(registry.names)}, seed")
    logs.add_argument("-f", "--follow", action="store_true")
    logs.add_argument("-n", "--lines", type=int, default=50)

    test = subcommands.add_parser(
        "test", parents=[common], help="run pytest against the test stack"
    )
    test.add_argument("--only", help="start only these components (default: all)")
    test.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")
    test.add_argument(
        "pytest_args", nargs=argparse.REMAINDER, help="arguments for pytest, after --"
    )

    bench = subcommands.add_parser(
        "bench", parents=[common], help="run bench/*.py against the stack"
    )
    bench.add_argument("--no-bootstrap", action="store_true", help="skip scripts/bootstrap.sh")
    return parser


def parse_args(argv: list[str], registry: Registry) -> argparse.Namespace:
    """Arguments `test` does not know are pytest's, before or after `--`."""
    parser = build_parser(registry)
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "test":
        given = args.pytest_args[1:] if args.pytest_args[:1] == ["--"] else args.pytest_args
        args.pytest_args = unknown + given
    return args


def raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into an exception so that `finally` blocks stop what was started."""
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    registry = default_registry()
    args = parse_args(argv, registry)
    # Progress lines must come out in order with the child processes' output, even in CI logs.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    try:
        default_name = "test" if args.command == "test" else "dev"
        stack = resolve_stack(args.stack, args.port_base, default_name, registry, os.environ)
        return COMMANDS[args.command](stack, args)
    except StackError as error:
        report(error)
        return 1
    except KeyboardInterrupt:
        print("stack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like; nothing is left to say.
        sys.stderr.close()
        return 0
