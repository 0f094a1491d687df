"""Queries the city overview needs besides scores: interviews due and data completeness."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from services.common.graphql import roles
from services.scoring.adapters import overview_queries
from services.scoring.adapters import score_queries as queries
from services.scoring.domain.access import OVERSEERS
from services.scoring.service_layer.scoring import period_of


@strawberry.type(
    description="A supervisory interview monitoring called for (SupervisoryInterviewRequired), with "
    "the month's latest check of the indicator behind its trajectory."
)
class InterviewDue:
    period: str = strawberry.field(description="The month the indicator fell behind.")
    unit_id: strawberry.ID
    indicator_code: str
    event_id: strawberry.ID = strawberry.field(
        description="The SupervisoryInterviewRequired event that announced it."
    )
    announced_at: datetime
    actual: float | None
    planned: float | None
    shortfall: float | None
    list_version: int | None


@strawberry.type(
    description="How much of a unit's list had data for a scored period: items with at least one "
    "observation, out of the items of its list (a missing item is reported missing, never scored)."
)
class UnitCompleteness:
    unit_id: strawberry.ID
    unit_category: str
    items: int
    reported: int
    share: float = strawberry.field(description="reported / items, 0 to 1.")
    missing: list[str] = strawberry.field(description="Indicator codes without any observation.")


@strawberry.type
class OverviewQuery:
    @strawberry.field(
        extensions=roles(*OVERSEERS),
        description="Supervisory interviews called for in the months of a period (a year, a quarter "
        "or a month), latest month first, largest shortfall first.",
    )
    async def interviews_due(self, info: Info, period: str) -> list[InterviewDue]:
        months = period_of(period)
        async with queries.reading(info.context.platform) as conn:
            rows = await overview_queries.interviews_due(conn, months)
        return [
            InterviewDue(
                period=r["period"],
                unit_id=strawberry.ID(r["unit_id"]),
                indicator_code=r["indicator_code"],
                event_id=strawberry.ID(str(r["event_id"])),
                announced_at=r["announced_at"],
                actual=r["actual"],
                planned=r["planned"],
                shortfall=r["shortfall"],
                list_version=r["list_version"],
            )
            for r in rows
        ]

    @strawberry.field(
        extensions=roles(*OVERSEERS),
        description="Data completeness of each unit scored for the period (as of its latest scoring "
        "run), least complete first.",
    )
    async def data_completeness(
        self, info: Info, period: str, unit_category: str | None = None
    ) -> list[UnitCompleteness]:
        period_of(period)
        async with queries.reading(info.context.platform) as conn:
            rows = await overview_queries.completeness(conn, period, unit_category)
        return [
            UnitCompleteness(
                unit_id=strawberry.ID(r["unit_id"]),
                unit_category=r["unit_category"],
                items=r["items"],
                reported=r["reported"],
                share=round(r["reported"] / r["items"], 4),
                missing=list(r["missing"]),
            )
            for r in rows
        ]
