"""What the development service does: the events it consumes and the commands people give.

`EVENT_HANDLERS` is the one table of consumed event types and their handlers (the roster's
registrations are kept by services.common.roster, wired next to these in entrypoints.consumers).
Command handlers are named by what they do; each runs inside the unit of work it is given.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pydantic

from schemas.envelope import EventPayload
from schemas.events import (
    BottomRanked,
    CapabilityProfileComputed,
    EnrolmentCancelled,
    EnrolmentCompleted,
    ReturnToPostApproved,
    ReturnToPostDenied,
    TrainingResultRecorded,
    WeaknessCleared,
    WeaknessFlagged,
)
from services.common.errors import Conflict, FieldProblem, NotFound, ValidationFailed, invalid
from services.development.domain import clearing
from services.development.domain import enrolments as rules
from services.development.domain.effect import CapabilityEffect, capability_effect
from services.development.domain.enrolments import CompletionReport, Enrolment
from services.development.domain.periods import check_period
from services.development.domain.placement import ALREADY_ENROLLED, NO_OPEN_COHORT
from services.development.domain.programmes import Cohort, Programme, check_cohort, check_programme
from services.development.service_layer.placement import place_new, place_unplaced
from services.development.service_layer.seating import (
    Outcome,
    Request,
    created_event,
    promote_waitlisted,
    seat_cadres,
    utc_now,
    waitlisted_event,
)
from services.development.service_layer.unit_of_work import DevelopmentUnitOfWork, Finding

EventHandler = Callable[[DevelopmentUnitOfWork, Any], Awaitable[None]]
BatchEventHandler = Callable[[DevelopmentUnitOfWork, list[Any]], Awaitable[None]]


@dataclass(frozen=True)
class Batched:
    """A handler given every new event of its type in a consumed batch at once (findings come in bursts)."""

    handle: BatchEventHandler


# Programmes and cohorts


async def create_programme(uow: DevelopmentUnitOfWork, programme: Programme) -> Programme:
    check_programme(programme)
    if not await uow.programmes.add(programme):
        raise Conflict(f"a programme with id {programme.id!r} exists already")
    await place_unplaced(uow)
    return programme


async def add_cohort(uow: DevelopmentUnitOfWork, cohort: Cohort) -> Cohort:
    if await uow.programmes.get(cohort.programme_id) is None:
        raise NotFound(f"no programme {cohort.programme_id!r}")
    check_cohort(cohort)
    if not await uow.programmes.add_cohort(cohort):
        raise Conflict(f"a cohort with id {cohort.id!r} exists already; give another id")
    await place_unplaced(uow)
    return cohort


async def set_cohort_capacity(
    uow: DevelopmentUnitOfWork, cohort_id: str, capacity: int
) -> list[str]:
    """New seats go to the first in line at once; returns the enrolments promoted."""
    cohort = await uow.programmes.cohort(cohort_id, lock=True)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    await uow.programmes.save_cohort(cohort.with_capacity(capacity))
    return await promote_waitlisted(uow, cohort_id)


# Findings and profiles from scoring


async def place_findings(uow: DevelopmentUnitOfWork, findings: list[Finding]) -> None:
    """New findings are claimed, then placed together; a finding seen before places nobody."""
    await place_new(uow, findings)


async def record_capability_profile(
    uow: DevelopmentUnitOfWork, event: CapabilityProfileComputed
) -> None:
    await uow.profiles.record(event)


async def clear_weakness(uow: DevelopmentUnitOfWork, event: WeaknessCleared) -> None:
    """The place the weakness made is cancelled if not started, else kept with a note.

    The finding is marked cleared first, so it is not placed later (when a cohort opens) and a
    new flag of the same weakness places the cadre again. A second delivery finds the place
    cancelled or already noted and changes nothing.
    """
    cause = rules.weakness_cause(event.capability, event.period)
    enrolment_id = await uow.findings.clear(event.cadre_id, cause)
    enrolment = await uow.enrolments.get(enrolment_id) if enrolment_id else None
    if enrolment is None:
        return
    cohort = await uow.programmes.cohort(enrolment.cohort_id)
    assert cohort is not None, f"enrolment {enrolment.id} names no cohort {enrolment.cohort_id}"
    relying = tuple(
        _finding_words(other) for other in await uow.findings.relying_on(enrolment.id, cause)
    )
    now = utc_now()
    decision = clearing.clearing_decision(enrolment, event, cohort.starts_on, now.date(), relying)
    if decision == clearing.CANCEL:
        reason = clearing.cancel_reason(event)
        await uow.enrolments.save(enrolment.cancelled(reason, clearing.CLEARED_BY, now))
        await uow.emit(
            EnrolmentCancelled(
                enrolment_id=enrolment.id,
                cadre_id=enrolment.cadre_id,
                programme_id=enrolment.programme_id,
                cohort_id=enrolment.cohort_id,
                reason=reason,
                cancelled_by=clearing.CLEARED_BY,
            ),
            key=enrolment.cadre_id,
        )
        if enrolment.status == rules.ENROLLED:
            await _free_seat(uow, enrolment.cohort_id)
    elif decision == clearing.KEEP_WITH_NOTE:
        await uow.enrolments.add_note(
            clearing.EnrolmentNote(
                enrolment_id=enrolment.id,
                cause=clearing.cleared_cause(event.capability, event.period),
                note=clearing.kept_note(event, relying),
                written_by=clearing.CLEARED_BY,
                written_at=now,
            )
        )


def _finding_words(cause: str) -> str:
    """`weakness:digital_governance:2025` as a person reads it."""
    kind, _, rest = cause.partition(":")
    if kind == "weakness":
        capability, _, period = rest.rpartition(":")
        return f"the {capability.replace('_', ' ')} weakness of {period}"
    return f"the bottom rank of {rest}" if kind == "bottom_ranked" else cause


# Enrolments by hand


async def _enrolment(uow: DevelopmentUnitOfWork, enrolment_id: str) -> Enrolment:
    enrolment = await uow.enrolments.get(enrolment_id)
    if enrolment is None:
        raise NotFound(f"no enrolment {enrolment_id!r}")
    return enrolment


async def _open_cohort(
    uow: DevelopmentUnitOfWork, cohort_id: str, today: date, lock: bool = False
) -> Cohort:
    cohort = await uow.programmes.cohort(cohort_id, lock=lock)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    if not cohort.open_on(today):
        raise invalid(
            "cohortId", "open_cohort", f"cohort {cohort_id} ended on {cohort.ends_on}", cohort_id
        )
    return cohort


async def enrol_cadre(
    uow: DevelopmentUnitOfWork,
    by: str,
    cadre_id: str,
    programme_id: str,
    cohort_id: str | None,
    reason: str,
) -> Outcome:
    """The cohort asked for, or the earliest with a free seat; in line when full."""
    reason = rules.require_reason(reason)
    today = utc_now().date()
    programme = await uow.programmes.get(programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id!r}")
    position = (await uow.roster.positions([cadre_id])).get(cadre_id)
    if position is None:
        raise NotFound(
            f"cadre {cadre_id!r} is not on the roster (no CadreRegistered received for it)"
        )
    refusal = programme.eligibility.refusal(*position)
    if refusal:
        raise invalid(
            "cadreId",
            "eligibility",
            f"{programme.name} does not admit this cadre: {refusal}",
            cadre_id,
        )
    if cohort_id is not None:
        cohort = await _open_cohort(uow, cohort_id, today)
        if cohort.programme_id != programme.id:
            raise invalid(
                "cohortId",
                "same_programme",
                f"cohort {cohort_id} is not a cohort of {programme.id}",
                cohort_id,
            )
    request = Request(cadre_id=cadre_id, source=rules.MANUAL, reason=f"{reason} (by {by})")
    [outcome] = await seat_cadres(uow, programme, [request], today, cohort_id)
    if outcome.result == ALREADY_ENROLLED:
        raise Conflict(
            f"cadre {cadre_id} already has an active enrolment in {programme.id}: {outcome.enrolment_id}"
        )
    if outcome.result == NO_OPEN_COHORT:
        raise Conflict(f"programme {programme.id} has no open cohort; add one first")
    return outcome


async def _free_seat(uow: DevelopmentUnitOfWork, cohort_id: str) -> None:
    """A seat given up goes to the first in the cohort's line."""
    cohort = await uow.programmes.cohort(cohort_id, lock=True)
    assert cohort is not None, f"an enrolment names no cohort {cohort_id}"
    await uow.programmes.save_cohort(cohort.seat_freed())
    await promote_waitlisted(uow, cohort_id)


