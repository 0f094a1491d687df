"""Giving a cadre a seat (or a place in line) in a programme, and handing freed seats on."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone

from schemas.events import EnrolmentCreated, EnrolmentWaitlisted
from services.common.unit_of_work import UnitOfWork
from services.development.adapters import enrolment_repository as enrolments
from services.development.adapters import programme_repository as programmes
from services.development.domain.enrolments import ENROLLED, WAITLISTED
from services.development.domain.placement import cohorts_in_order, seat_choice
from services.development.domain.programmes import Cohort, Programme

ALREADY_ENROLLED = "already_enrolled"
NO_OPEN_COHORT = "no_open_cohort"


@dataclass(frozen=True)
class Request:
    """Who is to be placed, why, and from what."""

    cadre_id: str
    source: str
    reason: str
    capability: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class Outcome:
    result: str  # enrolled | waitlisted | already_enrolled | no_open_cohort
    enrolment_id: str | None = None
    cohort_id: str | None = None


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_enrolment_id() -> str:
    return f"enr-{uuid.uuid4().hex[:20]}"


def created_event(
    programme: Programme, cohort: Cohort, enrolment_id: str, request: Request, *,
    promoted: bool = False, moved_from: str | None = None,
) -> EnrolmentCreated:
    return EnrolmentCreated(
        enrolment_id=enrolment_id, cadre_id=request.cadre_id, programme_id=programme.id,
        programme_kind=programme.kind, programme_name=programme.name, cohort_id=cohort.id,
        cohort_starts_on=cohort.starts_on, cohort_ends_on=cohort.ends_on, capability=request.capability,
        reason=request.reason, full_time=programme.full_time, source=request.source, period=request.period,
        promoted_from_waitlist=promoted, moved_from_cohort_id=moved_from,
    )


async def announce_waitlisted(
    uow: UnitOfWork, programme: Programme, cohort: Cohort, enrolment_id: str, request: Request,
    moved_from: str | None = None,
) -> None:
    position = await enrolments.waitlist_length(uow.session, cohort.id)
    await uow.emit(EnrolmentWaitlisted(
        enrolment_id=enrolment_id, cadre_id=request.cadre_id, programme_id=programme.id, cohort_id=cohort.id,
        position=position, reason=request.reason, capability=request.capability, source=request.source,
        moved_from_cohort_id=moved_from,
    ), key=request.cadre_id)


async def seat_cadre(
    uow: UnitOfWork, programme: Programme, request: Request, today: date, cohort_id: str | None = None
) -> Outcome:
    """Earliest open cohort with a free seat, else the line of the earliest (or of the cohort asked for)."""
    # Locking the programme's open cohorts first serialises placements in one programme, so the
    # seat count and the one-active-enrolment rule hold under concurrent deliveries and requests.
    cohorts = cohorts_in_order(await programmes.open_cohorts_locked(uow.session, programme.id, today), today)
    existing = await enrolments.active_enrolment_id(uow.session, request.cadre_id, programme.id)
    if existing:
        return Outcome(ALREADY_ENROLLED, existing)
    if cohort_id is not None:
        cohorts = [c for c in cohorts if c.id == cohort_id]
    choice = seat_choice(cohorts)
    if choice is None:
        return Outcome(NO_OPEN_COHORT)
    cohort, waits = choice
    enrolment_id = new_enrolment_id()
    now = utc_now()
    await enrolments.add_enrolment(uow.session, {
        "id": enrolment_id, "cadre_id": request.cadre_id, "programme_id": programme.id, "cohort_id": cohort.id,
        "status": WAITLISTED if waits else ENROLLED, "source": request.source, "capability": request.capability,
        "period": request.period, "reason": request.reason, "full_time": programme.full_time,
        "waitlisted_at": now if waits else None, "seated_at": None if waits else now,
    })
    if waits:
        await announce_waitlisted(uow, programme, cohort, enrolment_id, request)
        return Outcome(WAITLISTED, enrolment_id, cohort.id)
    await programmes.change_seats(uow.session, cohort.id, +1)
    await uow.emit(created_event(programme, cohort, enrolment_id, request), key=request.cadre_id)
    return Outcome(ENROLLED, enrolment_id, cohort.id)


async def promote_waitlisted(uow: UnitOfWork, cohort_id: str) -> list[str]:
    """Hands every free seat of the cohort to the first in line; returns the promoted enrolments."""
    cohort = await programmes.get_cohort(uow.session, cohort_id, lock=True)
    if cohort is None or cohort.free_seats <= 0:
        return []
    waiting = await enrolments.first_in_line(uow.session, cohort_id, cohort.free_seats)
    if not waiting:
        return []
    programme = await programmes.get_programme(uow.session, cohort.programme_id)
    for row in waiting:
        await enrolments.update_enrolment(uow.session, row.id, status=ENROLLED, seated_at=utc_now())
        request = Request(
            cadre_id=row.cadre_id, source=row.source, reason=row.reason, capability=row.capability, period=row.period
        )
        await uow.emit(created_event(programme, cohort, row.id, request, promoted=True), key=row.cadre_id)
    await programmes.change_seats(uow.session, cohort_id, len(waiting))
    return [row.id for row in waiting]
