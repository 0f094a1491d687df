"""The command line: pytest's arguments pass through `test`; other commands refuse strangers."""

from __future__ import annotations

import pytest

from scripts.local_stack.cli import COMMANDS, parse_args
from scripts.local_stack.registry import default_registry

REGISTRY = default_registry()


@pytest.mark.parametrize(
    ("argv", "pytest_args"),
    [
        (["test"], []),
        (["test", "--", "tests/unit", "-q", "-x"], ["tests/unit", "-q", "-x"]),
        (["test", "--only", "infra", "--", "-k", "name"], ["-k", "name"]),
        (["test", "-q", "tests/unit"], ["-q", "tests/unit"]),
    ],
)
def test_test_hands_the_rest_to_pytest(argv, pytest_args):
    assert parse_args(argv, REGISTRY).pytest_args == pytest_args


def test_only_and_the_stack_are_options_of_the_commands():
    args = parse_args(["up", "--only", "infra", "--stack", "wt-x", "--port-base", "9000"], REGISTRY)
    assert (args.command, args.only, args.stack, args.port_base) == ("up", "infra", "wt-x", 9000)


def test_other_commands_refuse_unknown_arguments(capsys):
    with pytest.raises(SystemExit):
        parse_args(["status", "--verbose"], REGISTRY)
    assert "unrecognized arguments: --verbose" in capsys.readouterr().err


def test_every_command_has_a_function():
    assert set(COMMANDS) == {"up", "down", "reset", "status", "env", "logs", "test", "bench"}
