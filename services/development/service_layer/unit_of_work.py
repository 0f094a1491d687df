"""The development service's unit of work and the repositories it holds.

Handlers depend only on the interfaces here; `SqlUnitOfWork` is the PostgreSQL implementation,
one transaction of services.common.unit_of_work with the repositories on its session (tests use
the in-memory fakes of tests/unit/development/fakes.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Any, Protocol

from schemas.envelope import Envelope, EventPayload
from schemas.events import BottomRanked, CapabilityProfileComputed, WeaknessFlagged
from services.common.unit_of_work import UnitOfWork
from services.development.adapters.clustering_repository import SqlClusteringRunRepository
from services.development.adapters.enrolment_repository import SqlEnrolmentRepository
from services.development.adapters.finding_repository import SqlFindingRepository
from services.development.adapters.profile_repository import SqlProfileRepository
from services.development.adapters.programme_repository import SqlProgrammeRepository
from services.development.adapters.roster_repository import SqlRosterRepository
from services.development.domain.clearing import EnrolmentNote
from services.development.domain.cluster_report import ClusterSummary, CommonGap
from services.development.domain.effect import ScoreChange
from services.development.domain.enrolments import Enrolment
from services.development.domain.gaps import PeriodProfiles
from services.development.domain.programmes import Cohort, Programme
from services.development.domain.projection import Projection

Finding = WeaknessFlagged | BottomRanked
# (cadre id, cause, outcome, enrolment id): how a claimed finding was settled.
Settlement = tuple[str, str, str, str | None]


class ProgrammeRepository(Protocol):
    async def add(self, programme: Programme) -> bool: ...
    async def get(self, programme_id: str) -> Programme | None: ...
    async def all(self) -> list[Programme]: ...
    async def for_capabilities(self, capabilities: list[str]) -> list[Programme]: ...
    async def remedial(self) -> list[Programme]: ...
    async def add_cohort(self, cohort: Cohort) -> bool: ...
    async def cohort(self, cohort_id: str, lock: bool = False) -> Cohort | None: ...
    async def open_cohorts_locked(self, programme_id: str, today: date) -> list[Cohort]: ...
    async def save_cohort(self, cohort: Cohort) -> None: ...


class EnrolmentRepository(Protocol):
    async def active_in_programme(
        self, programme_id: str, cadre_ids: list[str]
    ) -> dict[str, str]: ...
    async def add(self, added: list[Enrolment]) -> None: ...
    async def get(self, enrolment_id: str) -> Enrolment | None: ...
    async def save(self, enrolment: Enrolment) -> None: ...
    async def line_lengths(self, cohort_ids: list[str]) -> dict[str, int]: ...
    async def waiting_for(self, cohort_id: str, seats: int) -> list[Enrolment]: ...
    async def add_note(self, note: EnrolmentNote) -> bool: ...


class FindingRepository(Protocol):
    async def claim(self, findings: list[tuple[str, str, Finding]]) -> set[tuple[str, str]]: ...
    async def settle(self, settled: list[Settlement]) -> None: ...
    async def unplaced(self, outcomes: tuple[str, ...], limit: int) -> list[Finding]: ...
    async def clear(self, cadre_id: str, cause: str) -> str | None: ...
    async def relying_on(self, enrolment_id: str, other_than: str) -> list[str]: ...


class RosterRepository(Protocol):
    async def positions(self, cadre_ids: list[str]) -> dict[str, tuple[str, str]]: ...


class ProfileRepository(Protocol):
    async def record(self, event: CapabilityProfileComputed) -> None: ...
    async def latest_period(self) -> str | None: ...
    async def period_profiles(self, period: str) -> PeriodProfiles: ...
    async def score_changes(
        self, programme_id: str, capability: str, before: str, after: str
    ) -> list[ScoreChange]: ...


class ClusteringRunRepository(Protocol):
    async def add(
        self,
        values: dict[str, Any],
        summaries: list[ClusterSummary],
        common_gaps: Sequence[CommonGap] = (),
        projection: Projection | None = None,
    ) -> None: ...


class DevelopmentUnitOfWork(Protocol):
    """One transaction: what it changes commits together with the events it emits, or nothing does."""

    programmes: ProgrammeRepository
    enrolments: EnrolmentRepository
    findings: FindingRepository
    roster: RosterRepository
    profiles: ProfileRepository
    clustering_runs: ClusteringRunRepository

    @property
    def emitted(self) -> list[Envelope]: ...
    async def emit(self, payload: EventPayload, key: str) -> Envelope: ...
    async def emit_many(self, events: list[tuple[EventPayload, str]]) -> list[Envelope]: ...
    async def __aenter__(self) -> DevelopmentUnitOfWork: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class SqlUnitOfWork:
    """The repositories on the session of one platform unit of work (whose outbox takes the events).

    Entered, it opens and commits its own transaction; `joining` one a consumer batch already
    opened, it leaves committing to the batch.
    """

    programmes: ProgrammeRepository
    enrolments: EnrolmentRepository
    findings: FindingRepository
    roster: RosterRepository
    profiles: ProfileRepository
    clustering_runs: ClusteringRunRepository

    def __init__(self, transaction: UnitOfWork):
        self._transaction = transaction

    @classmethod
    def joining(cls, transaction: UnitOfWork) -> SqlUnitOfWork:
        unit = cls(transaction)
        unit._attach()
        return unit

    def _attach(self) -> None:
        session = self._transaction.session
        assert session is not None, "the unit of work has no transaction yet"
        self.programmes = SqlProgrammeRepository(session)
        self.enrolments = SqlEnrolmentRepository(session)
        self.findings = SqlFindingRepository(session)
        self.roster = SqlRosterRepository(session)
        self.profiles = SqlProfileRepository(session)
        self.clustering_runs = SqlClusteringRunRepository(session)

    @property
    def emitted(self) -> list[Envelope]:
        return self._transaction.emitted

    async def emit(self, payload: EventPayload, key: str) -> Envelope:
        return await self._transaction.emit(payload, key)

    async def emit_many(self, events: list[tuple[EventPayload, str]]) -> list[Envelope]:
        return await self._transaction.emit_many(events)

    async def __aenter__(self) -> SqlUnitOfWork:
        await self._transaction.__aenter__()
        self._attach()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._transaction.__aexit__(exc_type, exc, tb)
