"""One unit, one list: the rules a unit's annual indicator list must satisfy to be published."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem
from services.indicator.domain.indicators import Indicator, kind_carries_weight
from services.indicator.domain.paperwork import Blocklist
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Unit
from services.indicator.domain.vocabulary import DIMENSIONS

WEIGHT_TOTAL = 100.0
# Weights are entered with at most a few decimals; a sum within this of 100 is exactly 100.
_WEIGHT_TOLERANCE = 1e-6


def weight_total(weights: Iterable[float]) -> float:
    """The weights of a list's scored indicators added up: the figure the sum_100 rule checks."""
    return math.fsum(w for w in weights if math.isfinite(w))


def scored_weight_total(items: Iterable[Mapping[str, Any]]) -> float:
    """weight_total of a version's items as published (snapshot items, which name their kind)."""
    return round(weight_total(i["weight"] for i in items if kind_carries_weight(i["kind"])), 6)


@dataclass(frozen=True)
class Item:
    """One indicator of a list with the weight and target this unit gets."""

    indicator_code: str
    weight: float
    target: float | None = None
    origin: str = "individual"
    row: int | None = None  # the spreadsheet row it came from, for error reports


@dataclass(frozen=True)
class CommonIndicator:
    """An indicator every unit of a category carries, with its default weight and target."""

    category: str
    indicator_code: str
    weight: float
    target: float | None = None


@dataclass(frozen=True)
class ListContext:
    """What one unit's list is checked against."""

    unit: Unit
    indicators: Mapping[str, Indicator]
    commons: Sequence[CommonIndicator]  # of the unit's category
    blocklist: Blocklist
    scheme: Scheme | None = None
    # indicator code -> (cascade code, this unit's allocated part) for the list's year
    allocations: Mapping[str, tuple[str, Decimal]] | None = None


def with_commons(items: Sequence[Item], commons: Sequence[CommonIndicator]) -> list[Item]:
    """The list completed with its category's common indicators, common ones marked as such.

    A common indicator the items do not name comes in with its default weight and target; one
    they name keeps the weight and target given.
    """
    common_codes = {c.indicator_code for c in commons}
    named = {i.indicator_code for i in items}
    missing = [
        Item(c.indicator_code, c.weight, c.target, "common")
        for c in commons
        if c.indicator_code not in named
    ]
    marked = [
        Item(
            i.indicator_code,
            i.weight,
            i.target,
            "common" if i.indicator_code in common_codes else "individual",
            i.row,
        )
        for i in items
    ]
    return missing + marked


def _item_problems(item: Item, ind: Indicator, ctx: ListContext) -> list[FieldProblem]:
    code, row = item.indicator_code, item.row
    found = []
    if problem := ctx.blocklist.problem("indicatorCode", ind.name):
        found.append(
            FieldProblem(problem.field, problem.rule, f"{code}: {problem.message}", code, row)
        )
    if not math.isfinite(item.weight) or not 0 <= item.weight <= WEIGHT_TOTAL:
        found.append(
            FieldProblem(
                "weight",
                RuleCode.range,
                f"{code}: a weight lies between 0 and 100",
                item.weight,
                row,
            )
        )
    elif ind.carries_weight and item.weight <= 0:
        found.append(
            FieldProblem(
                "weight",
                RuleCode.positive_for_scored,
                f"{code}: a scored indicator needs a weight above 0",
                item.weight,
                row,
            )
        )
    elif not ind.carries_weight and item.weight != 0:
        found.append(
            FieldProblem(
                "weight",
                RuleCode.no_weight_for_kind,
                f"{code}: red lines, deductions and vetoes carry no weight ({ind.kind}); leave it empty or 0",
                item.weight,
                row,
            )
        )
    found.extend(_target_problems(item, ind, ctx))
    return found


