"""Which components a stack has, how `--only` picks among them, and the order they start in."""

from __future__ import annotations

import pytest

from scripts.local_stack.components.base import GATEWAY, INFRA, SERVICES
from scripts.local_stack.errors import StackError
from scripts.local_stack.registry import Registry, default_registry
from tests.unit.scripts.fakes import World, fake_kind

REGISTRY = default_registry()
EVERYTHING = (
    "oidc-provider",
    "postgres",
    "kafka",
    "indicator",
    "scoring",
    "development",
    "gateway",
    "web",
)


def test_the_components_modules_declare_the_whole_stack_in_start_order():
    assert REGISTRY.names == EVERYTHING


def test_groups_name_the_infrastructure_the_services_and_all():
    assert REGISTRY.groups == {
        "identity": ("oidc-provider",),
        "infra": ("postgres", "kafka"),
        "services": ("indicator", "scoring", "development"),
        "all": EVERYTHING,
    }


def test_each_service_has_its_own_database():
    assert REGISTRY.databases() == ("indicator", "scoring", "development")


@pytest.mark.parametrize(
    ("only", "chosen"),
    [
        (None, EVERYTHING),
        ("", EVERYTHING),
        ("all", EVERYTHING),
        ("infra", ("postgres", "kafka")),
        ("gateway,infra", ("postgres", "kafka", "gateway")),
        ("services, postgres", ("postgres", "indicator", "scoring", "development")),
        ("scoring,scoring,", ("scoring",)),
        ("kafka,infra", ("postgres", "kafka")),
    ],
)
def test_only_picks_components_in_start_order(only, chosen):
    assert REGISTRY.select(only) == chosen


def test_only_names_what_it_does_not_know_and_the_choices():
    with pytest.raises(StackError) as raised:
        REGISTRY.select("infra,kafak")
    assert str(raised.value) == (
        "unknown component 'kafak'; choose from identity, infra, services, all, "
        "oidc-provider, postgres, kafka, indicator, scoring, development, gateway, web"
    )


def test_phases_start_infrastructure_then_services_then_the_gateway():
    assert REGISTRY.phases(EVERYTHING) == [
        ["oidc-provider", "postgres", "kafka"],
        ["indicator", "scoring", "development"],
        ["gateway"],
        ["web"],
    ]


def test_phases_without_a_chosen_component_are_left_out():
    assert REGISTRY.phases(("gateway", "postgres")) == [["postgres"], ["gateway"]]
    assert REGISTRY.phases(()) == []


def test_a_new_component_in_a_later_phase_starts_last_and_stops_first():
    world = World()
    reports = fake_kind(world, "reports", GATEWAY + 2, 6)
    registry = Registry([*REGISTRY.kinds, reports])
    assert registry.names == (*EVERYTHING, "reports")
    assert registry.phases(registry.names)[-1] == ["reports"]
    assert registry.port_offsets["reports"] == 6
    assert registry.select("reports,gateway") == ("gateway", "reports")


def test_order_follows_phase_then_port_whatever_the_declaration_order():
    world = World()
    kinds = [
        fake_kind(world, "late", SERVICES, 2),
        fake_kind(world, "early", SERVICES, 1),
        fake_kind(world, "base", INFRA, 50),
    ]
    assert Registry(kinds).names == ("base", "early", "late")


def test_two_components_cannot_share_a_name_or_a_port():
    world = World()
    with pytest.raises(ValueError, match="share a name"):
        Registry([fake_kind(world, "a", INFRA, 1), fake_kind(world, "a", INFRA, 2)])
    with pytest.raises(ValueError, match="share an offset"):
        Registry([fake_kind(world, "a", INFRA, 1), fake_kind(world, "b", SERVICES, 1)])
