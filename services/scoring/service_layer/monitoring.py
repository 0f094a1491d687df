"""Monthly monitoring: indicators behind their target trajectory call the unit's leaders to a
supervisory interview, announced once per unit, indicator and month."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from schemas.events import SupervisoryInterviewRequired
from services.common.db import driver_connection
from services.common.errors import invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.adapters import result_repository as results
from services.scoring.adapters import run_input_repository as run_inputs
from services.scoring.domain.engine import aggregate
from services.scoring.domain.monitoring import check_month
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
    codes = builder.indicators.values
    unit_ids = units.ids.values
    rows = []
    for item, actual, planned, shortfall, behind, obs in zip(
        trajectory.item.tolist(),
        trajectory.actual.tolist(),
        trajectory.planned.tolist(),
        trajectory.shortfall.tolist(),
        trajectory.behind.tolist(),
        trajectory.observation.tolist(),
    ):
        unit = int(items.unit[item])
        rows.append(
            (
                period.text,
                unit_ids[unit],
                codes[int(items.indicator[item])],
                units.version[unit],
                actual,
                planned,
                shortfall,
                behind,
                int(observations.observation_id[obs]),
                int(observations.revision[obs]),
            )
        )
    await conn.execute("DELETE FROM monitoring_checks WHERE period = $1", period.text)
    if rows:
        await conn.copy_records_to_table("monitoring_checks", records=rows, columns=_COLUMNS)
    behind = [row for row in rows if row[7]]
    candidates = [(row[1], row[2], uuid.uuid4()) for row in behind]
    claimed = await announcements.claim_causes(
        conn, "SupervisoryInterviewRequired", period.text, candidates
    )
    events = [
        (
            SupervisoryInterviewRequired(
                unit_id=row[1],
                indicator_code=row[2],
                period=period.text,
                actual=row[4],
                planned=row[5],
                shortfall=row[6],
            ),
            row[1],
            event_id,
        )
        for row, (_, _, event_id) in zip(behind, candidates)
        if (row[1], row[2]) in claimed
    ]
    return MonitoringSummary(period.text, len(rows), len(behind), await announce(uow, events))