async def cancel_enrolment(
    uow: DevelopmentUnitOfWork, by: str, enrolment_id: str, reason: str
) -> str:
    """Returns the status the enrolment had; a seat it held goes to the first in line."""
    reason = rules.require_reason(reason)
    enrolment = await _enrolment(uow, enrolment_id)
    cancelled = enrolment.cancelled(reason, by, utc_now())
    await uow.enrolments.save(cancelled)
    await uow.emit(
        EnrolmentCancelled(
            enrolment_id=enrolment.id,
            cadre_id=enrolment.cadre_id,
            programme_id=enrolment.programme_id,
            cohort_id=enrolment.cohort_id,
            reason=reason,
            cancelled_by=by,
        ),
        key=enrolment.cadre_id,
    )
    if enrolment.status == rules.ENROLLED:
        await _free_seat(uow, enrolment.cohort_id)
    return enrolment.status


async def move_enrolment(
    uow: DevelopmentUnitOfWork, by: str, enrolment_id: str, cohort_id: str, reason: str
) -> str:
    """Moves an active enrolment to another cohort of its programme; returns the new status."""
    reason = rules.require_reason(reason)
    enrolment = await _enrolment(uow, enrolment_id)
    target = await _open_cohort(uow, cohort_id, utc_now().date())
    rules.check_movable(enrolment, target.programme_id, target.id)
    # Both cohorts are locked in id order, the order every other transaction locks cohorts in.
    locked = {
        c: await uow.programmes.cohort(c, lock=True)
        for c in sorted({enrolment.cohort_id, target.id})
    }
    target = locked[target.id] or target
    programme = await uow.programmes.get(enrolment.programme_id)
    assert programme is not None, f"enrolment {enrolment.id} names no programme"
    moved = enrolment.moved(target.programme_id, target.id, target.free_seats > 0, utc_now())
    await uow.enrolments.save(moved)
    # The events tell trainers why it moved; the enrolment keeps the reason it was made for.
    announced = replace(moved, reason=f"{reason} (moved by {by})")
    if moved.status == rules.ENROLLED:
        await uow.programmes.save_cohort(target.seats_given(1))
        await uow.emit(
            created_event(programme, target, announced, moved_from=enrolment.cohort_id),
            key=enrolment.cadre_id,
        )
    else:
        position = (await uow.enrolments.line_lengths([target.id])).get(target.id, 0)
        await uow.emit(
            waitlisted_event(
                programme, target, announced, position, moved_from=enrolment.cohort_id
            ),
            key=enrolment.cadre_id,
        )
    if enrolment.status == rules.ENROLLED:
        await _free_seat(uow, enrolment.cohort_id)
    return moved.status


