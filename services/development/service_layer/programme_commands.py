"""Setting up programmes and cohorts."""

from __future__ import annotations

from services.common.errors import Conflict, NotFound, invalid
from services.common.unit_of_work import UnitOfWork
from services.development.adapters import programme_repository as programmes
from services.development.domain.programmes import Cohort, Programme, check_cohort, check_programme
from services.development.service_layer.placement_handlers import place_unplaced
from services.development.service_layer.seating import promote_waitlisted


async def create_programme(uow: UnitOfWork, programme: Programme) -> Programme:
    check_programme(programme)
    if not await programmes.add_programme(uow.session, programme):
        raise Conflict(f"a programme with id {programme.id!r} exists already")
    await place_unplaced(uow)
    return programme


async def add_cohort(uow: UnitOfWork, cohort: Cohort) -> Cohort:
    if await programmes.get_programme(uow.session, cohort.programme_id) is None:
        raise NotFound(f"no programme {cohort.programme_id!r}")
    check_cohort(cohort)
    if not await programmes.add_cohort(uow.session, cohort):
        raise Conflict(f"a cohort with id {cohort.id!r} exists already; give another id")
    await place_unplaced(uow)
    return cohort


async def set_cohort_capacity(uow: UnitOfWork, cohort_id: str, capacity: int) -> list[str]:
    """New seats go to the first in line at once; returns the enrolments promoted."""
    cohort = await programmes.get_cohort(uow.session, cohort_id, lock=True)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    if capacity < max(cohort.seats_taken, 1):
        raise invalid(
            "capacity",
            "not_below_seats_taken",
            f"cohort {cohort_id} has {cohort.seats_taken} seats taken; capacity cannot go below that (or below 1)",
            capacity,
        )
    await programmes.set_capacity(uow.session, cohort_id, capacity)
    return await promote_waitlisted(uow, cohort_id)