def _target_problems(item: Item, ind: Indicator, ctx: ListContext) -> list[FieldProblem]:
    code, row, target = item.indicator_code, item.row, item.target
    if target is None:
        if ind.rule.get("type") == "target_attainment":
            return [
                FieldProblem(
                    "target",
                    RuleCode.required_for_attainment,
                    f"{code}: target attainment is measured against a target",
                    None,
                    row,
                )
            ]
        return []
    if not math.isfinite(target):
        return [
            FieldProblem(
                "target", RuleCode.number, f"{code}: the target is a finite number", target, row
            )
        ]
    if ind.rule.get("type") == "target_attainment" and target <= 0:
        return [
            FieldProblem(
                "target",
                RuleCode.positive_for_attainment,
                f"{code}: attainment needs a target above 0",
                target,
                row,
            )
        ]
    if (ind.min_value is not None and target < ind.min_value) or (
        ind.max_value is not None and target > ind.max_value
    ):
        return [
            FieldProblem(
                "target",
                RuleCode.within_range,
                f"{code}: the target lies outside [{ind.min_value}, {ind.max_value}]",
                target,
                row,
            )
        ]
    cascaded = (ctx.allocations or {}).get(code)
    if cascaded is not None and Decimal(str(target)) != cascaded[1]:
        return [
            FieldProblem(
                "target",
                RuleCode.cascaded_target,
                f"{code}: the target is this unit's part {cascaded[1]} of the cascaded city target {cascaded[0]}",
                target,
                row,
            )
        ]
    return []


def _weight_problems(
    items: Sequence[Item], indicators: Mapping[str, Indicator], ctx: ListContext, row: int | None
) -> list[FieldProblem]:
    scored = [
        i for i in items if indicators[i.indicator_code].carries_weight and math.isfinite(i.weight)
    ]
    total = weight_total(i.weight for i in scored)
    found = []
    if abs(total - WEIGHT_TOTAL) > _WEIGHT_TOLERANCE:
        found.append(
            FieldProblem(
                "weight",
                RuleCode.sum_100,
                f"unit {ctx.unit.id}: the weights of the scored indicators add up to {total:g}, not exactly 100",
                round(total, 6),
                row,
            )
        )
    if ctx.scheme is not None:
        for dimension, least in ctx.scheme.dimension_minimums.items():
            share = math.fsum(
                i.weight for i in scored if indicators[i.indicator_code].dimension == dimension
            )
            if share + _WEIGHT_TOLERANCE < least:
                found.append(
                    FieldProblem(
                        "weight",
                        RuleCode.dimension_minimum,
                        f"unit {ctx.unit.id}: scheme {ctx.scheme.code} gives {DIMENSIONS.label(dimension)} ({dimension}) at "
                        f"least {least:g}% of the weight; this list gives {share:g}%",
                        share,
                        row,
                    )
                )
    return found


def list_problems(items: Sequence[Item], ctx: ListContext) -> list[FieldProblem]:
    """Every rule the list breaks; an empty answer means it may be published."""
    first_row = min((i.row for i in items if i.row is not None), default=None)
    if not items:
        return [
            FieldProblem(
                "items",
                RuleCode.required,
                f"unit {ctx.unit.id}: a list has at least one indicator",
                None,
                first_row,
            )
        ]
    found: list[FieldProblem] = []
    seen: set[str] = set()
    known: list[Item] = []
    for item in items:
        ind = ctx.indicators.get(item.indicator_code)
        if ind is None:
            found.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.exists,
                    f"no indicator {item.indicator_code!r} in the library",
                    item.indicator_code,
                    item.row,
                )
            )
            continue
        if item.indicator_code in seen:
            found.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.unique_in_list,
                    f"{item.indicator_code} appears twice in the list of unit {ctx.unit.id}",
                    item.indicator_code,
                    item.row,
                )
            )
            continue
        seen.add(item.indicator_code)
        known.append(item)
        found.extend(_item_problems(item, ind, ctx))
    for common in ctx.commons:
        if common.indicator_code not in seen:
            found.append(
                FieldProblem(
                    "indicatorCode",
                    RuleCode.common_required,
                    f"common indicator {common.indicator_code} of category {ctx.unit.category} cannot be left out",
                    common.indicator_code,
                    first_row,
                )
            )
    found.extend(_weight_problems(known, ctx.indicators, ctx, first_row))
    return found


def snapshot_items(
    items: Sequence[Item], indicators: Mapping[str, Indicator]
) -> list[dict[str, Any]]:
    """The published form of each item: the indicator's definition as it is now, with weight and target."""
    return [
        {
            **indicators[i.indicator_code].snapshot(),
            "weight": i.weight,
            "target": i.target,
            "origin": i.origin,
        }
        for i in items
    ]


def items_of_snapshot(published: Sequence[dict[str, Any]]) -> list[Item]:
    """The items of a published version, to start a new draft from."""
    return [
        Item(i["indicator_code"], i["weight"], i["target"], i.get("origin", "individual"))
        for i in published
    ]
