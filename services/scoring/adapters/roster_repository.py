"""The roster of units and cadres in the scoring database, as case handlers look it up."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.roster import roster_entry
from services.scoring.adapters.tables import cadre_roster, metadata, unit_roster


class SqlRoster:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def unit_of_cadre(self, cadre_id: str) -> str | None:
        query = sa.select(cadre_roster.c.unit_id).where(cadre_roster.c.cadre_id == cadre_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def has_unit(self, unit_id: str) -> bool:
        query = sa.select(unit_roster.c.unit_id).where(unit_roster.c.unit_id == unit_id)
        return (await self._session.execute(query)).scalar_one_or_none() is not None

    async def has_cadre(self, cadre_id: str) -> bool:
        return await roster_entry(self._session, metadata, cadre_id) is not None
