"""City targets split onto units: the parts add up, exactly."""

from dataclasses import replace
from decimal import Decimal

import pytest

from services.common.errors import ValidationFailed
from services.indicator.domain.cascade import Allocation, TargetCascade, check_cascade
from services.indicator.domain.units import Unit
from tests.unit.indicator.fixtures import scored

STREETS = {
    "JS-QIANZHOU": 95000,
    "JS-DONGHE": 80000,
    "JS-SHIJIACHONG": 65000,
    "JS-ZHENXI": 60000,
    "JS-SHUANGTANG": 50000,
}
UNITS = {u: Unit(u, u, "street_office") for u in STREETS} | {
    "C-1": Unit("C-1", "社区一", "street_office", parent_id="JS-QIANZHOU"),
    "C-2": Unit("C-2", "社区二", "street_office", parent_id="JS-QIANZHOU"),
}
POPULATION = replace(scored("LV-URBAN-POPULATION"), unit_of_measure="人")


def city(parts: dict[str, int], total: int = 350000, **changes) -> TargetCascade:
    values = dict(
        code="JS-URBAN-POPULATION-2025",
        name="城区常住人口35万",
        year=2025,
        total=Decimal(total),
        unit_of_measure="人",
        indicator_code="LV-URBAN-POPULATION",
        allocations=tuple(Allocation(u, Decimal(n)) for u, n in parts.items()),
    )
    values.update(changes)
    return TargetCascade(**values)


def problems_of(cascade, parent=None) -> list:
    with pytest.raises(ValidationFailed) as failed:
        check_cascade(cascade, parent, POPULATION, UNITS)
    return failed.value.problems


def test_jishous_350000_urban_residents_split_across_the_streets():
    check_cascade(city(STREETS), None, POPULATION, UNITS)


def test_parts_that_do_not_add_up_are_refused_with_the_gap():
    [problem] = problems_of(city({**STREETS, "JS-SHUANGTANG": 45000}))
    assert (problem.field, problem.rule, problem.value) == ("allocations", "parts_add_up", "345000")
    assert "short by 5000" in problem.message
    [problem] = problems_of(city({**STREETS, "JS-SHUANGTANG": 50001}))
    assert "over by 1" in problem.message


def test_a_part_is_split_again_over_the_units_own_sub_units():
    parent = city(STREETS)
    split = city(
        {"C-1": 50000, "C-2": 45000},
        total=95000,
        code="QZ-POP",
        parent_code=parent.code,
        parent_unit_id="JS-QIANZHOU",
    )
    check_cascade(split, parent, POPULATION, UNITS)
    assert [
        p.rule
        for p in problems_of(
            city(
                {"C-1": 50000, "C-2": 45000},
                total=96000,
                code="QZ-POP",
                parent_code=parent.code,
                parent_unit_id="JS-QIANZHOU",
            ),
            parent,
        )
    ] == ["equals_parent_part", "parts_add_up"]
    wrong_units = city(
        {"JS-DONGHE": 95000},
        total=95000,
        code="QZ-POP",
        parent_code=parent.code,
        parent_unit_id="JS-QIANZHOU",
    )
    assert [p.rule for p in problems_of(wrong_units, parent)] == ["sub_units_only"]


def test_allocations_name_known_units_once_each():
    rules = [p.rule for p in problems_of(city({"JS-QIANZHOU": 1, "NOWHERE": 349999}))]
    assert rules == ["units_exist"]
    repeated = city(
        {},
        allocations=(
            Allocation("JS-QIANZHOU", Decimal(1)),
            Allocation("JS-QIANZHOU", Decimal(349999)),
        ),
    )
    assert [p.rule for p in problems_of(repeated)] == ["unique_units"]
