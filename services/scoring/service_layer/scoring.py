"""Scoring a period: every unit with a list in force for its year, and their cadres, in one unit of work."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from services.common.db import driver_connection
from services.common.errors import invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters import result_repository as results
from services.scoring.adapters import run_input_repository as run_inputs
from services.scoring.domain.assessment import Assessment, assess
from services.scoring.domain.period_lists import ListEntry, UnitStanding, place
from services.scoring.domain.periods import Period, parse_period
from services.scoring.service_layer import (
    exemptions,
    log_entries,
    period_locks,
    portraits,
    rescoring,
    result_records,
)
from services.scoring.service_layer.announcing import announce, announce_cadre_results
from services.scoring.service_layer.anomaly_detection import detect_and_announce
from services.scoring.service_layer.records import current_settings
from services.scoring.service_layer.run_context import RunContext, build
from services.scoring.service_layer.sessions import session_of
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    period: str
    observations: int
    units: int
    cadres: int
    events: int
    seconds: float
    core_seconds: float
    portrait_seconds: float


def period_of(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as error:
        raise invalid("period", "period_format", str(error), text) from None


def _standings(
    context: RunContext, result: Assessment, contradicting: dict[str, list[str]]
) -> list[ListEntry]:
    failed: dict[str, list[str]] = defaultdict(list)
    unreported: dict[str, list[str]] = defaultdict(list)
    observed = result.item_scores.observed
    for item in np.flatnonzero(result.item_scores.failed).tolist():
        unit_id = context.unit_ids[int(context.inputs.items.unit[item])]
        (failed if observed[item] else unreported)[unit_id].append(context.item_codes[item])
    units, grades = result.units, result.unit_grading.grade
    entries = []
    for u in np.flatnonzero(units.scored).tolist():
        unit_id = context.unit_ids[u]
        standing = UnitStanding(
            unit_id=unit_id,
            grade=int(grades[u]),
            veto=bool(units.veto[u]),
            veto_excellence=bool(units.veto_excellence[u]),
            failed_red_lines=tuple(failed.get(unit_id, ())),
            contradictions=tuple(contradicting.get(unit_id, ())),
            unreported_red_lines=tuple(unreported.get(unit_id, ())),
        )
        if entry := place(standing):
            entries.append(entry)
    return entries


class _Phases:
    """How long each phase of a run took, for the log line operators read."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def done(self, phase: str) -> float:
        now = time.perf_counter()
        self.seconds[phase] = round(now - self.last, 3)
        self.last = now
        return self.seconds[phase]

    @property
    def total(self) -> float:
        return round(time.perf_counter() - self.started, 3)


async def run_scoring(uow: UnitOfWork, period_text: str, requested_by: str) -> RunSummary:
    """Scores the period again from what is stored now; the period's previous results are replaced."""
    phases = _Phases()
    period = period_of(period_text)
    conn = await driver_connection(session_of(uow))
    await results.lock_period(conn, period)
    await period_locks.guard_rescoring(SqlScoringUnitOfWork.within(uow), period.text)
    settings = await current_settings(session_of(uow))
    rows = await run_inputs.load(conn, period, settings.cumulative_indicators)
    if not len(rows.units.ids):
        raise invalid(
            "period",
            "has_lists",
            f"no unit has an indicator list in force for {period.year}",
            period.text,
        )
    approved = await exemptions.approved_in(session_of(uow), period.text)
    phases.done("read")
    context = build(period, rows, settings, approved)
    phases.done("arrays")
    result = assess(context.inputs, settings)
    core_seconds = phases.done("core")

    run_id = await results.start_run(conn, period, requested_by, settings.as_json())
    contradicting, events = await detect_and_announce(uow, context, result, settings, run_id)
    phases.done("anomalies")
    portrait = await portraits.compute(conn, context, result, settings)
    phases.done("portrait")
    records = {
        "unit_scores": result_records.unit_rows(
            context, result, run_id, settings.missing_mandatory == "block"
        ),
        "score_contributions": result_records.contribution_rows(context, result, run_id),
        "cadre_scores": result_records.cadre_rows(context, result, run_id),
        "capability_profiles": portraits.profile_rows(context, portrait, run_id),
        "portrait_evidence": portraits.evidence_rows(context, portrait),
        "period_lists": result_records.list_rows(
            context, _standings(context, result, contradicting), run_id
        ),
    }
    phases.done("rows")
    await results.replace_results(conn, period, records)
    await ledger.record_many(
        uow, log_entries.published_scores(period.text, results.RESULT_COLUMNS, records)
    )
    phases.done("write")
    events += await announce_cadre_results(uow, context, result)
    events += await announce(uow, await portraits.announce(conn, context, portrait, settings))
    phases.done("announce")
    summary = RunSummary(
        run_id=run_id,
        period=period.text,
        observations=len(rows.observations),
        units=len(records["unit_scores"]),
        cadres=len(records["cadre_scores"]),
        events=events,
        seconds=phases.total,
        core_seconds=core_seconds,
        portrait_seconds=portrait.seconds,
    )
    await results.finish_run(
        conn, run_id, summary.seconds, summary.observations, summary.units, summary.cadres, events
    )
    await rescoring.complete_for_period(uow, period.text, run_id)
    log.info(
        "period scored",
        extra={"period": period.text, "run_id": run_id, "events": events, **phases.seconds},
    )
    return summary
