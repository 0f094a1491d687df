"""Reads for the GraphQL subgraph: scores and their breakdowns, lists, anomalies, monitoring, observations."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.scoring.adapters.tables import (
    anomalies,
    cadre_areas,
    cadre_roster,
    cadre_scores,
    capability_profiles,
    daily_records,
    monitoring_checks,
    observations,
    period_lists,
    score_contributions,
    scoring_runs,
    series,
    unit_scores,
)


async def _rows(session: AsyncSession, query) -> list[sa.Row]:
    return list(await session.execute(query))


async def _first(session: AsyncSession, query) -> sa.Row | None:
    return (await session.execute(query)).first()


async def cadre_unit(session: AsyncSession, cadre_id: str) -> str | None:
    return (await session.execute(sa.select(cadre_roster.c.unit_id).where(cadre_roster.c.cadre_id == cadre_id))).scalar()


async def unit_score(session: AsyncSession, unit_id: str, period: str) -> sa.Row | None:
    return await _first(session, sa.select(unit_scores).where(unit_scores.c.unit_id == unit_id, unit_scores.c.period == period))


async def unit_scores_of(
    session: AsyncSession, period: str, unit_category: str | None, limit: int, offset: int
) -> list[sa.Row]:
    query = sa.select(unit_scores).where(unit_scores.c.period == period)
    if unit_category:
        query = query.where(unit_scores.c.unit_category == unit_category)
    order = (unit_scores.c.unit_category, unit_scores.c.rank, unit_scores.c.unit_id)
    return await _rows(session, query.order_by(*order).limit(limit).offset(offset))


async def contributions(session: AsyncSession, unit_id: str, period: str) -> list[sa.Row]:
    query = (
        sa.select(score_contributions)
        .where(score_contributions.c.unit_id == unit_id, score_contributions.c.period == period)
        .order_by(score_contributions.c.dimension, score_contributions.c.indicator_code)
    )
    return await _rows(session, query)


async def cadre_score(session: AsyncSession, cadre_id: str, period: str) -> sa.Row | None:
    return await _first(
        session, sa.select(cadre_scores).where(cadre_scores.c.cadre_id == cadre_id, cadre_scores.c.period == period)
    )


async def cadre_score_history(session: AsyncSession, cadre_id: str) -> list[sa.Row]:
    query = sa.select(cadre_scores).where(cadre_scores.c.cadre_id == cadre_id).order_by(cadre_scores.c.period)
    return await _rows(session, query)


async def rankings(
    session: AsyncSession, period: str, unit_category: str | None, position_level: str | None, limit: int, offset: int
) -> list[sa.Row]:
    query = sa.select(cadre_scores).where(cadre_scores.c.period == period)
    if unit_category:
        query = query.where(cadre_scores.c.unit_category == unit_category)
    if position_level:
        query = query.where(cadre_scores.c.position_level == position_level)
    order = (cadre_scores.c.unit_category, cadre_scores.c.position_level, cadre_scores.c.rank, cadre_scores.c.cadre_id)
    return await _rows(session, query.order_by(*order).limit(limit).offset(offset))


async def capabilities(session: AsyncSession, cadre_id: str, period: str) -> list[dict]:
    """The cadre's capability scores for the period, one dict per capability."""
    row = await _first(session, sa.select(capability_profiles).where(
        capability_profiles.c.cadre_id == cadre_id, capability_profiles.c.period == period
    ))
    if row is None:
        return []
    return [
        {"capability": name, "score": score, "peer_percentile": percentile, "peers": peers}
        for name, score, percentile, peers in zip(row.capabilities, row.scores, row.peer_percentiles, row.peers)
    ]


async def daily_records_between(session: AsyncSession, cadre_id: str, first: date, after: date) -> list[sa.Row]:
    query = (
        sa.select(daily_records)
        .where(daily_records.c.cadre_id == cadre_id, daily_records.c.occurred_on >= first, daily_records.c.occurred_on < after)
        .order_by(daily_records.c.occurred_on, daily_records.c.record_id)
    )
    return await _rows(session, query)


async def areas_in_charge(session: AsyncSession, cadre_id: str, year: int) -> list[str]:
    query = sa.select(cadre_areas.c.dimension).where(cadre_areas.c.cadre_id == cadre_id, cadre_areas.c.year == year)
    return list((await session.execute(query.order_by(cadre_areas.c.dimension))).scalars())


async def lists_of(session: AsyncSession, period: str, list_name: str | None) -> list[sa.Row]:
    query = sa.select(period_lists).where(period_lists.c.period == period)
    if list_name:
        query = query.where(period_lists.c.list_name == list_name)
    return await _rows(session, query.order_by(period_lists.c.list_name, period_lists.c.unit_id))


async def anomalies_of(session: AsyncSession, unit_id: str | None, period: str | None, limit: int) -> list[sa.Row]:
    query = sa.select(anomalies)
    if unit_id:
        query = query.where(anomalies.c.unit_id == unit_id)
    if period:
        query = query.where(anomalies.c.period == period)
    return await _rows(session, query.order_by(anomalies.c.anomaly_id.desc()).limit(limit))


async def monitoring_of(session: AsyncSession, unit_id: str, period: str) -> list[sa.Row]:
    query = (
        sa.select(monitoring_checks)
        .where(monitoring_checks.c.unit_id == unit_id, monitoring_checks.c.period == period)
        .order_by(monitoring_checks.c.indicator_code)
    )
    return await _rows(session, query)


def _observation_columns():
    return (
        observations.c.observation_id, series.c.unit_id, series.c.indicator_code, observations.c.period,
        observations.c.source, observations.c.revision, observations.c.value, observations.c.unit_of_measure,
        observations.c.list_version, observations.c.channel, observations.c.reported_by,
        observations.c.reported_at, observations.c.recorded_at,
    )


async def latest_observations(
    session: AsyncSession, unit_id: str, period: str | None, indicator_code: str | None, limit: int
) -> list[sa.Row]:
    """The newest revision of each (indicator, period, source) of a unit."""
    query = (
        sa.select(*_observation_columns())
        .join(series, series.c.series_key == observations.c.series_key)
        .where(series.c.unit_id == unit_id)
        .distinct(observations.c.series_key, observations.c.period, observations.c.source)
        .order_by(observations.c.series_key, observations.c.period, observations.c.source, observations.c.revision.desc())
    )
    if period:
        query = query.where(observations.c.period == period)
    if indicator_code:
        query = query.where(series.c.indicator_code == indicator_code)
    return await _rows(session, query.limit(limit))


async def observation_history(
    session: AsyncSession, unit_id: str, indicator_code: str, period: str, source: str | None
) -> list[sa.Row]:
    query = (
        sa.select(*_observation_columns())
        .join(series, series.c.series_key == observations.c.series_key)
        .where(series.c.unit_id == unit_id, series.c.indicator_code == indicator_code, observations.c.period == period)
        .order_by(observations.c.source, observations.c.revision)
    )
    if source:
        query = query.where(observations.c.source == source)
    return await _rows(session, query)


async def runs(session: AsyncSession, limit: int) -> list[sa.Row]:
    return await _rows(session, sa.select(scoring_runs).order_by(scoring_runs.c.run_id.desc()).limit(limit))
