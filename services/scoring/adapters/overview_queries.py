"""Reads for the city overview: the supervisory interviews announced and how complete units' data are."""

from __future__ import annotations

import asyncpg

from services.scoring.domain.periods import Period, month_period

INTERVIEW = "SupervisoryInterviewRequired"


async def interviews_due(conn: asyncpg.Connection, period: Period) -> list[asyncpg.Record]:
    """The interviews announced for the months of the period, each with the month's latest check
    (the check the announcement came from, or a later run's of the same month)."""
    months = [
        month_period(period.year, m) for m in range(period.first_month, period.last_month + 1)
    ]
    return await conn.fetch(
        """SELECT e.period, e.subject_id AS unit_id, e.cause AS indicator_code, e.event_id,
                  e.emitted_at AS announced_at, m.actual, m.planned, m.shortfall, m.list_version
           FROM emitted_causes e
           LEFT JOIN monitoring_checks m
             ON m.period = e.period AND m.unit_id = e.subject_id AND m.indicator_code = e.cause
           WHERE e.event_type = $1 AND e.period = ANY($2::text[])
           ORDER BY e.period DESC, m.shortfall DESC NULLS LAST, e.subject_id, e.cause""",
        INTERVIEW,
        months,
    )


async def completeness(
    conn: asyncpg.Connection, period: str, unit_category: str | None
) -> list[asyncpg.Record]:
    """Per unit scored for the period: the items of its list and those that had an observation."""
    return await conn.fetch(
        """SELECT c.unit_id, s.unit_category, count(*)::int AS items,
                  count(*) FILTER (WHERE c.observations_used > 0)::int AS reported,
                  coalesce(array_agg(c.indicator_code ORDER BY c.indicator_code)
                           FILTER (WHERE c.observations_used = 0), '{}') AS missing
           FROM score_contributions c
           JOIN unit_scores s ON s.period = c.period AND s.unit_id = c.unit_id
           WHERE c.period = $1 AND ($2::text IS NULL OR s.unit_category = $2)
           GROUP BY c.unit_id, s.unit_category
           ORDER BY count(*) FILTER (WHERE c.observations_used > 0)::float / count(*), c.unit_id""",
        period,
        unit_category,
    )
