"""Recording a cadre's own evidence for the portrait: the portfolio, tagged daily records and their
corrections, 360 ballots (in bulk), term results, and trainers' results from development.

Each record is stored with who recorded it, when, and the index of its ledger leaf. A 360 ballot
keeps its rater group and answers and nothing that names the rater.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
import sqlalchemy as sa

from schemas.envelope import Envelope
from schemas.events import TrainingResultRecorded
from services.common.db import driver_connection
from services.common.errors import FieldProblem, NotFound, ValidationFailed, invalid
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.domain.competency import CODE
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.portrait_context import RATER_GROUPS
from services.scoring.service_layer.records import DAILY_POINTS_LIMIT
from services.scoring.service_layer.sessions import session_of
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork

MAX_BALLOTS = 5000


@dataclass(frozen=True)
class Ballot:
    cadre_id: str
    year: int
    rater_group: str
    answers: dict[str, float]  # capability -> 0..100


async def in_transaction(uow: UnitOfWork) -> asyncpg.Connection:
    """The unit of work's asyncpg connection, inside its transaction: the driver begins the
    transaction only at the session's first statement, and without one each raw statement here
    would commit on its own."""
    session = session_of(uow)
    await session.execute(sa.text("SELECT 1"))
    return await driver_connection(session)


def _log(uow: UnitOfWork) -> Any:
    return SqlScoringUnitOfWork.within(uow).log


def _year_problem(field: str, year: int) -> FieldProblem | None:
    if not 2000 <= year <= 2100:
        return FieldProblem(field, "range", "must be between 2000 and 2100", year)
    return None


def _score_problem(
    field: str, value: float, low: float = 0.0, high: float = 100.0
) -> FieldProblem | None:
    if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
        return FieldProblem(field, "range", f"must be between {low:g} and {high:g}", value)
    return None


def _capability_problems(field: str, capabilities: Sequence[str]) -> list[FieldProblem]:
    problems = [
        FieldProblem(f"{field}[{i}]", "pattern", "lower-case letters, digits and _, 2-64", code)
        for i, code in enumerate(capabilities)
        if not CODE.match(code)
    ]
    if len(set(capabilities)) != len(capabilities):
        problems.append(
            FieldProblem(field, "distinct", "a capability appears twice", list(capabilities))
        )
    return problems


def _raise(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise ValidationFailed(found)


async def _known_cadres(conn: asyncpg.Connection, cadre_ids: Sequence[str]) -> set[str]:
    rows = await conn.fetch(
        "SELECT cadre_id FROM cadre_roster WHERE cadre_id = ANY($1::text[])", list(set(cadre_ids))
    )
    return {r["cadre_id"] for r in rows}


async def _require_cadre(conn: asyncpg.Connection, cadre_id: str, field: str = "cadreId") -> None:
    if cadre_id not in await _known_cadres(conn, [cadre_id]):
        raise invalid(field, "known_cadre", f"no cadre {cadre_id!r} is registered", cadre_id)


async def assign_portfolio(
    uow: UnitOfWork,
    cadre_id: str,
    year: int,
    dimensions: Sequence[tuple[str, float]],
    indicators: Sequence[tuple[str, float]],
    assigned_by: str,
) -> int:
    """Replaces the cadre's portfolio for the year; returns its ledger leaf index."""
    problems: list[FieldProblem | None] = [_year_problem("year", year)]
    for field, entries in (("dimensions", dimensions), ("indicators", indicators)):
        names = [name.strip() for name, _ in entries]
        if any(not n for n in names) or len(set(names)) != len(names):
            problems.append(
                FieldProblem(field, "distinct", "must be distinct and not blank", names)
            )
        for i, (_, share) in enumerate(entries):
            if not (math.isfinite(share) and 0 < share <= 1):
                problems.append(
                    FieldProblem(
                        f"{field}[{i}].share", "share", "must be above 0 and at most 1", share
                    )
                )
    _raise(problems)
    conn = await in_transaction(uow)
    await _require_cadre(conn, cadre_id)
    chosen = {name.strip(): share for name, share in dimensions}
    singled = {code.strip(): share for code, share in indicators}
    content = {
        "cadre_id": cadre_id,
        "year": year,
        "dimensions": chosen,
        "indicators": singled,
        "assigned_by": assigned_by,
    }
    leaf = await _log(uow).record(log_entries.PORTFOLIO, f"{cadre_id}/{year}", content)
    for table in ("cadre_areas", "portfolio_indicators"):
        await conn.execute(f"DELETE FROM {table} WHERE cadre_id = $1 AND year = $2", cadre_id, year)
    await conn.executemany(
        "INSERT INTO cadre_areas (cadre_id, year, dimension, share, assigned_by, leaf_index) VALUES ($1, $2, $3, $4, $5, $6)",
        [(cadre_id, year, d, s, assigned_by, leaf.index) for d, s in chosen.items()],
    )
    await conn.executemany(
        "INSERT INTO portfolio_indicators (cadre_id, year, indicator_code, share, assigned_by, leaf_index) VALUES ($1, $2, $3, $4, $5, $6)",
        [(cadre_id, year, c, s, assigned_by, leaf.index) for c, s in singled.items()],
    )
    return int(leaf.index)


