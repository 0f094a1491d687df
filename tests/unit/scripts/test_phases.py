"""Bringing components up phase by phase and down in reverse, with components that live in memory."""

from __future__ import annotations

import pytest

from scripts.local_stack.components.base import GATEWAY, INFRA, SERVICES
from scripts.local_stack.components.service import Scoring
from scripts.local_stack.errors import StackError
from scripts.local_stack.phases import bring_down, bring_up, check_startable, port_problem
from scripts.local_stack.registry import Registry, default_registry
from scripts.local_stack.testing import prepare_test_stack, release_test_stack
from tests.unit.scripts.fakes import World, fake_kind, fake_stack


@pytest.fixture
def world():
    return World()


@pytest.fixture
def stack(world, tmp_path):
    registry = Registry(
        [
            fake_kind(world, "gateway", GATEWAY, 0),
            fake_kind(world, "scoring", SERVICES, 2, "services"),
            fake_kind(world, "indicator", SERVICES, 1, "services"),
            fake_kind(world, "kafka", INFRA, 92, "infra"),
            fake_kind(world, "postgres", INFRA, 32, "infra"),
        ]
    )
    return fake_stack(registry, tmp_path)


def test_each_phase_starts_then_waits_for_readiness_before_the_next(stack, world):
    started: list[str] = []
    bring_up(stack, stack.registry.names, started)
    assert world.events == [
        "start postgres",
        "start kafka",
        "provision postgres",
        "provision kafka",
        "start indicator",
        "start scoring",
        "provision indicator",
        "provision scoring",
        "start gateway",
        "provision gateway",
    ]
    assert started == ["postgres", "kafka", "indicator", "scoring", "gateway"]
    assert (stack.dir / "stack.json").exists()


def test_what_runs_already_is_left_alone_and_not_counted_as_started(stack, world):
    world.running = {"postgres", "kafka"}
    started: list[str] = []
    bring_up(stack, ("postgres", "kafka", "indicator"), started)
    assert started == ["indicator"]
    assert "start postgres" not in world.events


def test_stopping_goes_through_the_phases_in_reverse(stack, world):
    world.running = set(stack.registry.names)
    bring_down(stack, stack.registry.names)
    stops = [event for event in world.events if event.startswith("stop")]
    assert stops[0] == "stop gateway"
    assert set(stops[1:3]) == {"stop indicator", "stop scoring"}
    assert set(stops[3:]) == {"stop postgres", "stop kafka"}
    assert world.running == set()


def test_nothing_starts_when_any_component_cannot(stack, world):
    world.problems = {"kafka": "kafka: `java` is not on PATH", "gateway": "gateway: no node"}
    with pytest.raises(StackError) as raised:
        bring_up(stack, stack.registry.names, [])
    assert str(raised.value) == (
        "cannot start the stack, nothing was started:\n"
        "  - kafka: `java` is not on PATH\n  - gateway: no node"
    )
    assert world.events == []


def test_the_problems_of_running_components_do_not_matter(stack, world):
    world.running = {"kafka"}
    world.problems = {"kafka": "kafka: `java` is not on PATH"}
    check_startable([stack.registry.build(stack, "kafka")])


def test_a_component_that_never_gets_ready_is_stopped_and_named(stack, world):
    world.not_ready = {"indicator"}
    started: list[str] = []
    with pytest.raises(StackError, match="indicator was not ready within 0s"):
        bring_up(stack, stack.registry.names, started)
    assert "stop indicator" in world.events
    assert "start gateway" not in world.events
    assert started == ["postgres", "kafka", "indicator", "scoring"]


def test_a_taken_port_is_a_problem_naming_it(tmp_path):
    scoring = Scoring(fake_stack(default_registry(), tmp_path, base=9000))
    assert port_problem(scoring, lambda port: False) is None
    assert port_problem(scoring, lambda port: port == 9002) == (
        "scoring: port 9002 is already in use, by something other than this stack's scoring "
        "(another stack on an overlapping port base?)"
    )


def test_a_test_run_stops_exactly_what_it_started(stack, world):
    world.running = {"postgres"}
    prepare_test_stack(stack, stack.registry.names)
    assert world.running == set(stack.registry.names)
    release_test_stack(stack)
    assert world.running == {"postgres"}
    assert not (stack.run / "started-by-tests.json").exists()


def test_a_test_run_leaves_the_stack_up_while_another_run_uses_it(stack, world):
    prepare_test_stack(stack, ("postgres", "kafka"))
    # A second run, alive: pid 1 always exists.
    (stack.run / "test-runs" / "1").touch()
    release_test_stack(stack)
    assert world.running == {"postgres", "kafka"}
    (stack.run / "test-runs" / "1").unlink()
    release_test_stack(stack)
    assert world.running == set()
