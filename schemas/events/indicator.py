"""Events published by the indicator service."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas import topics
from schemas.envelope import EventPayload
from schemas.events.common import Capability, Identifier, PositionLevel


class UnitRegistered(EventPayload):
    topic = topics.UNITS

    unit_id: Identifier
    name: str = Field(min_length=1)
    district: str | None = None
    parent_unit_id: Identifier | None = None
    category: str = Field(min_length=1)
    temporary: bool = False


class CadreRegistered(EventPayload):
    """A cadre and the position held: the unit and the level within it."""

    topic = topics.UNITS

    cadre_id: Identifier
    name: str = Field(min_length=1)
    unit_id: Identifier
    unit_category: str = Field(min_length=1)
    position_level: PositionLevel


# Which rule shape (see ListItem) an indicator of each kind is scored by.
RULES_BY_KIND: dict[str, tuple[str, ...]] = {
    "scored": ("target_attainment", "threshold_bands", "pass_fail"),
    "red_line": ("pass_fail",),
    "deduction": ("per_incident",),
    "veto_excellence": ("pass_fail",),
    "veto": ("pass_fail",),
}


class ListItem(BaseModel):
    """One indicator of a published list, as scoring needs it to score.

    `weight` is non-zero only for `kind="scored"`; red lines, deductions and vetoes carry none.
    `rule` is one of these shapes (numbers are in the indicator's `unit_of_measure`, and "meets"
    means at least for higher_is_better and at most for lower_is_better):
    - {"type": "target_attainment", "cap": 1.2}: attainment = actual vs `target` by direction,
      capped at `cap` (a scored indicator then has a target);
    - {"type": "threshold_bands", "bands": [{"bound": 95, "score": 100}, {"bound": 90, "score": 80}]}:
      the first band (best first) whose bound the value meets gives the share of the weight in
      percent; none met gives 0;
    - {"type": "pass_fail", "threshold": 95}: passed when the value meets the threshold; for a
      red line a failure is a breach, for `veto_excellence` it bars the grade excellent, for
      `veto` it removes eligibility for any merit rating;
    - {"type": "per_incident", "points": 2, "max_points": 10}: a deduction of `points` per
      incident, at most `max_points` (None: no cap) per period.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator_code: Identifier
    name: str
    dimension: str
    kind: Literal["scored", "red_line", "deduction", "veto_excellence", "veto"]
    direction: Literal["higher_is_better", "lower_is_better"]
    unit_of_measure: str
    weight: float = Field(ge=0, le=100)
    target: float | None = None
    rule: dict[str, Any] = Field(default_factory=dict)
    data_source: Literal["auto_feed", "manual_report", "survey", "third_party"]
    source_system: str | None = None
    frequency: Literal["daily", "monthly", "quarterly", "annual"]
    capability_tags: tuple[Capability, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    # Added fields, each with a default, so earlier events still validate.
    origin: Literal["common", "individual"] = "individual"
    on_site_check: bool = False
    assessed_at_year_end: bool = True


class IndicatorListPublished(EventPayload):
    """A unit's list version is in force from `effective_from`; scoring scores against it."""

    topic = topics.INDICATOR_LISTS

    list_id: Identifier
    unit_id: Identifier
    unit_category: str
    scheme_code: str | None = None
    year: int = Field(ge=2000, le=2100)
    version: int = Field(ge=1)
    effective_from: date
    effective_to: date | None = None
    supersedes_version: int | None = None
    items: tuple[ListItem, ...]
    unit_temporary: bool = False
