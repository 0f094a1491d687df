"""Scoring's findings as development recorded them: claimed once, then settled with their outcome."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from schemas.events import BottomRanked, WeaknessFlagged
from services.development.adapters.tables import enrolment_causes
from services.development.domain.enrolments import CLEARED

Finding = WeaknessFlagged | BottomRanked
_MODELS: dict[str, type[Finding]] = {
    WeaknessFlagged.event_type: WeaknessFlagged,
    BottomRanked.event_type: BottomRanked,
}


class SqlFindingRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def claim(self, findings: list[tuple[str, str, Finding]]) -> set[tuple[str, str]]:
        """The (cadre, cause) pairs seen for the first time, or flagged again after being cleared;
        a re-delivery or a re-run of scoring claims nothing."""
        if not findings:
            return set()
        statement = insert(enrolment_causes).values(
            [
                {
                    "cadre_id": cadre_id,
                    "cause": cause,
                    "outcome": "pending",
                    "event_type": event.event_type,
                    "payload": event.model_dump(mode="json"),
                }
                for cadre_id, cause, event in findings
            ]
        )
        statement = statement.on_conflict_do_update(
            index_elements=["cadre_id", "cause"],
            set_={
                "outcome": "pending",
                "enrolment_id": None,
                "event_type": statement.excluded.event_type,
                "payload": statement.excluded.payload,
                "recorded_at": sa.func.now(),
            },
            where=enrolment_causes.c.outcome == CLEARED,
        ).returning(enrolment_causes.c.cadre_id, enrolment_causes.c.cause)
        rows = (await self._session.execute(statement)).all()
        return {(row.cadre_id, row.cause) for row in rows}

    async def settle(self, settled: list[tuple[str, str, str, str | None]]) -> None:
        """Records (cadre, cause, outcome, enrolment id) for many findings in one statement."""
        if not settled:
            return
        cadres, causes, outcomes, enrolment_ids = (list(column) for column in zip(*settled))
        await self._session.execute(
            sa.text(
                "UPDATE enrolment_causes AS c SET outcome = v.outcome, enrolment_id = v.enrolment_id "
                "FROM unnest(CAST(:cadres AS text[]), CAST(:causes AS text[]), CAST(:outcomes AS text[]), "
                "CAST(:enrolment_ids AS text[])) AS v(cadre_id, cause, outcome, enrolment_id) "
                "WHERE c.cadre_id = v.cadre_id AND c.cause = v.cause"
            ),
            {
                "cadres": cadres,
                "causes": causes,
                "outcomes": outcomes,
                "enrolment_ids": enrolment_ids,
            },
        )

    async def clear(self, cadre_id: str, cause: str) -> str | None:
        """Marks the finding cleared (so it is never placed from now on); returns the place it was settled with."""
        statement = (
            sa.update(enrolment_causes)
            .where(enrolment_causes.c.cadre_id == cadre_id, enrolment_causes.c.cause == cause)
            .values(outcome=CLEARED)
            .returning(enrolment_causes.c.enrolment_id)
        )
        return (await self._session.execute(statement)).scalar()

    async def relying_on(self, enrolment_id: str, other_than: str) -> list[str]:
        """Causes of other live findings that were settled with the same place (it already held them)."""
        query = (
            sa.select(enrolment_causes.c.cause)
            .where(
                enrolment_causes.c.enrolment_id == enrolment_id,
                enrolment_causes.c.cause != other_than,
                enrolment_causes.c.outcome != CLEARED,
            )
            .order_by(enrolment_causes.c.cause)
        )
        return list((await self._session.execute(query)).scalars())

    async def unplaced(self, outcomes: tuple[str, ...], limit: int) -> list[Finding]:
        """Findings no programme or cohort could take yet, oldest first, locked against a concurrent retry."""
        query = (
            sa.select(enrolment_causes.c.event_type, enrolment_causes.c.payload)
            .where(enrolment_causes.c.outcome.in_(outcomes))
            .order_by(enrolment_causes.c.recorded_at, enrolment_causes.c.cadre_id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = (await self._session.execute(query)).all()
        return [_MODELS[row.event_type].model_validate(row.payload) for row in rows]
