"""Monthly monitoring: indicators behind their target trajectory call the unit's leaders to a
supervisory interview, announced once per unit, indicator and month."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from schemas.events import SupervisoryInterviewRequired
from services.common.db import driver_connection
from services.common.errors import invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.adapters import result_repository as results
from services.scoring.adapters import run_input_repository as run_inputs
from services.scoring.domain.engine import ItemTable, ObservationTable, aggregate
from services.scoring.domain.monitoring import Trajectory, check_month
from services.scoring.service_layer.announcing import announce
from services.scoring.service_layer.records import current_settings
from services.scoring.service_layer.scoring import period_of
from services.scoring.service_layer.sessions import session_of

_COLUMNS = (
    "period",
    "unit_id",
    "indicator_code",
    "list_version",
    "actual",
    "planned",
    "shortfall",
    "behind",
    "observation_id",
    "observation_revision",
)


@dataclass(frozen=True)
class MonitoringSummary:
    period: str
    checked: int
    behind: int
    interviews: int


@dataclass(frozen=True)
class MonitoringCheck:
    """One item's month against its target trajectory, as stored in monitoring_checks."""

    unit_id: str
    indicator_code: str
    list_version: int
    actual: float
    planned: float
    shortfall: float
    behind: bool
    observation_id: int
    observation_revision: int

    def row(self, period: str) -> tuple[Any, ...]:
        return (
            period,
            self.unit_id,
            self.indicator_code,
            self.list_version,
            self.actual,
            self.planned,
            self.shortfall,
            self.behind,
            self.observation_id,
            self.observation_revision,
        )


def monitoring_checks(
    items: ItemTable,
    observations: ObservationTable,
    trajectory: Trajectory,
    unit_ids: Sequence[str],
    unit_versions: Sequence[int],
    codes: Sequence[str],
) -> list[MonitoringCheck]:
    """The checks of a month, named by unit and indicator, with the observation each one read."""
    checks = []
    for item, actual, planned, shortfall, behind, obs in zip(
        trajectory.item.tolist(),
        trajectory.actual.tolist(),
        trajectory.planned.tolist(),
        trajectory.shortfall.tolist(),
        trajectory.behind.tolist(),
        trajectory.observation.tolist(),
        strict=True,
    ):
        unit = int(items.unit[item])
        checks.append(
            MonitoringCheck(
                unit_id=unit_ids[unit],
                indicator_code=codes[int(items.indicator[item])],
                list_version=unit_versions[unit],
                actual=actual,
                planned=planned,
                shortfall=shortfall,
                behind=behind,
                observation_id=int(observations.observation_id[obs]),
                observation_revision=int(observations.revision[obs]),
            )
        )
    return checks


def interviews_due(
    period: str,
    candidates: Sequence[tuple[str, str, uuid.UUID]],
    behind: Sequence[MonitoringCheck],
    claimed: Collection[tuple[str, str]],
) -> list[tuple[SupervisoryInterviewRequired, str, uuid.UUID]]:
    """The interviews to announce: a check behind plan whose (unit, indicator) this run claimed for
    the month (one announced earlier is not announced again), keyed by unit, with its event id."""
    return [
        (
            SupervisoryInterviewRequired(
                unit_id=check.unit_id,
                indicator_code=check.indicator_code,
                period=period,
                actual=check.actual,
                planned=check.planned,
                shortfall=check.shortfall,
            ),
            check.unit_id,
            event_id,
        )
        for check, (_, _, event_id) in zip(behind, candidates, strict=True)
        if (check.unit_id, check.indicator_code) in claimed
    ]


async def run_monitoring(uow: UnitOfWork, period_text: str) -> MonitoringSummary:
    period = period_of(period_text)
    if period.shape != "monthly":
        raise invalid(
            "period",
            "monthly",
            "monitoring runs month by month: use a period like 2025-03",
            period.text,
        )
    conn = await driver_connection(session_of(uow))
    await results.lock_period(conn, period)
    settings = await current_settings(session_of(uow))
    units, builder, observations = await run_inputs.load_lists(
        conn, period, settings.cumulative_indicators
    )
    items, _ = builder.build()
    aggregates = aggregate(items, observations, period.last_month)
    trajectory = check_month(
        items, observations, aggregates, period.last_month, settings.monitoring_tolerance
    )
    checks = monitoring_checks(
        items, observations, trajectory, units.ids.values, units.version, builder.indicators.values
    )
    rows = [check.row(period.text) for check in checks]
    await conn.execute("DELETE FROM monitoring_checks WHERE period = $1", period.text)
    if rows:
        await conn.copy_records_to_table("monitoring_checks", records=rows, columns=_COLUMNS)
    behind = [check for check in checks if check.behind]
    candidates = [(check.unit_id, check.indicator_code, uuid.uuid4()) for check in behind]
    claimed = await announcements.claim_causes(
        conn, "SupervisoryInterviewRequired", period.text, candidates
    )
    events = interviews_due(period.text, candidates, behind, claimed)
    return MonitoringSummary(period.text, len(checks), len(behind), await announce(uow, events))
