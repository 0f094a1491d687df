"""A stack's name, port base and ports."""

from __future__ import annotations

import json

import pytest

from scripts.local_stack.errors import StackError
from scripts.local_stack.model import check_name, remember_stack, resolve_stack
from scripts.local_stack.registry import default_registry

REGISTRY = default_registry()


def resolve(home, environ=None, name=None, flag=None, default="dev"):
    return resolve_stack(name, flag, default, REGISTRY, environ or {}, home)


def test_every_port_is_the_base_plus_the_documented_offset(tmp_path):
    stack = resolve(tmp_path, {"STACK": "wt-x", "PORT_BASE": "9000"})
    ports = {name: stack.port(name) for name in REGISTRY.port_offsets}
    assert ports == {
        "gateway": 9000,
        "indicator": 9001,
        "scoring": 9002,
        "development": 9003,
        "web": 9005,
        "oidc-provider": 9009,
        "postgres": 9032,
        "kafka": 9092,
        "kafka-controller": 9093,
    }


def test_dev_and_test_stacks_have_default_bases(tmp_path):
    assert resolve(tmp_path).base == 4000
    assert resolve(tmp_path, default="test").name == "test"
    assert resolve(tmp_path, default="test").base == 5000


def test_the_flag_wins_over_the_environment(tmp_path):
    stack = resolve(tmp_path, {"STACK": "a", "PORT_BASE": "9000"}, name="b", flag=8000)
    assert (stack.name, stack.base) == ("b", 8000)


def test_another_stack_needs_a_base(tmp_path):
    with pytest.raises(StackError, match="needs a port base"):
        resolve(tmp_path, {"STACK": "mine"})


def test_a_base_that_is_no_number_is_refused(tmp_path):
    with pytest.raises(StackError, match="PORT_BASE must be a number"):
        resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "90x"})


@pytest.mark.parametrize("base", [1023, 65535 - 93 + 1])
def test_ports_must_stay_between_1024_and_65535(tmp_path, base):
    with pytest.raises(StackError, match="outside 1024-65535"):
        resolve(tmp_path, {"STACK": "mine", "PORT_BASE": str(base)})


def test_the_highest_base_whose_ports_fit_is_accepted(tmp_path):
    assert (
        resolve(tmp_path, {"STACK": "mine", "PORT_BASE": str(65535 - 93)}).port("kafka-controller")
        == 65535
    )


@pytest.mark.parametrize("name", ["dev", "wt-tooling", "a_1", "0", "x" * 40])
def test_valid_names(name):
    check_name(name)


@pytest.mark.parametrize("name", ["", "Dev", "-x", "_x", "a/b", "a.b", "a b", "x" * 41, "../up"])
def test_invalid_names(name):
    with pytest.raises(StackError, match="must be lower-case letters"):
        check_name(name)


def test_a_stack_keeps_the_base_it_was_created_with(tmp_path):
    remember_stack(resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "9000"}))
    assert resolve(tmp_path, {"STACK": "mine"}).base == 9000
    with pytest.raises(StackError, match="created with port base 9000, not 9100"):
        resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "9100"})


def test_the_record_is_written_once(tmp_path):
    stack = resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "9000"})
    remember_stack(stack)
    remember_stack(resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "9000"}))
    assert json.loads((tmp_path / "mine" / "stack.json").read_text()) == {
        "name": "mine",
        "port_base": 9000,
    }


def test_folders_are_under_the_stack_folder(tmp_path):
    stack = resolve(tmp_path, {"STACK": "mine", "PORT_BASE": "9000"})
    assert stack.dir == tmp_path / "mine"
    assert stack.log("kafka") == tmp_path / "mine" / "logs" / "kafka.log"
    assert stack.pidfile("scoring") == tmp_path / "mine" / "run" / "scoring.pid"
