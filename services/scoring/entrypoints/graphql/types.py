"""GraphQL types of the scoring subgraph: scores with their breakdowns, lists, anomalies, monitoring."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from services.common.personal_data import personal_data
from services.scoring.adapters import score_queries as queries

T = TypeVar("T")


def from_row(cls: type[T], row: sa.Row | Any, **extra: Any) -> T:
    """Builds a type from the row's columns of the same names (ids as strings)."""
    mapping = row._mapping if hasattr(row, "_mapping") else row
    values = {}
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        if field.name in extra:
            values[field.name] = extra[field.name]
        elif field.name in mapping:
            value = mapping[field.name]
            values[field.name] = (
                str(value) if field.name.endswith("_id") and value is not None else value
            )
    return cls(**values)


@strawberry.type(
    description="One indicator's part in a unit score: the rule applied, the value it was applied "
    "to and the observation revision that value came from, under a given list version."
)
class Contribution:
    indicator_code: str
    dimension: str
    kind: str
    rule: str
    aggregate: str = strawberry.field(description="How the period's observations made one value.")
    weight: float
    target: float | None
    value: float | None = strawberry.field(
        description="The aggregated value; null when nothing was observed."
    )
    fraction: float = strawberry.field(description="Share of the weight earned.")
    points: float
    deducted: float
    effect: str = strawberry.field(
        description="none, veto_excellence, veto, deduct, exempted (an approved exemption removed the "
        "deduction), missing_data (an unreported red line or veto: it fails, or blocks the result, as "
        "the settings say) or missing (any other unreported item: it earns and deducts nothing)."
    )
    observation_id: strawberry.ID | None = strawberry.field(
        description="The latest observation used."
    )
    observation_revision: int | None
    observations_used: int
    list_version: int
    exemption_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The approved fault-tolerance exemption that removed this item's deduction.",
    )

    @strawberry.field(
        description="reported, or not_reported when no observation of the period exists for it."
    )
    def status(self) -> str:
        return "reported" if self.observations_used > 0 else "not_reported"


@strawberry.type(
    description="A unit's score for a period: weighted sum minus deductions, blended with public "
    "satisfaction, graded within its category."
)
class UnitScore:
    unit_id: strawberry.ID
    period: str
    run_id: strawberry.ID
    list_version: int
    scheme_code: str | None
    unit_category: str
    weighted_sum: float
    deductions: float
    list_score: float
    satisfaction: float | None
    evaluations: int
    public_weight: float
    score: float
    red_lines_failed: int
    veto_excellence: bool
    veto: bool
    grade_by_threshold: str
    grade: str
    rank: int
    peer_group_size: int
    excellent_places: int
    completeness: float = strawberry.field(
        description="Share of the list's items reported for the period (0 to 1)."
    )
    missing_items: list[str] = strawberry.field(
        description="The indicators nobody reported for the period."
    )
    missing_mandatory: list[str] = strawberry.field(
        description="The unreported red lines and vetoes: finalising the result (locking its period) "
        "needs an assessor's waiver for each."
    )
    blocked: bool = strawberry.field(
        description="Under missingMandatory = block: the result has unreported red lines or vetoes "
        "and cannot be finalised until they are reported and the period scored again."
    )

    # Filled when the unit score is read as part of a cadre's breakdown (same connection, same request).
    preloaded: strawberry.Private[list | None] = None

    @strawberry.field(
        description="Every contribution, the rule applied and where its value came from."
    )
    async def breakdown(self, info: Info) -> list[Contribution]:
        rows = self.preloaded
        if rows is None:
            async with queries.reading(info.context.platform) as conn:
                rows = await queries.contributions(conn, self.unit_id, self.period)
        return [from_row(Contribution, row) for row in rows]


@strawberry.type(description="A part of a cadre's score, the weight it had and where it came from.")
class ScoreComponent:
    name: str
    score: float | None
    weight: float = strawberry.field(
        description="Effective weight: parts without data are left out and the rest scaled."
    )
    weighted: float
    source: str


@strawberry.type
class CapabilityScore:
    capability: str
    score: float
    peer_percentile: float
    peers: int
    peer_median: float | None = strawberry.field(
        description="Median score in this capability of the peers the percentile is taken among "
        "(the cadre's unit category and position level, scored cadres with a score in it)."
    )


@strawberry.type
class DailyRecord:
    record_id: strawberry.ID
    occurred_on: date
    kind: str
    points: float
    description: str
    recorded_by: str


