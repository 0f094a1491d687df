"""What trainers and administrators do to enrolments by hand, and what trainers report back."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from schemas.envelope import Envelope
from schemas.events import (
    EnrolmentCancelled,
    EnrolmentCompleted,
    ReturnToPostApproved,
    ReturnToPostDenied,
)
from services.common.auth import Principal
from services.common.errors import Conflict, NotFound, invalid
from services.common.roster import roster_entry
from services.common.unit_of_work import UnitOfWork
from services.development.adapters import enrolment_repository as enrolments
from services.development.adapters import programme_repository as programmes
from services.development.adapters.tables import metadata
from services.development.domain import enrolments as rules
from services.development.domain.placement import ALREADY_ENROLLED, NO_OPEN_COHORT
from services.development.service_layer.seating import (
    Outcome,
    Request,
    created_event,
    promote_waitlisted,
    seat_cadres,
    utc_now,
    waitlisted_event,
)


async def _enrolment_row(uow: UnitOfWork, enrolment_id: str) -> sa.Row:
    row = await enrolments.get_enrolment_row(uow.session, enrolment_id, lock=True)
    if row is None:
        raise NotFound(f"no enrolment {enrolment_id!r}")
    return row


async def _open_cohort_of(uow: UnitOfWork, cohort_id: str, today: date):
    cohort = await programmes.get_cohort(uow.session, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    if not cohort.open_on(today):
        raise invalid(
            "cohortId", "open_cohort", f"cohort {cohort_id} ended on {cohort.ends_on}", cohort_id
        )
    return cohort


async def enrol_by_hand(
    uow: UnitOfWork,
    principal: Principal,
    cadre_id: str,
    programme_id: str,
    cohort_id: str | None,
    reason: str,
) -> Outcome:
    reason = rules.require_reason(reason)
    today = utc_now().date()
    programme = await programmes.get_programme(uow.session, programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id!r}")
    entry = await roster_entry(uow.session, metadata, cadre_id)
    if entry is None:
        raise NotFound(
            f"cadre {cadre_id!r} is not on the roster (no CadreRegistered received for it)"
        )
    refusal = programme.eligibility.refusal(entry.position_level, entry.unit_category)
    if refusal:
        raise invalid(
            "cadreId",
            "eligibility",
            f"{programme.name} does not admit this cadre: {refusal}",
            cadre_id,
        )
    if cohort_id is not None:
        cohort = await _open_cohort_of(uow, cohort_id, today)
        if cohort.programme_id != programme.id:
            raise invalid(
                "cohortId",
                "same_programme",
                f"cohort {cohort_id} is not a cohort of {programme.id}",
                cohort_id,
            )
    request = Request(
        cadre_id=cadre_id, source=rules.MANUAL, reason=f"{reason} (by {principal.subject})"
    )
    [outcome] = await seat_cadres(uow, programme, [request], today, cohort_id)
    if outcome.result == ALREADY_ENROLLED:
        raise Conflict(
            f"cadre {cadre_id} already has an active enrolment in {programme.id}: {outcome.enrolment_id}"
        )
    if outcome.result == NO_OPEN_COHORT:
        raise Conflict(f"programme {programme.id} has no open cohort; add one first")
    return outcome


async def cancel_enrolment(
    uow: UnitOfWork, principal: Principal, enrolment_id: str, reason: str
) -> str:
    reason = rules.require_reason(reason)
    row = await _enrolment_row(uow, enrolment_id)
    rules.check_cancellable(enrolments.enrolment_from_row(row))
    await enrolments.update_enrolment(
        uow.session,
        enrolment_id,
        status=rules.CANCELLED,
        cancelled_at=utc_now(),
        cancel_reason=reason,
        cancelled_by=principal.subject,
    )
    await uow.emit(
        EnrolmentCancelled(
            enrolment_id=enrolment_id,
            cadre_id=row.cadre_id,
            programme_id=row.programme_id,
            cohort_id=row.cohort_id,
            reason=reason,
            cancelled_by=principal.subject,
        ),
        key=row.cadre_id,
    )
    if row.status == rules.ENROLLED:
        await programmes.change_seats(uow.session, row.cohort_id, -1)
        await promote_waitlisted(uow, row.cohort_id)
    return row.status


async def move_enrolment(
    uow: UnitOfWork, principal: Principal, enrolment_id: str, cohort_id: str, reason: str
) -> str:
    """Moves an active enrolment to another cohort of its programme; returns the new status."""
    reason = rules.require_reason(reason)
    row = await _enrolment_row(uow, enrolment_id)
    target = await _open_cohort_of(uow, cohort_id, utc_now().date())
    rules.check_movable(enrolments.enrolment_from_row(row), target.programme_id, target.id)
    # Both cohorts are locked in id order, the order every other transaction locks cohorts in.
    locked = {
        c: await programmes.get_cohort(uow.session, c, lock=True)
        for c in sorted({row.cohort_id, target.id})
    }
    target = locked[target.id]
    programme = await programmes.get_programme(uow.session, row.programme_id)
    request = Request(
        cadre_id=row.cadre_id,
        source=row.source,
        reason=f"{reason} (moved by {principal.subject})",
        capability=row.capability,
        period=row.period,
    )
    seated = target.free_seats > 0
    now = utc_now()
    await enrolments.update_enrolment(
        uow.session,
        enrolment_id,
        cohort_id=target.id,
        status=rules.ENROLLED if seated else rules.WAITLISTED,
        seated_at=now if seated else None,
        waitlisted_at=None if seated else now,
    )
    if seated:
        await programmes.change_seats(uow.session, target.id, +1)
        await uow.emit(
            created_event(programme, target, enrolment_id, request, moved_from=row.cohort_id),
            key=row.cadre_id,
        )
    else:
        position = (await enrolments.waitlist_lengths(uow.session, [target.id])).get(target.id, 0)
        await uow.emit(
            waitlisted_event(
                programme, target, enrolment_id, request, position, moved_from=row.cohort_id
            ),
            key=row.cadre_id,
        )
    if row.status == rules.ENROLLED:
        await programmes.change_seats(uow.session, row.cohort_id, -1)
        await promote_waitlisted(uow, row.cohort_id)
    return rules.ENROLLED if seated else rules.WAITLISTED


async def _evaluate(
    uow: UnitOfWork, row: sa.Row, score: float | None, passed: bool, note: str | None
) -> None:
    now = utc_now()
    values = {"evaluation_score": score, "evaluation_passed": passed, "evaluated_at": now}
    if passed:
        values.update(status=rules.COMPLETED, returned_to_post_at=now)
        await enrolments.update_enrolment(uow.session, row.id, **values)
        await uow.emit(
            ReturnToPostApproved(
                enrolment_id=row.id,
                cadre_id=row.cadre_id,
                programme_id=row.programme_id,
                evaluation_score=score,
                evaluated_on=now.date(),
            ),
            key=row.cadre_id,
        )
        return
    await enrolments.update_enrolment(uow.session, row.id, **values)
    reason = note.strip() if note and note.strip() else "the practical evaluation was not passed"
    await uow.emit(
        ReturnToPostDenied(
            enrolment_id=row.id,
            cadre_id=row.cadre_id,
            programme_id=row.programme_id,
            evaluation_score=score,
            reason=reason,
            evaluated_on=now.date(),
        ),
        key=row.cadre_id,
    )


async def record_evaluation(
    uow: UnitOfWork, enrolment_id: str, score: float | None, passed: bool, note: str | None
) -> None:
    """The practical evaluation of a full-time cadre: only a pass returns the cadre to post."""
    rules.check_evaluation_score(score)
    row = await _enrolment_row(uow, enrolment_id)
    rules.check_evaluable(enrolments.enrolment_from_row(row))
    await _evaluate(uow, row, score, passed, note)


async def enrolment_completed(
    uow: UnitOfWork, event: EnrolmentCompleted, envelope: Envelope
) -> None:
    """A trainer's report. Anything that does not fit the enrolment is refused (and dead-lettered)."""
    row = await _enrolment_row(uow, event.enrolment_id)
    if row.cadre_id != event.cadre_id:
        raise invalid(
            "cadre_id",
            "matches_enrolment",
            f"enrolment {row.id} belongs to another cadre",
            event.cadre_id,
        )
    if row.programme_id != event.programme_id:
        raise invalid(
            "programme_id",
            "matches_enrolment",
            f"enrolment {row.id} is in programme {row.programme_id}",
            event.programme_id,
        )
    rules.check_completable(enrolments.enrolment_from_row(row))
    await enrolments.update_enrolment(
        uow.session,
        row.id,
        status=rules.COMPLETED,
        completed_on=event.completed_on,
        attendance_rate=event.attendance_rate,
        result_score=event.result_score,
        passed=event.passed,
        trainer_id=event.trainer_id,
    )
    if row.full_time:
        note = (
            None
            if event.passed
            else f"failed the practical evaluation reported by {event.trainer_id}"
        )
        await _evaluate(uow, row, event.result_score, event.passed, note)