async def tag_daily_record(
    uow: UnitOfWork, record_id: int, capabilities: Sequence[str], recorded_by: str
) -> int:
    """The capabilities a new daily record shows, with the record's ledger leaf."""
    _raise(list(_capability_problems("capabilities", capabilities)))
    conn = await in_transaction(uow)
    row = await conn.fetchrow("SELECT * FROM daily_records WHERE record_id = $1", record_id)
    content = {
        **_daily_content(row),
        "capabilities": list(capabilities),
        "recorded_by": recorded_by,
    }
    leaf = await _log(uow).record(log_entries.DAILY_RECORD, str(record_id), content)
    await conn.execute(
        "UPDATE daily_records SET capabilities = $2, leaf_index = $3 WHERE record_id = $1",
        record_id,
        list(capabilities),
        leaf.index,
    )
    return int(leaf.index)


def _daily_content(row: asyncpg.Record) -> dict[str, Any]:
    return {
        "record_id": row["record_id"],
        "cadre_id": row["cadre_id"],
        "occurred_on": row["occurred_on"].isoformat(),
        "kind": row["kind"],
        "points": row["points"],
        "description": row["description"],
    }


async def correct_daily_record(
    uow: UnitOfWork,
    record_id: int,
    points: float,
    capabilities: Sequence[str],
    reason: str,
    corrected_by: str,
) -> asyncpg.Record:
    """A corrected record replaces the old figures; the old and new are both in the ledger."""
    _raise(
        [
            _score_problem("points", points, -DAILY_POINTS_LIMIT, DAILY_POINTS_LIMIT),
            None if reason.strip() else FieldProblem("reason", "required", "say why", reason),
            *_capability_problems("capabilities", capabilities),
        ]
    )
    conn = await in_transaction(uow)
    row = await conn.fetchrow(
        "SELECT * FROM daily_records WHERE record_id = $1 FOR UPDATE", record_id
    )
    if row is None:
        raise NotFound(f"no daily record {record_id}")
    content = {
        **_daily_content(row),
        "was": {"points": row["points"], "capabilities": list(row["capabilities"])},
        "points": points,
        "capabilities": list(capabilities),
        "reason": reason.strip(),
        "corrected_by": corrected_by,
    }
    leaf = await _log(uow).record(log_entries.DAILY_RECORD, str(record_id), content)
    return await conn.fetchrow(
        """UPDATE daily_records SET points = $2, capabilities = $3, leaf_index = $4,
           corrected_by = $5, corrected_at = clock_timestamp() WHERE record_id = $1 RETURNING *""",
        record_id,
        points,
        list(capabilities),
        leaf.index,
        corrected_by,
    )


def _ballot_problems(ballots: Sequence[Ballot]) -> list[FieldProblem | None]:
    problems: list[FieldProblem | None] = []
    if not 1 <= len(ballots) <= MAX_BALLOTS:
        problems.append(
            FieldProblem("ballots", "max_items", f"1 to {MAX_BALLOTS} ballots a call", len(ballots))
        )
    for i, ballot in enumerate(ballots):
        at = f"ballots[{i}]"
        problems.append(_year_problem(f"{at}.year", ballot.year))
        if ballot.rater_group not in RATER_GROUPS:
            problems.append(
                FieldProblem(
                    f"{at}.raterGroup",
                    "one_of",
                    f"must be one of {', '.join(RATER_GROUPS)}",
                    ballot.rater_group,
                )
            )
        if not ballot.answers:
            problems.append(
                FieldProblem(f"{at}.answers", "required", "a ballot answers something", [])
            )
        problems += _capability_problems(f"{at}.answers", list(ballot.answers))
        for code, score in ballot.answers.items():
            problems.append(_score_problem(f"{at}.answers.{code}", score))
    return problems


