"""The score-reading policy of domain/access.py, given the one fact it needs from the database."""

from __future__ import annotations

from strawberry.types import Info

from services.common.graphql import principal_of
from services.scoring.adapters import score_queries as queries
from services.scoring.domain import access


async def require_unit_reader(info: Info, unit_id: str) -> None:
    principal = principal_of(info)
    cadre_unit = None
    if access.needs_cadre_unit(principal, unit_id):
        async with queries.reading(info.context.platform) as conn:
            cadre_unit = await queries.cadre_unit(conn, principal.cadre_id)
    access.require_unit_reader(principal, unit_id, cadre_unit)


def require_cadre_reader(info: Info, cadre_id: str) -> None:
    access.require_cadre_reader(principal_of(info), cadre_id)
