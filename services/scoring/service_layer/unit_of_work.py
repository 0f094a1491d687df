"""The scoring service's unit of work and the repositories its case handlers use.

The interfaces are protocols: service-layer handlers of exemptions, appeals, re-scoring,
approvals, period locks, records and observations use only these, so tests/unit/scoring/fakes.py
can stand in for PostgreSQL. `SqlScoringUnitOfWork` is the real one: one database transaction
(services.common.unit_of_work) with its outbox, and the repositories bound to its session. The
scoring run and monitoring keep their bulk SQL and reach the session directly; they are tested
against the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters.appeal_repository import SqlAppealRepository
from services.scoring.adapters.approval_repository import (
    SqlApprovalRepository,
    StoredAuthorisation,
)
from services.scoring.adapters.exemption_repository import SqlExemptionRepository
from services.scoring.adapters.list_repository import SqlListsInForce
from services.scoring.adapters.observation_repository import SqlObservationRepository, Stored
from services.scoring.adapters.period_lock_repository import SqlPeriodLockRepository
from services.scoring.adapters.record_repository import SqlRecordRepository
from services.scoring.adapters.roster_repository import SqlRoster
from services.scoring.adapters.waiver_repository import SqlWaiverRepository
from services.scoring.domain.appeals import Appeal
from services.scoring.domain.approvals import ApprovalKey, ApprovalPolicy
from services.scoring.domain.exemptions import Exemption, ExemptionCategory
from services.scoring.domain.observations import Accepted, ListInForce
from services.scoring.domain.waivers import IncompleteResult, Waiver
from services.scoring.ledger.domain.leaves import LeafRecord


class AppealRepository(Protocol):
    async def get(self, appeal_id: str, for_update: bool = False) -> Appeal | None: ...
    async def add(self, appeal: Appeal) -> None: ...
    async def update(self, appeal: Appeal) -> None: ...
    async def open_for(self, appeal: Appeal) -> Appeal | None: ...
    async def counts_by_status(self, period: str) -> dict[str, int]: ...
    async def assessed_count(self) -> int: ...
    async def request_rescoring(self, appeal: Appeal, at: datetime) -> int: ...
    async def pending_rescoring_ids(self, period: str) -> set[int]: ...


class ExemptionRepository(Protocol):
    async def category(self, code: str) -> ExemptionCategory | None: ...
    async def save_category(self, category: ExemptionCategory, by: str, at: datetime) -> None: ...
    async def get(self, exemption_id: str, for_update: bool = False) -> Exemption | None: ...
    async def add(self, exemption: Exemption) -> None: ...
    async def update(self, exemption: Exemption) -> None: ...
    async def open_for(
        self, subject_kind: str, subject_id: str, period: str, indicator_code: str
    ) -> Exemption | None: ...


class ApprovalRepository(Protocol):
    """Approval keys, approval policies and the authorisations of changes to locked periods."""

    async def keys(self, key_ids: Iterable[str] | None = None) -> dict[str, ApprovalKey]: ...
    async def key_with_public_key(self, public_key: str) -> ApprovalKey | None: ...
    async def add_key(self, key: ApprovalKey, registered_by: str, at: datetime) -> None: ...
    async def revoke_key(
        self, key_id: str, revoked_by: str, at: datetime
    ) -> ApprovalKey | None: ...
    async def policy(self, change_kind: str) -> ApprovalPolicy | None: ...
    async def policies(self) -> list[ApprovalPolicy]: ...
    async def save_policy(self, saved: ApprovalPolicy, updated_by: str, at: datetime) -> None: ...
    async def add_authorisation(self, values: dict[str, Any]) -> None: ...
    async def authorisation(
        self, authorisation_id: str, for_update: bool = False
    ) -> StoredAuthorisation | None: ...
    async def mark_applied(self, authorisation_id: str, at: datetime, leaf_index: int) -> None: ...
    async def unused_authorisations(
        self, change_kind: str, record_ids: Iterable[str]
    ) -> list[StoredAuthorisation]:
        """Not yet used for these records, oldest first, held against concurrent use."""
        ...


class PeriodLockRepository(Protocol):
    async def add(
        self, period: str, reason: str, by: str, role: str, at: datetime, leaf_index: int
    ) -> None: ...
    async def has_own_lock(self, period: str) -> bool: ...
    async def covering(self, periods: Iterable[str]) -> dict[str, str]:
        """For each given period that is locked (itself, its quarter or year), the locked period."""
        ...

    async def remove(self, period: str) -> None: ...


class WaiverRepository(Protocol):
    async def incomplete_results(
        self, periods: Iterable[str], unit_id: str | None = None
    ) -> list[IncompleteResult]:
        """The stored unit results of these periods with unreported red lines or vetoes."""
        ...

    async def waivers(self, periods: Iterable[str], unit_id: str | None = None) -> list[Waiver]: ...
    async def add(self, waiver: Waiver) -> None: ...


class RecordRepository(Protocol):
    """Assessment settings, public evaluations, daily records, evaluations and areas in charge."""

    async def settings_json(self) -> dict[str, Any] | None: ...
    async def store_settings(self, data: dict[str, Any], updated_by: str) -> None: ...
    async def one_at_a_time(self, submitted_by: str) -> None:
        """Holds off this submitter's other transactions until this one ends."""
        ...

    async def submissions_since(self, submitted_by: str, since: datetime) -> int: ...
    async def add_public_evaluation(
        self,
        unit_id: str,
        period: str,
        respondent_digest: str,
        satisfaction: float,
        submitted_by: str,
    ) -> int | None:
        """The new evaluation's id, or None when this respondent already evaluated it."""
        ...

    async def add_daily_record(
        self,
        cadre_id: str,
        occurred_on: date,
        kind: str,
        points: float,
        description: str,
        recorded_by: str,
    ) -> int: ...
    async def set_evaluation(
        self, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
    ) -> None: ...
    async def set_areas(
        self, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
    ) -> None: ...