@strawberry.type(
    description="A cadre's score for a period: annual (work, area in charge, own evaluation) fused "
    "with daily records and the term evaluation, graded and ranked within the peer group."
)
class CadreScore:
    cadre_id: strawberry.ID
    period: str
    run_id: strawberry.ID
    unit_id: strawberry.ID
    unit_category: str
    position_level: str
    work: float
    area: float
    own: float | None
    annual: float
    daily: float
    daily_points: float
    term: float | None
    total: float
    grade_by_threshold: str
    grade_cap: str
    grade: str
    rank: int
    peer_group_size: int
    excellent_places: int
    w_work: strawberry.Private[float]
    w_area: strawberry.Private[float]
    w_own: strawberry.Private[float]
    w_daily: strawberry.Private[float]
    w_annual: strawberry.Private[float]
    w_term: strawberry.Private[float]

    @strawberry.field
    def peer_group(self) -> str:
        return f"{self.unit_category}/{self.position_level}"

    @strawberry.field(
        description="Each part of the annual score and of the total, with its effective weight."
    )
    def components(self) -> list[ScoreComponent]:
        parts = [
            ("work", self.work, self.w_work, f"score of unit {self.unit_id} for {self.period}"),
            (
                "area",
                self.area,
                self.w_area,
                "points earned over weight available in the areas in charge",
            ),
            ("own", self.own, self.w_own, "own conduct and competence evaluation"),
            ("annual", self.annual, self.w_annual, "work + area + own, weighted"),
            (
                "daily",
                self.daily,
                self.w_daily,
                f"daily base plus {self.daily_points:g} points of daily records",
            ),
            ("term", self.term, self.w_term, "term evaluation"),
        ]
        return [
            ScoreComponent(
                name=name,
                score=score,
                weight=round(weight, 6),
                weighted=round((score or 0.0) * weight, 4),
                source=source,
            )
            for name, score, weight, source in parts
        ]

    # The rest of the breakdown, read once (one connection) by whichever of its fields is asked first.
    details: strawberry.Private[asyncio.Future | None] = None

    def _details(self, info: Info) -> asyncio.Future:
        if self.details is None:
            self.details = asyncio.ensure_future(
                queries.cadre_details(
                    info.context.platform, self.cadre_id, self.unit_id, self.period
                )
            )
        return self.details

    @strawberry.field(description="The unit score the work part comes from, with its breakdown.")
    async def unit_score(self, info: Info) -> UnitScore | None:
        details = await self._details(info)
        unit = details.unit_score
        return from_row(UnitScore, unit, preloaded=details.contributions) if unit else None

    @strawberry.field(extensions=personal_data("portrait"))
    async def capabilities(self, info: Info) -> list[CapabilityScore]:
        return [from_row(CapabilityScore, row) for row in (await self._details(info)).capabilities]

    @strawberry.field(
        description="The daily records the daily part counts (the year up to the period).",
        extensions=personal_data("evaluations"),
    )
    async def daily_records(self, info: Info) -> list[DailyRecord]:
        return [from_row(DailyRecord, row) for row in (await self._details(info)).daily_records]

    @strawberry.field
    async def areas_in_charge(self, info: Info) -> list[str]:
        return (await self._details(info)).areas_in_charge


@strawberry.type
class PeriodListEntry:
    period: str
    list_name: str = strawberry.field(description="red (examples) or black (under supervision).")
    unit_id: strawberry.ID
    reasons: list[str]


@strawberry.type
class Anomaly:
    anomaly_id: strawberry.ID
    period: str
    unit_id: strawberry.ID
    kind: str
    rule: str
    indicator_codes: list[str]
    detail: str
    score: float | None
    detected_at: datetime


@strawberry.type
class MonitoringCheck:
    period: str
    unit_id: strawberry.ID
    indicator_code: str
    list_version: int
    actual: float
    planned: float
    shortfall: float
    behind: bool
    observation_id: strawberry.ID
    observation_revision: int


@strawberry.type
class Observation:
    observation_id: strawberry.ID
    unit_id: strawberry.ID
    indicator_code: str
    period: str
    source: str
    revision: int
    value: float
    unit_of_measure: str
    list_version: int
    channel: str
    reported_by: str
    reported_at: datetime
    recorded_at: datetime


@strawberry.type
class ScoringRun:
    run_id: strawberry.ID
    period: str
    requested_by: str
    started_at: datetime
    seconds: float | None
    observations: int | None
    units: int | None
    cadres: int | None
    events: int | None