# Completion and return to post


async def _record_evaluation(
    uow: DevelopmentUnitOfWork,
    enrolment: Enrolment,
    score: float | None,
    passed: bool,
    note: str | None,
) -> None:
    now = utc_now()
    evaluated = enrolment.evaluated(score, passed, now)
    await uow.enrolments.save(evaluated)
    if passed:
        await uow.emit(
            ReturnToPostApproved(
                enrolment_id=enrolment.id,
                cadre_id=enrolment.cadre_id,
                programme_id=enrolment.programme_id,
                evaluation_score=score,
                evaluated_on=now.date(),
            ),
            key=enrolment.cadre_id,
        )
        return
    reason = note.strip() if note and note.strip() else "the practical evaluation was not passed"
    await uow.emit(
        ReturnToPostDenied(
            enrolment_id=enrolment.id,
            cadre_id=enrolment.cadre_id,
            programme_id=enrolment.programme_id,
            evaluation_score=score,
            reason=reason,
            evaluated_on=now.date(),
        ),
        key=enrolment.cadre_id,
    )


async def record_evaluation(
    uow: DevelopmentUnitOfWork,
    enrolment_id: str,
    score: float | None,
    passed: bool,
    note: str | None,
) -> None:
    """The practical evaluation of a full-time cadre: only a pass returns the cadre to post."""
    rules.check_evaluation_score(score)
    await _record_evaluation(uow, await _enrolment(uow, enrolment_id), score, passed, note)


