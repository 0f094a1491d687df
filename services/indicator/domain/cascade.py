"""City targets decomposed onto units; the parts must add up to the whole.

Jishou's 2023-2025 urbanisation plan: an urban resident population of 350,000 split across its
townships and street offices. A part can be split again over the unit's own sub-units.
Amounts are decimals, so "add up" means exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.units import Unit
from services.indicator.domain.versions import year_problem

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$")


@dataclass(frozen=True)
class Allocation:
    unit_id: str
    amount: Decimal


@dataclass(frozen=True)
class TargetCascade:
    code: str
    name: str
    year: int
    total: Decimal
    unit_of_measure: str
    allocations: tuple[Allocation, ...]
    indicator_code: str | None = None
    parent_code: str | None = None
    parent_unit_id: str | None = None

    def part_of(self, unit_id: str) -> Decimal | None:
        return next((a.amount for a in self.allocations if a.unit_id == unit_id), None)


def _header_problems(c: TargetCascade, indicator: Indicator | None) -> list[FieldProblem]:
    found = []
    if not _CODE.match(c.code):
        found.append(
            FieldProblem("code", RuleCode.format, "2-64 letters, digits, '_', '.', '-'", c.code)
        )
    if not c.name.strip():
        found.append(
            FieldProblem("name", RuleCode.required, "a cascaded target needs a name", c.name)
        )
    if problem := year_problem(c.year):
        found.append(problem)
    if not c.total.is_finite() or c.total < 0:
        found.append(
            FieldProblem(
                "total", RuleCode.non_negative, "the target is a number of at least 0", str(c.total)
            )
        )
    if c.indicator_code is not None:
        if indicator is None:
            found.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.exists,
                    f"no indicator {c.indicator_code!r} in the library",
                    c.indicator_code,
                )
            )
        elif indicator.unit_of_measure != c.unit_of_measure:
            found.append(
                FieldProblem(
                    "unitOfMeasure",
                    RuleCode.matches_indicator,
                    f"indicator {indicator.code} is measured in {indicator.unit_of_measure}",
                    c.unit_of_measure,
                )
            )
        elif indicator.kind != "scored" or indicator.rule.get("type") != "target_attainment":
            found.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.attainment_indicator,
                    "a cascaded target feeds a scored target-attainment indicator",
                    c.indicator_code,
                )
            )
    return found


def _parent_problems(
    c: TargetCascade, parent: TargetCascade | None, units: dict[str, Unit]
) -> list[FieldProblem]:
    if c.parent_code is None:
        return []
    if parent is None:
        return [
            FieldProblem(
                "parentCode",
                RuleCode.exists,
                f"no cascaded target {c.parent_code!r}",
                c.parent_code,
            )
        ]
    part = parent.part_of(c.parent_unit_id or "")
    if part is None:
        return [
            FieldProblem(
                "parentUnitId",
                RuleCode.allocated_in_parent,
                f"cascade {parent.code} allocates nothing to unit {c.parent_unit_id!r}",
                c.parent_unit_id,
            )
        ]
    found = []
    if part != c.total:
        found.append(
            FieldProblem(
                "total",
                RuleCode.equals_parent_part,
                f"unit {c.parent_unit_id}'s part of {parent.code} is {part}, so this split totals {part}",
                str(c.total),
            )
        )
    if (parent.year, parent.unit_of_measure, parent.indicator_code) != (
        c.year,
        c.unit_of_measure,
        c.indicator_code,
    ):
        found.append(
            FieldProblem(
                "parentCode",
                RuleCode.same_measure,
                "a split keeps its parent's year, unit of measure and indicator",
                c.parent_code,
            )
        )
    outside = [
        a.unit_id
        for a in c.allocations
        if a.unit_id in units and units[a.unit_id].parent_id != c.parent_unit_id
    ]
    if outside:
        found.append(
            FieldProblem(
                "allocations",
                RuleCode.sub_units_only,
                f"a part of unit {c.parent_unit_id} is split over its own sub-units only",
                outside,
            )
        )
    return found


def _allocation_problems(c: TargetCascade, units: dict[str, Unit]) -> list[FieldProblem]:
    if not c.allocations:
        return [
            FieldProblem(
                "allocations", RuleCode.required, "allocate the target to at least one unit", []
            )
        ]
    found = []
    ids = [a.unit_id for a in c.allocations]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        found.append(
            FieldProblem("allocations", RuleCode.unique_units, "each unit gets one part", repeated)
        )
    unknown = [i for i in ids if i not in units]
    if unknown:
        found.append(FieldProblem("allocations", RuleCode.units_exist, "no such units", unknown))
    negative = [a.unit_id for a in c.allocations if not a.amount.is_finite() or a.amount < 0]
    if negative:
        found.append(
            FieldProblem(
                "allocations", RuleCode.non_negative, "a part is a number of at least 0", negative
            )
        )
    elif c.total.is_finite():
        allocated = sum((a.amount for a in c.allocations), Decimal(0))
        if allocated != c.total:
            gap = c.total - allocated
            found.append(
                FieldProblem(
                    "allocations",
                    RuleCode.parts_add_up,
                    f"the parts add up to {allocated} {c.unit_of_measure}, not the target {c.total} "
                    f"({'short by' if gap > 0 else 'over by'} {abs(gap)})",
                    str(allocated),
                )
            )
    return found


def check_cascade(
    c: TargetCascade,
    parent: TargetCascade | None,
    indicator: Indicator | None,
    units: dict[str, Unit],
) -> None:
    problems = (
        _header_problems(c, indicator)
        + _parent_problems(c, parent, units)
        + _allocation_problems(c, units)
    )
    if problems:
        raise ValidationFailed(problems)
