"""Monthly monitoring: indicators behind their target trajectory call the unit's leaders to a
supervisory interview, announced once per unit, indicator and month; data due for the month and
not reported by the deadline are announced to their owner (ReportOverdue), once per unit, owner
and month."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import numpy as np

from schemas.events import ReportOverdue, SupervisoryInterviewRequired
from services.common.db import driver_connection
from services.common.errors import invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.adapters import result_repository as results
from services.scoring.adapters import run_input_repository as run_inputs
from services.scoring.adapters.run_input_repository import UnitRows
from services.scoring.domain.engine import (
    Aggregates,
    ItemTable,
    ObservationTable,
    aggregate,
    mandatory,
)
from services.scoring.domain.inputs import ItemTableBuilder
from services.scoring.domain.monitoring import (
    Trajectory,
    check_month,
    deadline_of,
    unreported_in_month,
)
from services.scoring.domain.periods import Period
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
    overdue: int = 0  # ReportOverdue newly announced


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


# Data reported every month; the others are due in their quarter or year.
MONTHLY = ("monthly", "daily")


async def _reporting(conn: asyncpg.Connection, year: int) -> dict[tuple[str, str], tuple[str, str]]:
    """(unit, indicator) -> (data owner, owner kind) of every item in force reported monthly."""
    rows = await conn.fetch(
        """SELECT li.unit_id, li.indicator_code, li.data_source, li.source_system
           FROM lists_in_force f JOIN list_items li USING (unit_id, year, version)
           WHERE f.year = $1 AND li.frequency = ANY($2::text[])""",
        year,
        list(MONTHLY),
    )
    return {
        (row["unit_id"], row["indicator_code"]): (
            (row["source_system"] or row["data_source"], "source_system")
            if row["data_source"] == "auto_feed"
            else (row["unit_id"], "unit")
        )
        for row in rows
    }


def overdue_reports(
    period: str,
    deadline: date,
    items: ItemTable,
    missing: np.ndarray,
    owners: dict[tuple[str, str], tuple[str, str]],
    unit_ids: Sequence[str],
    codes: Sequence[str],
) -> list[ReportOverdue]:
    """One event per unit and data owner, naming the overdue indicators (`missing`: items)."""
    binding = mandatory(items)
    grouped: dict[tuple[str, str, str], list[tuple[str, bool]]] = defaultdict(list)
    for item in missing.tolist():
        unit_id, code = unit_ids[int(items.unit[item])], codes[int(items.indicator[item])]
        owner, kind = owners[(unit_id, code)]
        grouped[(unit_id, owner, kind)].append((code, bool(binding[item])))
    return [
        ReportOverdue(
            unit_id=unit_id,
            period=period,
            deadline=deadline,
            data_owner=owner,
            owner_kind=kind,
            indicator_codes=tuple(sorted(code for code, _ in found)),
            mandatory_codes=tuple(sorted(code for code, binding in found if binding)),
        )
        for (unit_id, owner, kind), found in sorted(grouped.items())
    ]


async def _announce_overdue(
    uow: UnitOfWork,
    conn: asyncpg.Connection,
    period: Period,
    deadline_day: int,
    today: date,
    units: UnitRows,
    builder: ItemTableBuilder,
    items: ItemTable,
    observations: ObservationTable,
    aggregates: Aggregates,
) -> int:
    deadline = deadline_of(period.year, period.last_month, deadline_day)
    if today <= deadline:
        return 0
    owners = await _reporting(conn, period.year)
    unit_ids, codes = units.ids.values, builder.indicators.values
    due = np.array(
        [
            (unit_ids[u], codes[i]) in owners
            for u, i in zip(items.unit.tolist(), items.indicator.tolist(), strict=True)
        ],
        bool,
    )
    missing = unreported_in_month(items, observations, aggregates, period.last_month, due)
    reports = overdue_reports(period.text, deadline, items, missing, owners, unit_ids, codes)
    claimed = await announcements.claim_causes(
        conn,
        "ReportOverdue",
        period.text,
        [(report.unit_id, report.data_owner) for report in reports],
    )
    events = [
        (report, report.unit_id, claimed[(report.unit_id, report.data_owner)])
        for report in reports
        if (report.unit_id, report.data_owner) in claimed
    ]
    return await announce(uow, events)


async def run_monitoring(
    uow: UnitOfWork, period_text: str, today: date | None = None
) -> MonitoringSummary:
    """`today`: the day the deadline is judged against (now, unless a test says otherwise)."""
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
    interviews = await announce(uow, events)
    overdue = await _announce_overdue(
        uow,
        conn,
        period,
        settings.report_deadline_day,
        today or datetime.now(UTC).date(),
        units,
        builder,
        items,
        observations,
        aggregates,
    )
    return MonitoringSummary(period.text, len(checks), len(behind), interviews, overdue)
