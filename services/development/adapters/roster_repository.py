"""Where the roster (fed by CadreRegistered) says each cadre serves."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.development.adapters.tables import cadre_roster


class SqlRosterRepository:
    def __init__(self, session: AsyncSession):
        self._session = session

    async def positions(self, cadre_ids: list[str]) -> dict[str, tuple[str, str]]:
        """Cadre id -> (position level, unit category) for the cadres the roster knows."""
        if not cadre_ids:
            return {}
        query = sa.select(
            cadre_roster.c.cadre_id, cadre_roster.c.position_level, cadre_roster.c.unit_category
        ).where(cadre_roster.c.cadre_id.in_(cadre_ids))
        return {
            row.cadre_id: (row.position_level, row.unit_category)
            for row in (await self._session.execute(query)).all()
        }
