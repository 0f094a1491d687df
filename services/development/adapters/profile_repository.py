"""Capability profiles from scoring, kept per cadre and period."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from schemas.events import CapabilityProfileComputed
from services.development.adapters.tables import capability_profiles, enrolments
from services.development.domain.effect import ScoreChange
from services.development.domain.enrolments import COMPLETED, ENROLLED
from services.development.domain.gaps import PeriodProfiles


class SqlProfileRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def record(self, event: CapabilityProfileComputed) -> None:
        """The latest computation of a period wins: a re-run of scoring replaces the profile."""
        values = {
            "cadre_id": event.cadre_id,
            "period": event.period,
            "unit_id": event.unit_id,
            "unit_category": event.unit_category,
            "position_level": event.position_level,
            "scores": dict(event.scores),
            "targets": dict(event.targets),
            "confidence": dict(event.confidence),
            "evidence_counts": dict(event.evidence_counts),
        }
        statement = insert(capability_profiles).values(values)
        update = {
            key: statement.excluded[key] for key in values if key not in ("cadre_id", "period")
        }
        update["recorded_at"] = sa.func.now()
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["cadre_id", "period"], set_=update)
        )

    async def latest_period(self) -> str | None:
        query = (
            sa.select(capability_profiles.c.period)
            .group_by(capability_profiles.c.period)
            .order_by(sa.func.max(capability_profiles.c.recorded_at).desc())
            .limit(1)
        )
        return (await self._session.execute(query)).scalar()

    async def period_profiles(self, period: str) -> PeriodProfiles:
        """Every profile of the period (scores and targets), in cadre order."""
        query = (
            sa.select(
                capability_profiles.c.cadre_id,
                capability_profiles.c.position_level,
                capability_profiles.c.scores,
                capability_profiles.c.targets,
            )
            .where(capability_profiles.c.period == period)
            .order_by(capability_profiles.c.cadre_id)
        )
        rows = (await self._session.execute(query)).all()
        return PeriodProfiles(
            [r.cadre_id for r in rows],
            [r.position_level for r in rows],
            [r.scores for r in rows],
            [r.targets for r in rows],
        )

    async def score_changes(
        self, programme_id: str, capability: str, before: str, after: str
    ) -> list[ScoreChange]:
        """Each cadre scored on the capability in both periods, marked enrolled when seated in the programme."""
        earlier = capability_profiles.alias("earlier")
        later = capability_profiles.alias("later")
        seated = (
            sa.select(enrolments.c.cadre_id)
            .where(
                enrolments.c.programme_id == programme_id,
                enrolments.c.status.in_((ENROLLED, COMPLETED)),
            )
            .distinct()
            .subquery()
        )
        query = (
            sa.select(
                earlier.c.cadre_id,
                earlier.c.unit_category,
                earlier.c.position_level,
                earlier.c.scores[capability].as_float().label("before"),
                later.c.scores[capability].as_float().label("after"),
                (seated.c.cadre_id.is_not(None)).label("enrolled"),
            )
            .join(later, sa.and_(later.c.cadre_id == earlier.c.cadre_id, later.c.period == after))
            .outerjoin(seated, seated.c.cadre_id == earlier.c.cadre_id)
            .where(
                earlier.c.period == before,
                earlier.c.scores.has_key(capability),
                later.c.scores.has_key(capability),
            )
        )
        return [
            ScoreChange(
                r.cadre_id, (r.unit_category, r.position_level), bool(r.enrolled), r.before, r.after
            )
            for r in (await self._session.execute(query)).all()
        ]
