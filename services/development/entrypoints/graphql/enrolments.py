"""Enrolments in GraphQL: reading them (a cadre only their own) and changing them by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from services.common.errors import NotFound
from services.common.graphql import principal_of, roles
from services.common.personal_data import personal_data
from services.development.adapters import enrolment_queries, programme_queries
from services.development.adapters.enrolment_repository import enrolment_from_row
from services.development.domain import access
from services.development.domain.enrolments import WAITLISTED
from services.development.entrypoints.graphql.context import development, reading
from services.development.service_layer import handlers

if TYPE_CHECKING:
    from services.development.entrypoints.graphql.cadre import Cadre
    from services.development.entrypoints.graphql.programmes import Programme

_PROGRAMMES = "services.development.entrypoints.graphql.programmes"
_CADRE = "services.development.entrypoints.graphql.cadre"


@strawberry.type(description="A remark the service recorded on an enrolment, and why.")
class EnrolmentNote:
    cause: str = strawberry.field(
        description="What it is about, e.g. weakness_cleared:<capability>:<period>."
    )
    note: str
    written_by: str
    written_at: datetime

    @classmethod
    def from_row(cls, row: sa.Row) -> EnrolmentNote:
        return cls(
            cause=row.cause, note=row.note, written_by=row.written_by, written_at=row.written_at
        )


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
    notes: list[EnrolmentNote] = strawberry.field(
        description="Remarks recorded on the place, oldest first (e.g. a weakness cleared while "
        "the programme was under way)."
    )

    @classmethod
    def from_row(cls, row: sa.Row, notes: list[sa.Row] | None = None) -> Enrolment:
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
            off_post=enrolment_from_row(row).off_post,
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
            notes=[EnrolmentNote.from_row(n) for n in notes or []],
        )

    @strawberry.field
    async def programme(
        self, info: Info
    ) -> Annotated[Programme, strawberry.lazy(_PROGRAMMES)] | None:
        # The areas refer to each other's types; this one is taken when first asked for.
        from services.development.entrypoints.graphql.programmes import Programme

        async with reading(info) as s:
            record = await programme_queries.get_programme(s, self.programme_id)
        return Programme.from_record(record) if record else None

    @strawberry.field
    def cadre(self) -> Annotated[Cadre, strawberry.lazy(_CADRE)]:
        from services.development.entrypoints.graphql.cadre import Cadre

        return Cadre(id=self.cadre_id)


async def find_enrolments(info: Info, **filters: str | int | None) -> list[Enrolment]:
    async with reading(info) as s:
        rows = await enrolment_queries.find_enrolments(s, **filters)  # type: ignore[arg-type]
        notes = await enrolment_queries.notes_of(s, [r.id for r in rows])
    return [Enrolment.from_row(r, notes.get(r.id)) for r in rows]


async def enrolment_by_id(info: Info, enrolment_id: str) -> Enrolment:
    async with reading(info) as s:
        row = await enrolment_queries.get_enrolment(s, enrolment_id)
        notes = await enrolment_queries.notes_of(s, [row.id]) if row else {}
    if row is None:
        raise NotFound(f"no enrolment {enrolment_id!r}")
    return Enrolment.from_row(row, notes.get(row.id))


async def cohort_enrolments(info: Info, cohort_id: str, status: str | None) -> list[Enrolment]:
    access.require_cohort_reader(principal_of(info))
    return await find_enrolments(info, cohort_id=cohort_id, status=status, limit=1000)


async def cohort_waitlist(info: Info, cohort_id: str) -> list[Enrolment]:
    return await cohort_enrolments(info, cohort_id, WAITLISTED)


@strawberry.type
class EnrolmentQueries:
    @strawberry.field(
        extensions=[*roles(*access.ENROLMENT_READERS), *personal_data("enrolments")],
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
        return await find_enrolments(
            info,
            cadre_id=access.enrolments_visible_to(principal_of(info), cadre_id),
            programme_id=programme_id,
            cohort_id=cohort_id,
            status=status,
            limit=limit,
        )

    @strawberry.field(extensions=[*roles(*access.ENROLMENT_READERS), *personal_data("enrolments")])
    async def enrolment(self, info: Info, id: strawberry.ID) -> Enrolment:
        enrolment = await enrolment_by_id(info, id)
        access.require_enrolment_reader(principal_of(info), enrolment.cadre_id)
        return enrolment

    @strawberry.field(
        extensions=[*roles(*access.STAFF), *personal_data("enrolments")],
        description="Cadres waiting for a seat in a cohort, first in line first.",
    )
    async def waitlist(self, info: Info, cohort_id: strawberry.ID) -> list[Enrolment]:
        async with reading(info) as s:
            cohort = await programme_queries.get_cohort(s, cohort_id)
        if cohort is None:
            raise NotFound(f"no cohort {cohort_id!r}")
        return await cohort_waitlist(info, cohort.id)


@strawberry.type
class EnrolmentMutations:
    @strawberry.mutation(
        extensions=roles(*access.MANAGERS),
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
        outcome = await development(info).execute(
            handlers.enrol_cadre,
            principal_of(info).subject,
            cadre_id,
            programme_id,
            cohort_id,
            reason,
        )
        assert outcome.enrolment_id is not None
        return await enrolment_by_id(info, outcome.enrolment_id)

    @strawberry.mutation(
        extensions=roles(*access.MANAGERS), description="Frees the seat for the first in line."
    )
    async def cancel_enrolment(
        self, info: Info, enrolment_id: strawberry.ID, reason: str
    ) -> Enrolment:
        await development(info).execute(
            handlers.cancel_enrolment, principal_of(info).subject, enrolment_id, reason
        )
        return await enrolment_by_id(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(*access.MANAGERS),
        description="Moves an enrolment to another cohort of its programme (waitlisted there when it is full).",
    )
    async def move_enrolment(
        self, info: Info, enrolment_id: strawberry.ID, cohort_id: strawberry.ID, reason: str
    ) -> Enrolment:
        await development(info).execute(
            handlers.move_enrolment, principal_of(info).subject, enrolment_id, cohort_id, reason
        )
        return await enrolment_by_id(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(*access.MANAGERS),
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
        await development(info).execute(
            handlers.record_evaluation, enrolment_id, score, passed, note
        )
        return await enrolment_by_id(info, enrolment_id)

    @strawberry.mutation(
        extensions=roles(*access.MANAGERS),
        description="Records a trainer's completion report, checked and applied exactly as one on "
        "development.completions.v1 (the signed-in trainer is the reporter); for a full-time programme "
        "the report is the practical evaluation.",
    )
    async def record_completion(
        self,
        info: Info,
        enrolment_id: strawberry.ID,
        attendance_rate: Annotated[
            float,
            strawberry.argument(description="Share of sessions attended, 0 to 1 (0.95 = 95%)."),
        ],
        result_score: Annotated[
            float, strawberry.argument(description="The cadre's result, 0-100.")
        ],
        passed: bool,
        completed_on: Annotated[
            date, strawberry.argument(description="Day the programme ended for the cadre.")
        ],
    ) -> Enrolment:
        await development(info).execute(
            handlers.record_completion,
            principal_of(info).subject,
            enrolment_id,
            attendance_rate,
            result_score,
            passed,
            completed_on,
        )
        return await enrolment_by_id(info, enrolment_id)