async def complete_enrolment(uow: DevelopmentUnitOfWork, event: EnrolmentCompleted) -> None:
    """A trainer's report. Anything that does not fit the enrolment is refused (and dead-lettered)."""
    enrolment = await _enrolment(uow, event.enrolment_id)
    if enrolment.cadre_id != event.cadre_id:
        raise invalid(
            "cadre_id",
            "matches_enrolment",
            f"enrolment {enrolment.id} belongs to another cadre",
            event.cadre_id,
        )
    if enrolment.programme_id != event.programme_id:
        raise invalid(
            "programme_id",
            "matches_enrolment",
            f"enrolment {enrolment.id} is in programme {enrolment.programme_id}",
            event.programme_id,
        )
    completed = enrolment.completed(
        CompletionReport(
            completed_on=event.completed_on,
            attendance_rate=event.attendance_rate,
            result_score=event.result_score,
            passed=event.passed,
            trainer_id=event.trainer_id,
        )
    )
    await uow.enrolments.save(completed)
    programme = await uow.programmes.get(enrolment.programme_id)
    assert programme is not None, f"enrolment {enrolment.id} names no programme"
    await uow.emit(
        TrainingResultRecorded(
            enrolment_id=enrolment.id,
            cadre_id=enrolment.cadre_id,
            programme_id=programme.id,
            programme_kind=programme.kind,
            capability=_trained_capability(programme, enrolment),
            result_score=event.result_score,
            passed=event.passed,
            completed_on=event.completed_on,
            trainer_id=event.trainer_id,
        ),
        key=enrolment.cadre_id,
    )
    if completed.full_time:
        note = (
            None
            if event.passed
            else f"failed the practical evaluation reported by {event.trainer_id}"
        )
        await _record_evaluation(uow, completed, event.result_score, event.passed, note)


def _trained_capability(programme: Programme, enrolment: Enrolment) -> str | None:
    """The capability the result is evidence of: the one the place was made for, else the
    programme's only one; a programme of several capabilities, entered by hand, names none."""
    if enrolment.capability in programme.capabilities:
        return enrolment.capability
    return programme.capabilities[0] if len(programme.capabilities) == 1 else None


# The report's fields as the console's mutation names them.
_REPORT_ARGUMENTS = {
    "attendance_rate": "attendanceRate",
    "result_score": "resultScore",
    "completed_on": "completedOn",
    "trainer_id": "trainerId",
}


def _completion_report(values: dict[str, Any]) -> EnrolmentCompleted:
    """The report as the completions topic carries it, so the contract's ranges apply unchanged."""
    try:
        return EnrolmentCompleted(**values)
    except pydantic.ValidationError as error:
        problems = []
        for e in error.errors():
            name = str(e["loc"][0]) if e["loc"] else "report"
            problems.append(
                FieldProblem(
                    field=_REPORT_ARGUMENTS.get(name, name),
                    rule=e["type"],
                    message=e["msg"],
                    value=values.get(name),
                )
            )
        raise ValidationFailed(problems) from None


async def record_completion(
    uow: DevelopmentUnitOfWork,
    by: str,
    enrolment_id: str,
    attendance_rate: float,
    result_score: float,
    passed: bool,
    completed_on: date,
) -> None:
    """A trainer's report typed into the console: built into the very report the completions topic
    carries and applied by `complete_enrolment`, so both ways in check and announce the same."""
    enrolment = await _enrolment(uow, enrolment_id)
    report = _completion_report(
        {
            "enrolment_id": enrolment.id,
            "cadre_id": enrolment.cadre_id,
            "programme_id": enrolment.programme_id,
            "attendance_rate": attendance_rate,
            "result_score": result_score,
            "passed": passed,
            "completed_on": completed_on,
            "trainer_id": by,
        }
    )
    await complete_enrolment(uow, report)


# Training effect


async def measure_training_effect(
    uow: DevelopmentUnitOfWork, programme_id: str, before: str, after: str
) -> tuple[Programme, list[CapabilityEffect]]:
    """Per capability the programme addresses: enrolled cadres' change against their peers'."""
    check_period("beforePeriod", before)
    check_period("afterPeriod", after)
    if before == after:
        raise invalid("afterPeriod", "differs_from_before", "compare two different periods", after)
    programme = await uow.programmes.get(programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id!r}")
    effects = [
        capability_effect(
            capability,
            await uow.profiles.score_changes(programme_id, capability, before, after),
        )
        for capability in programme.capabilities
    ]
    return programme, effects


EVENT_HANDLERS: dict[type[EventPayload], EventHandler | Batched] = {
    CapabilityProfileComputed: record_capability_profile,
    EnrolmentCompleted: complete_enrolment,
    WeaknessFlagged: Batched(place_findings),
    WeaknessCleared: clear_weakness,
    BottomRanked: Batched(place_findings),
}