class ObservationRepository(Protocol):
    async def insert(
        self,
        accepted: list[Accepted],
        channel: str,
        reported_by: list[str],
        reported_at: list[datetime],
        event_ids: list[uuid.UUID | None] | None = None,
    ) -> list[Stored]:
        """Stores accepted observations as new revisions; their ids in the order given."""
        ...


class ListsInForce(Protocol):
    async def for_checks(
        self, wanted: Iterable[tuple[str, int, str]]
    ) -> tuple[dict[tuple[str, int], ListInForce], dict[str, tuple[int, ...]]]:
        """For each (unit, year, indicator) wanted: the unit's list in force for the year, and for
        units without a list for a wanted year, the years they do have lists for."""
        ...


class Roster(Protocol):
    """The units and cadres scoring knows of (kept from indicator's events)."""

    async def unit_of_cadre(self, cadre_id: str) -> str | None: ...
    async def has_unit(self, unit_id: str) -> bool: ...
    async def has_cadre(self, cadre_id: str) -> bool: ...


class EvidenceLog(Protocol):
    """The evidence ledger as the handlers append to it, inside their unit of work."""

    async def record(self, kind: str, record_id: str, content: Any) -> ledger.LeafRef: ...
    async def record_many(self, entries: Sequence[ledger.Entry]) -> ledger.Appended: ...
    async def proven_record(self, leaf_index: int) -> LeafRecord:
        """The record of a leaf, once proven included under the latest signed checkpoint."""
        ...


class ScoringRuns(Protocol):
    async def rescore(self, period: str, requested_by: str) -> None:
        """Scores the period again; refused (ClientError) with nothing changed when it cannot be."""
        ...


class ScoringUnitOfWork(Protocol):
    appeals: AppealRepository
    exemptions: ExemptionRepository
    approvals: ApprovalRepository
    period_locks: PeriodLockRepository
    waivers: WaiverRepository
    records: RecordRepository
    observations: ObservationRepository
    lists_in_force: ListsInForce
    roster: Roster
    log: EvidenceLog
    runs: ScoringRuns

    async def emit(self, payload: EventPayload, key: str) -> Envelope: ...


class _SqlEvidenceLog:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    async def record(self, kind: str, record_id: str, content: Any) -> ledger.LeafRef:
        return await ledger.record(self._uow, kind, record_id, content)

    async def record_many(self, entries: Sequence[ledger.Entry]) -> ledger.Appended:
        return await ledger.record_many(self._uow, entries)

    async def proven_record(self, leaf_index: int) -> LeafRecord:
        session = self._uow.session
        assert session is not None
        return ledger.read_leaf(await ledger.proven_leaf(session, leaf_index))


class _SqlScoringRuns:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    async def rescore(self, period: str, requested_by: str) -> None:
        # Imported here: the scoring run itself guards locked periods through this unit of work.
        from services.scoring.service_layer.scoring import run_scoring

        session = self._uow.session
        assert session is not None
        # A refused run must leave the transaction as it was (the consumer's batch goes on).
        async with session.begin_nested():
            await run_scoring(self._uow, period, requested_by)


class SqlScoringUnitOfWork(UnitOfWork):
    """One transaction of the scoring database, with its repositories."""

    appeals: AppealRepository
    exemptions: ExemptionRepository
    approvals: ApprovalRepository
    period_locks: PeriodLockRepository
    waivers: WaiverRepository
    records: RecordRepository
    observations: ObservationRepository
    lists_in_force: ListsInForce
    roster: Roster
    log: EvidenceLog
    runs: ScoringRuns

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession] | None,
        producer: str,
        outbox: sa.Table,
        session: AsyncSession | None = None,
    ):
        super().__init__(session_factory, producer, outbox, session=session)
        if session is not None:
            self._bind(session)

    @classmethod
    def within(cls, uow: UnitOfWork) -> SqlScoringUnitOfWork:
        """The scoring view of a unit of work someone else commits (a consumer's batch)."""
        if isinstance(uow, cls):
            return uow
        assert uow.session is not None
        scoring = cls(None, uow.producer, uow._outbox, session=uow.session)
        scoring.emitted = uow.emitted
        return scoring

    def _bind(self, session: AsyncSession) -> None:
        self.appeals = SqlAppealRepository(session)
        self.exemptions = SqlExemptionRepository(session)
        self.approvals = SqlApprovalRepository(session)
        self.period_locks = SqlPeriodLockRepository(session)
        self.waivers = SqlWaiverRepository(session)
        self.records = SqlRecordRepository(session)
        self.observations = SqlObservationRepository(session)
        self.lists_in_force = SqlListsInForce(session)
        self.roster = SqlRoster(session)
        self.log = _SqlEvidenceLog(self)
        self.runs = _SqlScoringRuns(self)

    async def __aenter__(self) -> SqlScoringUnitOfWork:
        await super().__aenter__()
        assert self.session is not None
        self._bind(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await super().__aexit__(exc_type, exc, tb)


def scoring_unit_of_work(platform: Any) -> SqlScoringUnitOfWork:
    """A new unit of work of the running service (`info.context.platform`)."""
    return SqlScoringUnitOfWork(platform.session_factory, platform.name, platform.outbox)
