"""Giving cadres seats (or places in line) in a programme, and handing freed seats on.

Placements are made in bulk: a consumed batch of findings costs a handful of statements
whatever its size, which is what keeps weakness-to-enrolment latency low under load. Who gets
a seat is the domain's decision (domain.placement, Cohort.promoted); this module only reads
and writes around it.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from schemas.envelope import EventPayload
from schemas.events import EnrolmentCreated, EnrolmentWaitlisted
from services.development.domain.enrolments import WAITLISTED, Enrolment
from services.development.domain.placement import assign_seats, cohorts_in_order
from services.development.domain.programmes import Cohort, Programme
from services.development.service_layer.unit_of_work import DevelopmentUnitOfWork


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
    enrolment: Enrolment,
    *,
    promoted: bool = False,
    moved_from: str | None = None,
) -> EnrolmentCreated:
    return EnrolmentCreated(
        enrolment_id=enrolment.id,
        cadre_id=enrolment.cadre_id,
        programme_id=programme.id,
        programme_kind=programme.kind,
        programme_name=programme.name,
        cohort_id=cohort.id,
        cohort_starts_on=cohort.starts_on,
        cohort_ends_on=cohort.ends_on,
        capability=enrolment.capability,
        reason=enrolment.reason,
        full_time=programme.full_time,
        source=enrolment.source,
        period=enrolment.period,
        promoted_from_waitlist=promoted,
        moved_from_cohort_id=moved_from,
    )


def waitlisted_event(
    programme: Programme,
    cohort: Cohort,
    enrolment: Enrolment,
    position: int,
    moved_from: str | None = None,
) -> EnrolmentWaitlisted:
    return EnrolmentWaitlisted(
        enrolment_id=enrolment.id,
        cadre_id=enrolment.cadre_id,
        programme_id=programme.id,
        cohort_id=cohort.id,
        position=position,
        reason=enrolment.reason,
        capability=enrolment.capability,
        source=enrolment.source,
        moved_from_cohort_id=moved_from,
    )


def _new_enrolment(
    programme: Programme, cohort: Cohort, request: Request, status: str, now: datetime
) -> Enrolment:
    waits = status == WAITLISTED
    return Enrolment(
        id=new_enrolment_id(),
        cadre_id=request.cadre_id,
        programme_id=programme.id,
        cohort_id=cohort.id,
        status=status,
        full_time=programme.full_time,
        source=request.source,
        reason=request.reason,
        capability=request.capability,
        period=request.period,
        waitlisted_at=now if waits else None,
        seated_at=None if waits else now,
    )


async def seat_cadres(
    uow: DevelopmentUnitOfWork,
    programme: Programme,
    requests: list[Request],
    today: date,
    cohort_id: str | None = None,
) -> list[Outcome]:
    """Earliest open cohort with a free seat, else the line of the earliest (or of the cohort asked for)."""
    # Locking the programme's open cohorts first serialises placements in one programme, so the
    # seat count and the one-active-enrolment rule hold under concurrent deliveries and requests.
    cohorts = cohorts_in_order(await uow.programmes.open_cohorts_locked(programme.id, today), today)
    if cohort_id is not None:
        cohorts = [c for c in cohorts if c.id == cohort_id]
    cadre_ids = [r.cadre_id for r in requests]
    active = await uow.enrolments.active_in_programme(programme.id, cadre_ids)
    assignments = assign_seats(cohorts, cadre_ids, set(active))
    waiting = sorted({a.cohort.id for a in assignments if a.cohort and a.result == WAITLISTED})
    in_line = await uow.enrolments.line_lengths(waiting) if waiting else {}
    now = utc_now()
    added: list[Enrolment] = []
    events: list[tuple[EventPayload, str]] = []
    outcomes: list[Outcome] = []
    seats: Counter[str] = Counter()
    made: dict[str, str] = {}
    by_id = {cohort.id: cohort for cohort in cohorts}
    for request, assignment in zip(requests, assignments):
        if assignment.cohort is None:
            # Already enrolled may mean by a place made a moment ago in this same batch.
            holder = active.get(request.cadre_id) or made.get(request.cadre_id)
            outcomes.append(Outcome(assignment.result, holder))
            continue
        cohort = assignment.cohort
        # One microsecond apart, cadres placed together stand in line in the order they came.
        placed_at = now + timedelta(microseconds=len(added))
        enrolment = _new_enrolment(programme, cohort, request, assignment.result, placed_at)
        added.append(enrolment)
        event: EventPayload
        if enrolment.status == WAITLISTED:
            in_line[cohort.id] = in_line.get(cohort.id, 0) + 1
            event = waitlisted_event(programme, cohort, enrolment, in_line[cohort.id])
        else:
            seats[cohort.id] += 1
            event = created_event(programme, cohort, enrolment)
        events.append((event, request.cadre_id))
        outcomes.append(Outcome(assignment.result, enrolment.id, cohort.id))
        made[request.cadre_id] = enrolment.id
    await uow.enrolments.add(added)
    for seated_cohort, taken in seats.items():
        await uow.programmes.save_cohort(by_id[seated_cohort].seats_given(taken))
    await uow.emit_many(events)
    return outcomes


async def promote_waitlisted(uow: DevelopmentUnitOfWork, cohort_id: str) -> list[str]:
    """Hands every free seat of the cohort to the first in line; returns the promoted enrolments."""
    cohort = await uow.programmes.cohort(cohort_id, lock=True)
    if cohort is None or cohort.free_seats <= 0:
        return []
    waiting = await uow.enrolments.waiting_for(cohort_id, cohort.free_seats)
    after, promoted = cohort.promoted(waiting, utc_now())
    if not promoted:
        return []
    programme = await uow.programmes.get(cohort.programme_id)
    assert programme is not None, f"cohort {cohort.id} names no programme"
    for enrolment in promoted:
        await uow.enrolments.save(enrolment)
    await uow.programmes.save_cohort(after)
    await uow.emit_many(
        [(created_event(programme, after, e, promoted=True), e.cadre_id) for e in promoted]
    )
    return [e.id for e in promoted]
