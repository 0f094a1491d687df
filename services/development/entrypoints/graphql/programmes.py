"""Programmes and cohorts in GraphQL: the catalogue, and setting it up."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from services.common.errors import NotFound
from services.common.graphql import roles
from services.common.personal_data import personal_data
from services.development.adapters import programme_queries
from services.development.domain import access
from services.development.domain.programmes import Cohort as CohortRecord
from services.development.domain.programmes import Eligibility
from services.development.domain.programmes import Programme as ProgrammeRecord
from services.development.entrypoints.graphql.context import development, reading
from services.development.entrypoints.graphql.enrolments import (
    Enrolment,
    cohort_enrolments,
    cohort_waitlist,
)
from services.development.service_layer import handlers


@strawberry.type(description="One run of a programme, with its dates, seats and line.")
class Cohort:
    id: strawberry.ID
    programme_id: strawberry.ID
    name: str
    starts_on: date
    ends_on: date
    capacity: int
    seats_taken: int = strawberry.field(description="Seats held by enrolled or completed cadres.")
    free_seats: int

    @classmethod
    def from_record(cls, cohort: CohortRecord) -> Cohort:
        return cls(
            id=strawberry.ID(cohort.id),
            programme_id=strawberry.ID(cohort.programme_id),
            name=cohort.name,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
            capacity=cohort.capacity,
            seats_taken=cohort.seats_taken,
            free_seats=cohort.free_seats,
        )

    @strawberry.field(
        description="Enrolments of the cohort, optionally of one status.",
        extensions=personal_data("enrolments"),
    )
    async def enrolments(self, info: Info, status: str | None = None) -> list[Enrolment]:
        return await cohort_enrolments(info, self.id, status)

    @strawberry.field(
        description="Cadres waiting for a seat, first in line first.",
        extensions=personal_data("enrolments"),
    )
    async def waitlist(self, info: Info) -> list[Enrolment]:
        return await cohort_waitlist(info, self.id)


@strawberry.type(
    description="A development programme: a training camp, shadow posting, remedial class, night school ..."
)
class Programme:
    id: strawberry.ID
    name: str
    kind: str = strawberry.field(
        description="camp, shadow_posting, remedial, night_school or other."
    )
    capabilities: list[str] = strawberry.field(description="Capabilities the programme addresses.")
    position_levels: list[str] = strawberry.field(description="Levels admitted; empty: all.")
    unit_categories: list[str] = strawberry.field(
        description="Unit categories admitted; empty: all."
    )
    priority: int = strawberry.field(description="1 is tried first when a weakness is placed.")
    full_time: bool = strawberry.field(
        description="True: the cadre leaves the post and returns after an evaluation."
    )
    description: str

    @classmethod
    def from_record(cls, programme: ProgrammeRecord) -> Programme:
        return cls(
            id=strawberry.ID(programme.id),
            name=programme.name,
            kind=programme.kind,
            capabilities=list(programme.capabilities),
            position_levels=sorted(programme.eligibility.position_levels),
            unit_categories=sorted(programme.eligibility.unit_categories),
            priority=programme.priority,
            full_time=programme.full_time,
            description=programme.description,
        )

    @strawberry.field
    async def cohorts(self, info: Info) -> list[Cohort]:
        async with reading(info) as s:
            return [
                Cohort.from_record(c) for c in await programme_queries.list_cohorts(s, [self.id])
            ]


@strawberry.input(
    description="A new programme. Priority 1 is tried first; empty eligibility lists admit everyone."
)
class ProgrammeInput:
    id: strawberry.ID = strawberry.field(description="Stable id, e.g. digital-governance-camp.")
    name: str
    kind: str = strawberry.field(
        description="camp, shadow_posting, remedial, night_school or other."
    )
    capabilities: list[str]
    priority: int = 1
    full_time: bool = False
    position_levels: list[str] = strawberry.field(default_factory=list)
    unit_categories: list[str] = strawberry.field(default_factory=list)
    description: str = ""


@strawberry.input(description="A new cohort of a programme.")
class CohortInput:
    programme_id: strawberry.ID
    name: str
    starts_on: date
    ends_on: date
    capacity: int
    id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to <programme>-<start date>."
    )


async def cohort_by_id(info: Info, cohort_id: str) -> Cohort:
    async with reading(info) as s:
        cohort = await programme_queries.get_cohort(s, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    return Cohort.from_record(cohort)


@strawberry.type
class ProgrammeQueries:
    @strawberry.field
    def development_service_version(self) -> str:
        return "1"

    @strawberry.field(
        extensions=roles(*access.CATALOGUE_READERS),
        description="Programmes, highest priority first.",
    )
    async def programmes(
        self, info: Info, kind: str | None = None, capability: str | None = None
    ) -> list[Programme]:
        async with reading(info) as s:
            return [
                Programme.from_record(p)
                for p in await programme_queries.list_programmes(s, kind, capability)
            ]

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def programme(self, info: Info, id: strawberry.ID) -> Programme | None:
        async with reading(info) as s:
            record = await programme_queries.get_programme(s, id)
        return Programme.from_record(record) if record else None

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def cohort(self, info: Info, id: strawberry.ID) -> Cohort:
        return await cohort_by_id(info, id)


@strawberry.type
class ProgrammeMutations:
    @strawberry.mutation(extensions=roles(*access.MANAGERS))
    async def create_programme(self, info: Info, input: ProgrammeInput) -> Programme:
        record = ProgrammeRecord(
            id=input.id.strip(),
            name=input.name.strip(),
            kind=input.kind,
            capabilities=tuple(input.capabilities),
            eligibility=Eligibility(
                frozenset(input.position_levels), frozenset(input.unit_categories)
            ),
            priority=input.priority,
            full_time=input.full_time,
            description=input.description,
        )
        await development(info).execute(handlers.create_programme, record)
        return Programme.from_record(record)

    @strawberry.mutation(extensions=roles(*access.MANAGERS))
    async def add_cohort(self, info: Info, input: CohortInput) -> Cohort:
        record = CohortRecord(
            id=(input.id or f"{input.programme_id}-{input.starts_on.isoformat()}").strip(),
            programme_id=input.programme_id,
            name=input.name,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
        )
        await development(info).execute(handlers.add_cohort, record)
        return Cohort.from_record(record)

    @strawberry.mutation(
        extensions=roles(*access.MANAGERS),
        description="Extra seats go to the first in line at once.",
    )
    async def set_cohort_capacity(
        self, info: Info, cohort_id: strawberry.ID, capacity: int
    ) -> Cohort:
        await development(info).execute(handlers.set_cohort_capacity, cohort_id, capacity)
        return await cohort_by_id(info, cohort_id)
