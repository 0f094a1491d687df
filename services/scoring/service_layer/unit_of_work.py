"""The scoring service's unit of work and the repositories its case handlers use.

The interfaces are protocols: service-layer handlers of exemptions, appeals and re-scoring use
only these, so tests/unit/scoring/fakes.py can stand in for PostgreSQL. `SqlScoringUnitOfWork` is
the real one: one database transaction (services.common.unit_of_work) with its outbox, and the
repositories bound to its session. Bulk paths (a scoring run, the feed) keep their SQL and reach
the session directly; they are tested against the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters.appeal_repository import SqlAppealRepository
from services.scoring.adapters.exemption_repository import SqlExemptionRepository
from services.scoring.adapters.roster_repository import SqlRoster
from services.scoring.domain.appeals import Appeal
from services.scoring.domain.exemptions import Exemption, ExemptionCategory
from services.scoring.service_layer.scoring import run_scoring


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


class Roster(Protocol):
    """The units and cadres scoring knows of (kept from indicator's events)."""

    async def unit_of_cadre(self, cadre_id: str) -> str | None: ...
    async def has_unit(self, unit_id: str) -> bool: ...


class EvidenceLog(Protocol):
    """The evidence ledger as the handlers append to it, inside their unit of work."""

    async def record(self, kind: str, record_id: str, content: Any) -> ledger.LeafRef: ...
    async def record_many(self, entries: Sequence[ledger.Entry]) -> ledger.Appended: ...


class ScoringRuns(Protocol):
    async def rescore(self, period: str, requested_by: str) -> None:
        """Scores the period again; refused (ClientError) with nothing changed when it cannot be."""
        ...


class ScoringUnitOfWork(Protocol):
    appeals: AppealRepository
    exemptions: ExemptionRepository
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


class _SqlScoringRuns:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    async def rescore(self, period: str, requested_by: str) -> None:
        session = self._uow.session
        assert session is not None
        # A refused run must leave the transaction as it was (the consumer's batch goes on).
        async with session.begin_nested():
            await run_scoring(self._uow, period, requested_by)


class SqlScoringUnitOfWork(UnitOfWork):
    """One transaction of the scoring database, with its repositories."""

    appeals: AppealRepository
    exemptions: ExemptionRepository
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
        assert uow.session is not None
        scoring = cls(None, uow.producer, uow._outbox, session=uow.session)
        scoring.emitted = uow.emitted
        return scoring

    def _bind(self, session: AsyncSession) -> None:
        self.appeals = SqlAppealRepository(session)
        self.exemptions = SqlExemptionRepository(session)
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