async def record_ballots(uow: UnitOfWork, ballots: Sequence[Ballot], recorded_by: str) -> int:
    """Stores anonymous 360 ballots, one ledger leaf each; returns how many were stored."""
    _raise(_ballot_problems(ballots))
    conn = await in_transaction(uow)
    known = await _known_cadres(conn, [b.cadre_id for b in ballots])
    _raise(
        [
            FieldProblem(
                f"ballots[{i}].cadreId", "known_cadre", "no such cadre is registered", b.cadre_id
            )
            for i, b in enumerate(ballots)
            if b.cadre_id not in known
        ]
    )
    ids = [
        r["ballot_id"]
        for r in await conn.fetch(
            """INSERT INTO competence_ballots (cadre_id, year, rater_group, recorded_by)
               SELECT c, y, g, $4 FROM unnest($1::text[], $2::smallint[], $3::text[]) WITH ORDINALITY AS n(c, y, g, o)
               ORDER BY o RETURNING ballot_id""",
            [b.cadre_id for b in ballots],
            [b.year for b in ballots],
            [b.rater_group for b in ballots],
            recorded_by,
        )
    ]
    entries = [
        ledger.Entry(
            log_entries.COMPETENCE_BALLOT,
            str(ballot_id),
            {
                "ballot_id": ballot_id,
                "cadre_id": b.cadre_id,
                "year": b.year,
                "rater_group": b.rater_group,
                "answers": b.answers,
                "recorded_by": recorded_by,
            },
        )
        for ballot_id, b in zip(ids, ballots)
    ]
    appended = await _log(uow).record_many(entries)
    await conn.execute(
        """UPDATE competence_ballots b SET leaf_index = n.leaf FROM unnest($1::bigint[], $2::bigint[]) AS n(id, leaf)
           WHERE b.ballot_id = n.id""",
        ids,
        [appended.first_index + i for i in range(len(ids))],
    )
    await conn.copy_records_to_table(
        "competence_answers",
        records=[
            (ballot_id, code, b.cadre_id, b.year, b.rater_group, float(score))
            for ballot_id, b in zip(ids, ballots)
            for code, score in b.answers.items()
        ],
        columns=("ballot_id", "capability", "cadre_id", "year", "rater_group", "score"),
    )
    return len(ids)


async def record_term_result(
    uow: UnitOfWork,
    cadre_id: str,
    year: int,
    capability: str,
    score: float,
    description: str,
    recorded_by: str,
) -> int:
    _raise(
        [
            _year_problem("year", year),
            _score_problem("score", score),
            *_capability_problems("capability", [capability]),
            None
            if description.strip()
            else FieldProblem("description", "required", "say what was measured", description),
        ]
    )
    conn = await in_transaction(uow)
    await _require_cadre(conn, cadre_id)
    result_id = await conn.fetchval(
        """INSERT INTO term_results (cadre_id, year, capability, score, description, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING result_id""",
        cadre_id,
        year,
        capability,
        score,
        description.strip(),
        recorded_by,
    )
    content = {
        "result_id": result_id,
        "cadre_id": cadre_id,
        "year": year,
        "capability": capability,
        "score": score,
        "description": description.strip(),
        "recorded_by": recorded_by,
    }
    leaf = await _log(uow).record(log_entries.TERM_RESULT, str(result_id), content)
    await conn.execute(
        "UPDATE term_results SET leaf_index = $2 WHERE result_id = $1", result_id, leaf.index
    )
    return int(result_id)


async def training_result_recorded(
    uow: UnitOfWork, event: TrainingResultRecorded, envelope: Envelope
) -> None:
    """A trainer's result: a later result for the same enrolment replaces the earlier one."""
    conn = await in_transaction(uow)
    content = {**event.model_dump(mode="json"), "event_id": str(envelope.event_id)}
    leaf = await _log(uow).record(log_entries.TRAINING_RESULT, event.enrolment_id, content)
    await conn.execute(
        """INSERT INTO training_results (enrolment_id, cadre_id, programme_id, programme_kind, capability,
               result_score, passed, completed_on, trainer_id, leaf_index)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (enrolment_id) DO UPDATE SET cadre_id = excluded.cadre_id,
               programme_id = excluded.programme_id, programme_kind = excluded.programme_kind,
               capability = excluded.capability, result_score = excluded.result_score,
               passed = excluded.passed, completed_on = excluded.completed_on,
               trainer_id = excluded.trainer_id, leaf_index = excluded.leaf_index, recorded_at = now()""",
        event.enrolment_id,
        event.cadre_id,
        event.programme_id,
        event.programme_kind,
        event.capability,
        event.result_score,
        event.passed,
        event.completed_on,
        event.trainer_id,
        leaf.index,
    )
