"""Finds a run's anomalies, keeps the new ones on their units and announces them once."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from schemas.events import AnomalyDetected
from services.common.db import driver_connection
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.domain.anomalies import contradictions, outliers
from services.scoring.domain.assessment import Assessment
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.announcing import announce
from services.scoring.service_layer.run_context import RunContext
from services.scoring.service_layer.sessions import session_of

OUTLIER_RULE = "robust_z_score"


async def _outlier_rows(
    conn: Any, context: RunContext, result: Assessment, settings: AssessmentSettings
) -> list[tuple[Any, ...]]:
    items, observations = context.inputs.items, context.inputs.observations
    found = outliers(
        items, observations, result.aggregates, settings.outlier_z, settings.outlier_min_units
    )
    if not len(found.observation):
        return []
    ids = observations.observation_id[found.observation].tolist()
    periods = dict(
        await conn.fetch(
            "SELECT observation_id, period FROM observations WHERE observation_id = ANY($1::bigint[])",
            ids,
        )
    )
    rows = []
    for i, obs_id in enumerate(ids):
        item = int(found.item[i])
        code = context.item_codes[item]
        value = float(observations.value[found.observation[i]])
        compared = "as a share of each unit's goal " if found.scaled[i] else ""
        detail = (
            f"{code} = {value:g} (observation {obs_id} revision {int(observations.revision[found.observation[i]])}); "
            f"compared {compared}with the units reporting it: median {found.median[i]:.4g}, MAD {found.mad[i]:.4g}, "
            f"z = {found.z[i]:g}"
        )
        rows.append(
            (
                periods[obs_id],
                context.unit_ids[int(items.unit[item])],
                "outlier",
                OUTLIER_RULE,
                code,
                detail,
                float(found.z[i]),
            )
        )
    return rows


def _contradiction_rows(
    context: RunContext, result: Assessment, settings: AssessmentSettings
) -> list[tuple[Any, ...]]:
    items, aggregates = context.inputs.items, result.aggregates
    numbering = context.rows.items.indicators
    rows = []
    for rule in settings.contradictions:
        spending, satisfaction = (
            numbering.get(rule.spending_indicator),
            numbering.get(rule.satisfaction_indicator),
        )
        if spending < 0 or satisfaction < 0:
            continue
        found = contradictions(items, aggregates, len(context.unit_ids), spending, satisfaction)
        for unit, spend, sat in zip(
            found.unit.tolist(), found.spending_item.tolist(), found.satisfaction_item.tolist()
        ):
            detail = (
                f"{rule.spending_indicator} = {aggregates.value[spend]:g} is over its budget {items.goal()[spend]:g} "
                f"while {rule.satisfaction_indicator} fell from {aggregates.previous[sat]:g} to {aggregates.last[sat]:g}"
            )
            codes = f"{rule.spending_indicator},{rule.satisfaction_indicator}"
            rows.append(
                (
                    context.period.text,
                    context.unit_ids[unit],
                    "contradiction",
                    rule.name,
                    codes,
                    detail,
                    None,
                )
            )
    return rows


async def detect_and_announce(
    uow: UnitOfWork,
    context: RunContext,
    result: Assessment,
    settings: AssessmentSettings,
    run_id: int,
) -> tuple[dict[str, list[str]], int]:
    """The contradiction rules broken per unit (for the black list), and how many events went out."""
    conn = await driver_connection(session_of(uow))
    contradicting = _contradiction_rows(context, result, settings)
    found = await _outlier_rows(conn, context, result, settings) + contradicting
    new = await announcements.claim_anomalies(conn, run_id, found)
    events = [
        (
            AnomalyDetected(
                unit_id=row["unit_id"],
                period=row["period"],
                kind=row["kind"],
                rule=row["rule"],
                indicator_codes=tuple(row["indicator_codes"]),
                detail=row["detail"],
                score=row["score"],
            ),
            row["unit_id"],
            None,
        )
        for row in new
    ]
    by_unit: dict[str, list[str]] = defaultdict(list)
    for row in contradicting:
        by_unit[row[1]].append(row[3])
    return dict(by_unit), await announce(uow, events)
