"""Locked periods, and the guard scoring's handlers call before changing what a locked period holds.

Locking a period makes its results final, so it is refused while a result lacks mandatory data
that no assessor waived (services.scoring.domain.waivers).

A change to a locked period goes through only when the parties have authorised exactly that change
(`approvals.authorise`, M of N signatures): the guard finds the authorisation by record and
content, uses it once, and the change itself is then recorded as new leaves like any other.
Nothing is unlocked and nothing is edited in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from services.common.auth import Principal
from services.common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from services.scoring.domain.cases import period_problem, require, text_problem
from services.scoring.ledger import canonical_json
from services.scoring.service_layer import approvals, waivers
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork

OBSERVATION, SCORE, UNLOCK = "observation", "score", "period_unlock"
PERIOD_LOCK = "period_lock"


def observation_change(
    unit_id: str, indicator_code: str, period: str, value: float, unit_of_measure: str
) -> tuple[str, dict[str, Any]]:
    """The record id and content under which the parties sign a change of one observed value."""
    return f"{unit_id}/{indicator_code}/{period}", {
        "value": value,
        "unit_of_measure": unit_of_measure,
    }


def rescoring_change(period: str) -> tuple[str, dict[str, Any]]:
    """The record id and content under which the parties sign a new scoring run of a locked period."""
    return f"period/{period}", {"rescore": period}


def unlock_change(period: str) -> tuple[str, dict[str, Any]]:
    """The record id and content under which the parties sign the lifting of a lock."""
    return f"unlock/{period}", {"unlock": period}


async def lock_period(uow: ScoringUnitOfWork, period: str, reason: str, by: Principal) -> datetime:
    require(period_problem(period), text_problem("reason", reason))
    if await uow.period_locks.has_own_lock(period):
        raise Conflict(f"period {period} is already locked")
    # Locking makes the period's results final: none may stand on silence unless an assessor said so.
    await waivers.require_final_results(uow, period)
    at = datetime.now(UTC)
    leaf = await uow.log.record(
        PERIOD_LOCK,
        period,
        {
            "event": "locked",
            "period": period,
            "reason": reason.strip(),
            "by": by.subject,
            "role": by.role.value,
            "at": at,
        },
    )
    await uow.period_locks.add(period, reason.strip(), by.subject, by.role.value, at, leaf.index)
    return at


async def unlock_period(uow: ScoringUnitOfWork, period: str, by: Principal) -> None:
    """Lifts the lock on exactly this period, when the parties authorised it (policy `period_unlock`)."""
    require(period_problem(period))
    if not await uow.period_locks.has_own_lock(period):
        held = (await locked_periods(uow, [period])).get(period)
        where = f"; it is held by the lock on {held}" if held else ""
        raise NotFound(f"period {period} has no lock of its own{where}")
    record_id, content = unlock_change(period)
    await guard(uow, UNLOCK, [(record_id, period, content)])
    await uow.period_locks.remove(period)
    await uow.log.record(
        PERIOD_LOCK,
        period,
        {
            "event": "unlocked",
            "period": period,
            "by": by.subject,
            "role": by.role.value,
            "at": datetime.now(UTC),
        },
    )


async def locked_periods(uow: ScoringUnitOfWork, periods: Iterable[str]) -> dict[str, str]:
    """Which of these periods are locked, and by the lock on which period (itself, its quarter or year)."""
    return await uow.period_locks.covering(periods)


async def refusal_reasons(uow: ScoringUnitOfWork, periods: Iterable[str]) -> dict[str, str]:
    """Why data for these periods cannot be taken as they come (the automatic feed has no signatures)."""
    return {
        period: f"period {period} is locked (lock on {lock}); a change needs an authorisation signed by the parties"
        for period, lock in (await locked_periods(uow, periods)).items()
    }


async def guard(
    uow: ScoringUnitOfWork, change_kind: str, changes: list[tuple[str, str, dict[str, Any]]]
) -> list[int]:
    """Lets changes (record id, period, new content) through: freely where the period is open, and in a
    locked period only with an unused authorisation of exactly that change, which it uses up.

    Refuses them all, naming each, when one has no authorisation; returns the leaves of those used.
    """
    locks = await locked_periods(uow, {period for _, period, _ in changes})
    held = [
        (record_id, period, content) for record_id, period, content in changes if period in locks
    ]
    if not held:
        return []
    candidates = await uow.approvals.unused_authorisations(change_kind, {c[0] for c in held})
    available = {row.id: (row.record_id, canonical_json(row.content)) for row in candidates}
    chosen, problems = [], []
    for record_id, period, content in held:
        match = next(
            (
                i
                for i, wanted in available.items()
                if wanted == (record_id, canonical_json(content))
            ),
            None,
        )
        if match is None:
            problems.append(
                FieldProblem(
                    "period",
                    "locked",
                    f"period {period} is locked (lock on {locks[period]}): this change of {change_kind} {record_id} "
                    "needs an authorisation signed by the parties (authoriseLockedChange) for exactly this content",
                    record_id,
                )
            )
            continue
        del available[match]
        chosen.append((match, record_id, content))
    if problems:
        raise ValidationFailed(problems)
    return [
        await approvals.apply(uow, authorisation_id, change_kind, record_id, content)
        for authorisation_id, record_id, content in chosen
    ]


async def guard_observations(uow: ScoringUnitOfWork, observations: Iterable[Any]) -> list[int]:
    """`guard` for observed values (anything with unit_id, indicator_code, period, value, unit_of_measure)."""
    changes = []
    for item in observations:
        record_id, content = observation_change(
            item.unit_id, item.indicator_code, item.period, item.value, item.unit_of_measure
        )
        changes.append((record_id, item.period, content))
    return await guard(uow, OBSERVATION, changes)


async def guard_rescoring(uow: ScoringUnitOfWork, period: str) -> list[int]:
    """`guard` for a scoring run, which replaces the period's published scores."""
    record_id, content = rescoring_change(period)
    return await guard(uow, SCORE, [(record_id, period, content)])
