"""Observations and the checks they pass against the unit's list version in force.

An observation is identified by (unit, indicator, period, source); sending it again makes a new
revision. Every channel checks the same rules; only who may report what differs by channel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from services.common.errors import FieldProblem
from services.scoring.domain.periods import SHAPES_BY_FREQUENCY, Period, parse_period
from services.scoring.domain.rules import ItemSpec

# How an observation arrived; the feed carries system data, the others are reported by people.
FEED = "feed"
REPORTED_CHANNELS = ("graphql", "upload")
# Where a person's report says it came from, when it names no source of its own.
REPORTED_SOURCE = "unit_report"


@dataclass(frozen=True)
class ObservationInput:
    unit_id: str
    indicator_code: str
    period: str
    value: float
    unit_of_measure: str
    source: str = REPORTED_SOURCE


@dataclass(frozen=True)
class ListInForce:
    """The version of one unit's list for one year that observations are checked and scored against."""

    unit_id: str
    year: int
    version: int
    items: dict[str, ItemSpec]
    series: dict[str, int] = field(default_factory=dict)  # indicator code -> series key


@dataclass(frozen=True)
class Accepted:
    observation: ObservationInput
    period: Period
    version: int
    series_key: int


def check_observation(
    observation: ObservationInput,
    channel: str,
    listing: ListInForce | None,
    years_with_lists: tuple[int, ...],
    row: int | None = None,
) -> Accepted | list[FieldProblem]:
    """The observation ready to store, or every rule it breaks."""

    def problem(field_name: str, rule: str, message: str, value: Any) -> list[FieldProblem]:
        return [FieldProblem(field_name, rule, message, value, row)]

    try:
        period = parse_period(observation.period)
    except ValueError as error:
        return problem("period", "period_format", str(error), observation.period)
    unit, code = observation.unit_id, observation.indicator_code
    if not years_with_lists:
        return problem(
            "unitId", "known_unit", f"no indicator list has been published for unit {unit!r}", unit
        )
    if listing is None:
        years = ", ".join(str(y) for y in years_with_lists)
        return problem(
            "period",
            "known_period",
            f"unit {unit!r} has no list for {period.year} (lists for: {years})",
            observation.period,
        )
    item = listing.items.get(code)
    if item is None:
        return problem(
            "indicatorCode",
            "in_list",
            f"indicator {code!r} is not on the {period.year} list of unit {unit!r} (version {listing.version})",
            code,
        )
    problems = _item_problems(observation, channel, item, period, row)
    if problems:
        return problems
    return Accepted(observation, period, listing.version, listing.series[code])


def _item_problems(
    observation: ObservationInput, channel: str, item: ItemSpec, period: Period, row: int | None
) -> list[FieldProblem]:
    code, value = item.indicator_code, observation.value
    found: list[FieldProblem] = []

    def add(field_name: str, rule: str, message: str, offending: Any) -> None:
        found.append(FieldProblem(field_name, rule, message, offending, row))

    if channel == FEED and item.data_source != "auto_feed":
        add(
            "indicatorCode",
            "auto_feed",
            f"indicator {code!r} is not an automatic feed (data source: {item.data_source})",
            code,
        )
    if channel != FEED and item.data_source == "auto_feed":
        system = item.source_system or "a government data system"
        add(
            "indicatorCode",
            "not_auto_feed",
            f"indicator {code!r} is fed automatically by {system}; it is not reported by hand",
            code,
        )
    if channel == FEED and item.source_system and observation.source != item.source_system:
        add(
            "sourceSystem",
            "matches_list",
            f"indicator {code!r} is fed by {item.source_system!r}",
            observation.source,
        )
    shapes = SHAPES_BY_FREQUENCY.get(item.frequency, ("annual", "quarterly", "monthly"))
    if period.shape not in shapes:
        example = {
            "monthly": f"{period.year}-03",
            "quarterly": f"{period.year}-Q1",
            "annual": str(period.year),
        }[shapes[0]]
        add(
            "period",
            "frequency",
            f"indicator {code!r} is reported {item.frequency}: use a period like {example}",
            observation.period,
        )
    if observation.unit_of_measure.strip() != item.unit_of_measure.strip():
        add(
            "unitOfMeasure",
            "matches_list",
            f"indicator {code!r} is measured in {item.unit_of_measure!r}",
            observation.unit_of_measure,
        )
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        add("value", "finite", "must be a finite number", value)
        return found
    # Incidents are counted: a negative count is a mistake even when the list sets no minimum.
    counted = item.kind in ("deduction", "veto_excellence", "veto")
    low = item.min_value if item.min_value is not None else (0.0 if counted else None)
    if low is not None and value < low:
        add("value", "range", f"must be at least {low:g} for indicator {code!r}", value)
    if item.max_value is not None and value > item.max_value:
        add("value", "range", f"must be at most {item.max_value:g} for indicator {code!r}", value)
    return found
