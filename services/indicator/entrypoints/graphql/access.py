"""Checks resolvers share: who reads a unit's lists, and sessions."""

from __future__ import annotations

from strawberry.types import Info

from services.common.auth import Role
from services.common.errors import PermissionDenied
from services.common.graphql import principal_of
from services.indicator.adapters import repository
from services.indicator.domain.access import may_read_lists

READERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER, Role.UNIT_REPORTER, Role.CADRE)


def session(info: Info):
    return info.context.platform.session_factory()


def unit_of_work(info: Info):
    return info.context.platform.unit_of_work()


async def require_list_reader(info: Info, unit_id: str) -> None:
    principal = principal_of(info)
    cadre = None
    if principal.role is Role.CADRE and principal.cadre_id:
        async with session(info) as s:
            cadre = await repository.get_cadre(s, principal.cadre_id)
    if not may_read_lists(principal, unit_id, cadre):
        raise PermissionDenied(
            f"role {principal.role.value!r} may not read unit {unit_id!r}'s lists "
            "(unit reporters read their own unit's; cadres those of the unit they lead)"
        )
