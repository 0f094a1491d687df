"""GraphQL output types of the development subgraph, and how domain data maps onto them."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from services.common.auth import Role
from services.common.graphql import principal_of
from services.common.roster import roster_entry
from services.development.adapters import clustering_repository
from services.development.adapters import enrolment_repository as enrolments
from services.development.adapters import programme_repository as programmes
from services.development.adapters.tables import metadata
from services.development.domain import effect as effect_domain
from services.development.domain import enrolments as rules
from services.development.domain.programmes import Cohort as CohortRecord
from services.development.domain.programmes import Programme as ProgrammeRecord
from services.development.entrypoints.access import STAFF


def session(info: Info):
    return info.context.platform.session_factory()


@strawberry.type(
    description="A place of a cadre in a cohort: seated, in line, completed or cancelled."
)
class Enrolment:
    id: strawberry.ID
    cadre_id: strawberry.ID
    programme_id: strawberry.ID
    cohort_id: strawberry.ID
    status: str = strawberry.field(description="enrolled, waitlisted, completed or cancelled.")
    source: str = strawberry.field(description="weakness, bottom_ranked or manual.")
    capability: str | None
    period: str | None
    reason: str
    full_time: bool
    off_post: bool = strawberry.field(
        description="True while a full-time place keeps the cadre off post."
    )
    created_at: datetime
    seated_at: datetime | None
    waitlisted_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str | None
    cancelled_by: str | None
    completed_on: date | None
    attendance_rate: float | None
    result_score: float | None
    passed: bool | None
    evaluation_score: float | None
    evaluation_passed: bool | None
    evaluated_at: datetime | None
    returned_to_post_at: datetime | None
    waitlist_position: int | None = strawberry.field(
        description="Place in the cohort's line (1: next to get a seat); null unless waitlisted."
    )

    @classmethod
    def from_row(cls, row: sa.Row) -> Enrolment:
        return cls(
            id=strawberry.ID(row.id),
            cadre_id=strawberry.ID(row.cadre_id),
            programme_id=strawberry.ID(row.programme_id),
            cohort_id=strawberry.ID(row.cohort_id),
            status=row.status,
            source=row.source,
            capability=row.capability,
            period=row.period,
            reason=row.reason,
            full_time=row.full_time,
            off_post=enrolments.enrolment_from_row(row).off_post,
            created_at=row.created_at,
            seated_at=row.seated_at,
            waitlisted_at=row.waitlisted_at,
            cancelled_at=row.cancelled_at,
            cancel_reason=row.cancel_reason,
            cancelled_by=row.cancelled_by,
            completed_on=row.completed_on,
            attendance_rate=row.attendance_rate,
            result_score=row.result_score,
            passed=row.passed,
            evaluation_score=row.evaluation_score,
            evaluation_passed=row.evaluation_passed,
            evaluated_at=row.evaluated_at,
            returned_to_post_at=row.returned_to_post_at,
            waitlist_position=row.waitlist_position,
        )

    @strawberry.field
    async def programme(self, info: Info) -> Programme | None:
        async with session(info) as s:
            record = await programmes.get_programme(s, self.programme_id)
        return Programme.from_record(record) if record else None

    @strawberry.field
    def cadre(self) -> Cadre:
        return Cadre(id=self.cadre_id)


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

    @strawberry.field(description="Enrolments of the cohort, optionally of one status.")
    async def enrolments(self, info: Info, status: str | None = None) -> list[Enrolment]:
        principal_of(info).require_role(*STAFF)
        async with session(info) as s:
            rows = await enrolments.find_enrolments(s, cohort_id=self.id, status=status, limit=1000)
        return [Enrolment.from_row(r) for r in rows]

    @strawberry.field(description="Cadres waiting for a seat, first in line first.")
    async def waitlist(self, info: Info) -> list[Enrolment]:
        return await self.enrolments(info, rules.WAITLISTED)


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
        async with session(info) as s:
            return [Cohort.from_record(c) for c in await programmes.list_cohorts(s, [self.id])]


@strawberry.federation.type(
    keys=["id"], description="A cadre, as the development service sees them."
)
class Cadre:
    id: strawberry.ID

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Cadre:
        principal_of(info).require_cadre(id)
        return cls(id=id)

    @strawberry.field(description="When development learnt of the cadre (null: not yet).")
    async def development_rostered_at(self, info: Info) -> datetime | None:
        async with session(info) as s:
            entry = await roster_entry(s, metadata, self.id)
        return entry.recorded_at if entry else None

    @strawberry.field(
        description="The cadre's enrolments, newest first (staff, or the cadre themself)."
    )
    async def enrolments(self, info: Info, status: str | None = None) -> list[Enrolment]:
        principal = principal_of(info)
        principal.require_role(*STAFF, Role.CADRE)
        principal.require_cadre(self.id)
        async with session(info) as s:
            rows = await enrolments.find_enrolments(s, cadre_id=self.id, status=status)
        return [Enrolment.from_row(r) for r in rows]

    @strawberry.field(
        description="True while a full-time programme keeps the cadre off post (no passed evaluation yet)."
    )
    async def off_post(self, info: Info) -> bool:
        return any(e.off_post for e in await self.enrolments(info))


@strawberry.type
class PeerGroupTrainingEffect:
    unit_category: str
    position_level: str
    enrolled_count: int
    comparison_count: int
    enrolled_before: float | None
    enrolled_after: float | None
    comparison_before: float | None
    comparison_after: float | None
    difference_in_differences: float | None = strawberry.field(
        description="(enrolled after - before) - (comparison after - before); null without both kinds of cadre."
    )


@strawberry.type(description="Training effect on one capability the programme addresses.")
class TrainingEffectOnCapability:
    capability: str
    difference_in_differences: float | None = strawberry.field(
        description="Peer-group effects weighted by enrolled cadres; null when no group can be compared."
    )
    enrolled_count: int = strawberry.field(description="Enrolled cadres in comparable peer groups.")
    comparison_count: int = strawberry.field(description="Comparable cadres not enrolled.")
    unmatched_enrolled_count: int = strawberry.field(
        description="Enrolled cadres without comparable cadres."
    )
    peer_groups: list[PeerGroupTrainingEffect]

    @classmethod
    def from_domain(cls, effect: effect_domain.CapabilityEffect) -> TrainingEffectOnCapability:
        return cls(
            capability=effect.capability,
            difference_in_differences=effect.difference_in_differences,
            enrolled_count=effect.enrolled_count,
            comparison_count=effect.comparison_count,
            unmatched_enrolled_count=effect.unmatched_enrolled_count,
            peer_groups=[
                PeerGroupTrainingEffect(
                    unit_category=g.unit_category,
                    position_level=g.position_level,
                    enrolled_count=g.enrolled_count,
                    comparison_count=g.comparison_count,
                    enrolled_before=g.enrolled_before,
                    enrolled_after=g.enrolled_after,
                    comparison_before=g.comparison_before,
                    comparison_after=g.comparison_after,
                    difference_in_differences=g.difference_in_differences,
                )
                for g in effect.groups
            ],
        )


@strawberry.type(
    description="Difference in differences of a programme's capabilities between two periods."
)
class TrainingEffectReport:
    programme: Programme
    before_period: str
    after_period: str
    capabilities: list[TrainingEffectOnCapability]


@strawberry.type
class PositionLevelShare:
    position_level: str
    share: float = strawberry.field(
        description="Share of all cadres of this level that fall in the cluster."
    )


@strawberry.type
class CapabilityMeanGap:
    capability: str
    mean_gap: float = strawberry.field(description="Mean points below full marks in the cluster.")


@strawberry.type(description="A group of cadres with similar capability gaps.")
class GapCluster:
    index: int
    size: int
    share: float = strawberry.field(description="Share of all cadres clustered.")
    level_shares: list[PositionLevelShare]
    mean_gaps: list[CapabilityMeanGap]
    defining_capabilities: list[str] = strawberry.field(
        description="Gaps well above average, largest first."
    )
    recommendation: str

    @classmethod
    def from_row(cls, row: sa.Row) -> GapCluster:
        return cls(
            index=row.index,
            size=row.size,
            share=row.share,
            level_shares=[
                PositionLevelShare(position_level=k, share=v)
                for k, v in sorted(row.level_shares.items())
            ],
            mean_gaps=[
                CapabilityMeanGap(capability=k, mean_gap=v)
                for k, v in sorted(row.mean_gaps.items())
            ],
            defining_capabilities=list(row.defining_capabilities),
            recommendation=row.recommendation,
        )


@strawberry.type
class SilhouetteOfK:
    k: int
    silhouette: float


@strawberry.type(description="One clustering of the cadres' capability-gap vectors of a period.")
class ClusteringRun:
    id: strawberry.ID
    period: str | None
    status: str = strawberry.field(description="completed, or not_run with the reason in message.")
    message: str
    requested_by: str
    cadre_count: int
    capabilities: list[str]
    k: int | None
    silhouette: float | None = strawberry.field(
        description="Mean silhouette of the final clusters on a sample."
    )
    silhouette_by_k: list[SilhouetteOfK]
    sklearn_version: str
    data_snapshot: str | None = strawberry.field(
        description="sha256 of the vectors the model was fitted on."
    )
    started_at: datetime
    seconds: float
    model_location: str | None = strawberry.field(
        description="File of the model when kept in a folder."
    )

    @classmethod
    def from_row(cls, row: sa.Row) -> ClusteringRun:
        return cls(
            id=strawberry.ID(row.id),
            period=row.period,
            status=row.status,
            message=row.message,
            requested_by=row.requested_by,
            cadre_count=row.cadre_count,
            capabilities=list(row.capabilities),
            k=row.k,
            silhouette=row.silhouette,
            silhouette_by_k=[
                SilhouetteOfK(k=int(k), silhouette=v)
                for k, v in sorted(row.silhouette_by_k.items(), key=lambda item: int(item[0]))
            ],
            sklearn_version=row.sklearn_version,
            data_snapshot=row.data_snapshot,
            started_at=row.started_at,
            seconds=row.seconds,
            model_location=row.model_location,
        )

    @strawberry.field
    async def clusters(self, info: Info) -> list[GapCluster]:
        async with session(info) as s:
            return [
                GapCluster.from_row(r) for r in await clustering_repository.run_clusters(s, self.id)
            ]
