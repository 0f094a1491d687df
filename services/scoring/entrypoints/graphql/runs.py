"""Mutations that score a period and run a month's monitoring."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.graphql import principal_of, roles
from services.scoring.domain.access import OVERSEERS
from services.scoring.service_layer.monitoring import run_monitoring
from services.scoring.service_layer.scoring import run_scoring


@strawberry.type
class ScoringRunSummary:
    run_id: strawberry.ID
    period: str
    observations: int
    units: int
    cadres: int
    events: int = strawberry.field(
        description="Events announced by this run (causes already announced are not repeated)."
    )
    seconds: float
    portrait_seconds: float = strawberry.field(
        description="Of `seconds`, the portrait's computation from the evidence already read."
    )


@strawberry.type
class MonitoringSummary:
    period: str
    checked: int
    behind: int
    interviews: int = strawberry.field(description="Supervisory interviews newly called for.")
    overdue: int = strawberry.field(
        description="ReportOverdue newly announced: units and data owners that missed the deadline."
    )


@strawberry.type
class RunMutation:
    @strawberry.mutation(
        extensions=roles(*OVERSEERS),
        description="Scores every unit and cadre for a period (2025, 2025-Q2, 2025-03) from the data stored now.",
    )
    async def run_scoring(self, info: Info, period: str) -> ScoringRunSummary:
        async with info.context.platform.unit_of_work() as uow:
            summary = await run_scoring(uow, period, principal_of(info).subject)
        return ScoringRunSummary(
            run_id=strawberry.ID(str(summary.run_id)),
            period=summary.period,
            observations=summary.observations,
            units=summary.units,
            cadres=summary.cadres,
            events=summary.events,
            seconds=summary.seconds,
            portrait_seconds=summary.portrait_seconds,
        )

    @strawberry.mutation(
        extensions=roles(*OVERSEERS),
        description="Checks a month's values against their trajectories.",
    )
    async def run_monitoring(self, info: Info, period: str) -> MonitoringSummary:
        async with info.context.platform.unit_of_work() as uow:
            summary = await run_monitoring(uow, period)
        return MonitoringSummary(
            period=summary.period,
            checked=summary.checked,
            behind=summary.behind,
            interviews=summary.interviews,
            overdue=summary.overdue,
        )
