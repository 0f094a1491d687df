"""Giving cadres seats (or places in line) in a programme, and handing freed seats on.

Placements are made in bulk: a consumed batch of findings costs a handful of statements
whatever its size, which is what keeps weakness-to-enrolment latency low under load.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from schemas.envelope import EventPayload
from schemas.events import EnrolmentCreated, EnrolmentWaitlisted
from services.common.unit_of_work import UnitOfWork
from services.development.adapters import enrolment_repository as enrolments
from services.development.adapters import programme_repository as programmes
from services.development.domain.enrolments import ENROLLED, WAITLISTED
from services.development.domain.placement import (
    assign_seats,
    cohorts_in_order,
)
from services.development.domain.programmes import Cohort, Programme


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
    return datetime.now(UTC)


def new_enrolment_id() -> str:
    return f"enr-{uuid.uuid4().hex[:20]}"


def created_event(
    programme: Programme,
    cohort: Cohort,
    enrolment_id: str,
    request: Request,
    *,
    promoted: bool = False,
    moved_from: str | None = None,
) -> EnrolmentCreated:
    return EnrolmentCreated(
        enrolment_id=enrolment_id,
        cadre_id=request.cadre_id,
        programme_id=programme.id,
        programme_kind=programme.kind,
        programme_name=programme.name,
        cohort_id=cohort.id,
        cohort_starts_on=cohort.starts_on,
        cohort_ends_on=cohort.ends_on,
        capability=request.capability,
        reason=request.reason,
        full_time=programme.full_time,
        source=request.source,
        period=request.period,
        promoted_from_waitlist=promoted,
        moved_from_cohort_id=moved_from,
    )


def waitlisted_event(
    programme: Programme,
    cohort: Cohort,
    enrolment_id: str,
    request: Request,
    position: int,
    moved_from: str | None = None,
) -> EnrolmentWaitlisted:
    return EnrolmentWaitlisted(
        enrolment_id=enrolment_id,
        cadre_id=request.cadre_id,
        programme_id=programme.id,
        cohort_id=cohort.id,
        position=position,
        reason=request.reason,
        capability=request.capability,
        source=request.source,
        moved_from_cohort_id=moved_from,
    )


async def seat_cadres(
    uow: UnitOfWork,
    programme: Programme,
    requests: list[Request],
    today: date,
    cohort_id: str | None = None,
) -> list[Outcome]:
    """Earliest open cohort with a free seat, else the line of the earliest (or of the cohort asked for)."""
    # Locking the programme's open cohorts first serialises placements in one programme, so the
    # seat count and the one-active-enrolment rule hold under concurrent deliveries and requests.
    cohorts = cohorts_in_order(
        await programmes.open_cohorts_locked(uow.session, programme.id, today), today
    )
    if cohort_id is not None:
        cohorts = [c for c in cohorts if c.id == cohort_id]
    active = await enrolments.active_enrolments(
        uow.session, programme.id, [r.cadre_id for r in requests]
    )
    assignments = assign_seats(cohorts, [r.cadre_id for r in requests], set(active))
    waiting = sorted({a.cohort.id for a in assignments if a.result == WAITLISTED})
    in_line = await enrolments.waitlist_lengths(uow.session, waiting) if waiting else {}
    now = utc_now()
    rows, events, outcomes, seats = [], [], [], Counter()
    for request, assignment in zip(requests, assignments):
        if assignment.cohort is None:
            outcomes.append(Outcome(assignment.result, active.get(request.cadre_id)))
            continue
        cohort, enrolment_id, waits = (
            assignment.cohort,
            new_enrolment_id(),
            assignment.result == WAITLISTED,
        )
        rows.append(
            {
                "id": enrolment_id,
                "cadre_id": request.cadre_id,
                "programme_id": programme.id,
                "cohort_id": cohort.id,
                "status": assignment.result,
                "source": request.source,
                "capability": request.capability,
                "period": request.period,
                "reason": request.reason,
                "full_time": programme.full_time,
                "waitlisted_at": now if waits else None,
                "seated_at": None if waits else now,
            }
        )
        if waits:
            in_line[cohort.id] = in_line.get(cohort.id, 0) + 1
            event: EventPayload = waitlisted_event(
                programme, cohort, enrolment_id, request, in_line[cohort.id]
            )
        else:
            seats[cohort.id] += 1
            event = created_event(programme, cohort, enrolment_id, request)
        events.append((event, request.cadre_id))
        outcomes.append(Outcome(assignment.result, enrolment_id, cohort.id))
    await enrolments.add_enrolments(uow.session, rows)
    for seated_cohort, taken in seats.items():
        await programmes.change_seats(uow.session, seated_cohort, taken)
    await uow.emit_many(events)
    return outcomes


async def promote_waitlisted(uow: UnitOfWork, cohort_id: str) -> list[str]:
    """Hands every free seat of the cohort to the first in line; returns the promoted enrolments."""
    cohort = await programmes.get_cohort(uow.session, cohort_id, lock=True)
    if cohort is None or cohort.free_seats <= 0:
        return []
    waiting = await enrolments.first_in_line(uow.session, cohort_id, cohort.free_seats)
    if not waiting:
        return []
    programme = await programmes.get_programme(uow.session, cohort.programme_id)
    events = []
    for row in waiting:
        await enrolments.update_enrolment(uow.session, row.id, status=ENROLLED, seated_at=utc_now())
        request = Request(
            cadre_id=row.cadre_id,
            source=row.source,
            reason=row.reason,
            capability=row.capability,
            period=row.period,
        )
        events.append(
            (created_event(programme, cohort, row.id, request, promoted=True), row.cadre_id)
        )
    await programmes.change_seats(uow.session, cohort_id, len(waiting))
    await uow.emit_many(events)
    return [row.id for row in waiting]
