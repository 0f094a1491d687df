"""Who may read which scores: admin and assessor everything, a unit reporter their unit, a cadre
their own scores and the scores of the unit they work in (part of their own breakdown)."""

from __future__ import annotations

from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import PermissionDenied
from services.common.graphql import principal_of
from services.scoring.adapters import queries

SCORE_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)
OVERSEERS = (Role.ADMIN, Role.ASSESSOR)


async def require_unit_reader(info: Info, unit_id: str) -> None:
    principal = principal_of(info)
    if principal.role in OVERSEERS:
        return
    if principal.role is Role.UNIT_REPORTER and principal.unit_id == unit_id:
        return
    if principal.role is Role.CADRE and principal.cadre_id:
        async with queries.reading(info.context.platform) as conn:
            if await queries.cadre_unit(conn, principal.cadre_id) == unit_id:
                return
    raise PermissionDenied(
        f"role {principal.role.value!r} may not read the scores of unit {unit_id!r}"
    )


def require_cadre_reader(info: Info, cadre_id: str) -> None:
    principal = principal_of(info)
    if principal.role in OVERSEERS:
        return
    if principal.role is Role.CADRE:
        principal.require_cadre(cadre_id)
        return
    raise PermissionDenied(f"role {principal.role.value!r} may not read cadre scores")
