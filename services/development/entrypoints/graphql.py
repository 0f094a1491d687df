"""The development subgraph: programmes, cohorts, enrolments, training effect, gap clustering."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import NotFound, PermissionDenied
from services.common.graphql import federation_schema, principal_of, roles
from services.common.settings import PlatformSettings
from services.development.adapters import (
    clustering_repository,
    enrolment_repository,
    programme_repository,
)
from services.development.domain.programmes import Cohort as CohortRecord
from services.development.domain.programmes import Eligibility
from services.development.domain.programmes import Programme as ProgrammeRecord
from services.development.entrypoints.access import CATALOGUE_READERS, MANAGERS, STAFF
from services.development.entrypoints.graphql_types import (
    Cadre,
    ClusteringRun,
    Cohort,
    Enrolment,
    Programme,
    TrainingEffectOnCapability,
    TrainingEffectReport,
    session,
)
from services.development.service_layer import enrolment_commands, programme_commands
from services.development.service_layer.clustering_runs import run_clustering
from services.development.service_layer.effect_queries import training_effect


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


async def _enrolment(info: Info, enrolment_id: str) -> Enrolment:
    async with session(info) as s:
        row = await enrolment_repository.get_enrolment_row(s, enrolment_id)
    if row is None:
        raise NotFound(f"no enrolment {enrolment_id!r}")
    return Enrolment.from_row(row)


async def _cohort(info: Info, cohort_id: str) -> Cohort:
    async with session(info) as s:
        cohort = await programme_repository.get_cohort(s, cohort_id)
    if cohort is None:
        raise NotFound(f"no cohort {cohort_id!r}")
    return Cohort.from_record(cohort)


async def _run(info: Info, run_id: str) -> ClusteringRun | None:
    async with session(info) as s:
        row = await clustering_repository.get_run(s, run_id)
    return ClusteringRun.from_row(row) if row else None


@strawberry.type
class Query:
    @strawberry.field
    def development_service_version(self) -> str:
        return "1"

    @strawberry.field(
        extensions=roles(*CATALOGUE_READERS), description="Programmes, highest priority first."
    )
    async def programmes(
        self, info: Info, kind: str | None = None, capability: str | None = None
    ) -> list[Programme]:
        async with session(info) as s:
            return [
                Programme.from_record(p)
                for p in await programme_repository.list_programmes(s, kind, capability)
            ]

    @strawberry.field(extensions=roles(*CATALOGUE_READERS))
    async def programme(self, info: Info, id: strawberry.ID) -> Programme | None:
        async with session(info) as s:
            record = await programme_repository.get_programme(s, id)
        return Programme.from_record(record) if record else None

    @strawberry.field(extensions=roles(*CATALOGUE_READERS))
    async def cohort(self, info: Info, id: strawberry.ID) -> Cohort:
        return await _cohort(info, id)

    @strawberry.field(
        extensions=roles(*STAFF, Role.CADRE),
        description="Enrolments matching every filter given, newest first; a cadre sees only their own.",
    )
    async def enrolments(
        self,
        info: Info,
        cadre_id: strawberry.ID | None = None,
        programme_id: strawberry.ID | None = None,
        cohort_id: strawberry.ID | None = None,
        status: str | None = None,
        limit: int = 200,
    ) -> list[Enrolment]:
        principal = principal_of(info)
        if principal.role is Role.CADRE:
            cadre_id = cadre_id or principal.cadre_id
            if not cadre_id:
                raise PermissionDenied(
                    "a cadre's token must name the cadre (cadre_id) to read enrolments"
                )
            principal.require_cadre(cadre_id)
        async with session(info) as s:
            rows = await enrolment_repository.find_enrolments(
                s,
                cadre_id=cadre_id,
                programme_id=programme_id,
                cohort_id=cohort_id,
                status=status,
                limit=max(1, min(limit, 1000)),
            )
        return [Enrolment.from_row(r) for r in rows]

    @strawberry.field(extensions=roles(*STAFF, Role.CADRE))
    async def enrolment(self, info: Info, id: strawberry.ID) -> Enrolment:
        enrolment = await _enrolment(info, id)
        principal_of(info).require_cadre(enrolment.cadre_id)
        return enrolment

    @strawberry.field(
        extensions=roles(*STAFF),
        description="Cadres waiting for a seat in a cohort, first in line first.",
    )
    async def waitlist(self, info: Info, cohort_id: strawberry.ID) -> list[Enrolment]:
        return await (await _cohort(info, cohort_id)).waitlist(info)

    @strawberry.field(
        extensions=roles(*STAFF),
        description="Change of the programme's capabilities from one period to another, enrolled cadres against "
        "comparable cadres (same peer group) not enrolled: a difference in differences with the group sizes.",
    )
    async def training_effect(
        self, info: Info, programme_id: strawberry.ID, before_period: str, after_period: str
    ) -> TrainingEffectReport:
        async with session(info) as s:
            programme, effects = await training_effect(s, programme_id, before_period, after_period)
        return TrainingEffectReport(
            programme=Programme.from_record(programme),
            before_period=before_period,
            after_period=after_period,
            capabilities=[TrainingEffectOnCapability.from_domain(e) for e in effects],
        )

    @strawberry.field(extensions=roles(*STAFF), description="Clustering runs, newest first.")
    async def clustering_runs(self, info: Info, limit: int = 20) -> list[ClusteringRun]:
        async with session(info) as s:
            rows = await clustering_repository.list_runs(s, max(1, min(limit, 200)))
        return [ClusteringRun.from_row(r) for r in rows]

    @strawberry.field(extensions=roles(*STAFF))
    async def clustering_run(self, info: Info, id: strawberry.ID) -> ClusteringRun | None:
        return await _run(info, id)


@strawberry.type
class Mutation:
    @strawberry.mutation(extensions=roles(*MANAGERS))
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
        async with info.context.platform.unit_of_work() as uow:
            await programme_commands.create_programme(uow, record)
        return Programme.from_record(record)

    @strawberry.mutation(extensions=roles(*MANAGERS))
    async def add_cohort(self, info: Info, input: CohortInput) -> Cohort:
        record = CohortRecord(
            id=(input.id or f"{input.programme_id}-{input.starts_on.isoformat()}").strip(),
            programme_id=input.programme_id,
            name=input.name,
            starts_on=input.starts_on,
            ends_on=input.ends_on,
            capacity=input.capacity,
        )
        async with info.context.platform.unit_of_work() as uow:
            await programme_commands.add_cohort(uow, record)
        return Cohort.from_record(record)

    @strawberry.mutation(
        extensions=roles(*MANAGERS), description="Extra seats go to the first in line at once."
    )
    async def set_cohort_capacity(
        self, info: Info, cohort_id: strawberry.ID, capacity: int
    ) -> Cohort:
        async with info.context.platform.unit_of_work() as uow:
            await programme_commands.set_cohort_capacity(uow, cohort_id, capacity)
        return await _cohort(info, cohort_id)

    @strawberry.mutation(
        extensions=roles(*MANAGERS),
        description="Enrols a cadre by hand: the cohort given, or the earliest with a free seat; waitlisted when full.",
    )
    async def enrol_cadre(
        self,
        info: Info,
        cadre_id: strawberry.ID,
        programme_id: strawberry.ID,
        reason: str,
        cohort_id: strawberry.ID | None = None,
    ) -> Enrolment:
        async with info.context.platform.unit_of_work() as uow:
            outcome = await enrolment_commands.enrol_by_hand(
                uow, principal_of(info), cadre_id, programme_id, cohort_id, reason
            )
        return await _enrolment(info, outcome.enrolment_id)

    @strawberry.mutation(
        extensions=roles(*MANAGERS), description="Frees the seat for the first in line."
    )
    async def cancel_enrolment(
        self, info: Info, enrolment_id: strawberry.ID, reason: str
    ) -> Enrolment:
        async with info.context.platform.unit_of_work() as uow:
            await enrolment_commands.cancel_enrolment(uow, principal_of(info), enrolment_id, reason)
        return await _enrolment(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(*MANAGERS),
        description="Moves an enrolment to another cohort of its programme (waitlisted there when it is full).",
    )
    async def move_enrolment(
        self, info: Info, enrolment_id: strawberry.ID, cohort_id: strawberry.ID, reason: str
    ) -> Enrolment:
        async with info.context.platform.unit_of_work() as uow:
            await enrolment_commands.move_enrolment(
                uow, principal_of(info), enrolment_id, cohort_id, reason
            )
        return await _enrolment(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(*MANAGERS),
        description="Records the practical evaluation of a cadre off post: a pass returns the cadre to post "
        "(ReturnToPostApproved), a fail keeps them off post (ReturnToPostDenied).",
    )
    async def record_evaluation(
        self,
        info: Info,
        enrolment_id: strawberry.ID,
        passed: bool,
        score: float | None = None,
        note: str | None = None,
    ) -> Enrolment:
        async with info.context.platform.unit_of_work() as uow:
            await enrolment_commands.record_evaluation(uow, enrolment_id, score, passed, note)
        return await _enrolment(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(Role.ADMIN),
        description="Clusters the capability gaps of a period (default: the latest) now and returns the run; "
        "a run without enough or with constant data says why in its message.",
    )
    async def retrain_clustering(self, info: Info, period: str | None = None) -> ClusteringRun:
        platform = info.context.platform
        run_id = await run_clustering(
            platform.session_factory, platform.settings, period, principal_of(info).subject
        )
        return await _run(info, run_id)


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(settings, query=Query, mutation=Mutation, types=[Cadre])
