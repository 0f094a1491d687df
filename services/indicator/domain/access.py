"""The indicator service's access policy: who may read or change what, as pure functions of the
principal (resolvers read the principal, look up what the policy needs, and call it)."""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied
from services.indicator.domain.units import Cadre

ANYONE = tuple(Role)
# The catalogue is reference data: everyone but public evaluators reads it.
CATALOGUE_READERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER, Role.UNIT_REPORTER, Role.CADRE)
# Changes to the catalogue are the organisation department's.
EDITORS = (Role.ADMIN,)
UNIT_LISTERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER)
CADRE_LISTERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER, Role.UNIT_REPORTER)
FILE_EXPORTERS = (Role.ADMIN, Role.ASSESSOR)
LIST_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)


def needs_cadre_to_read_lists(principal: Principal) -> bool:
    """A cadre reads lists through the position held: the policy needs the cadre's record."""
    return principal.role is Role.CADRE and principal.cadre_id is not None


def may_read_lists(principal: Principal, unit_id: str, cadre: Cadre | None) -> bool:
    """Admins and assessors read all; a unit reporter their own unit's; a cadre those of the unit they lead."""
    if principal.role in (Role.ADMIN, Role.ASSESSOR):
        return True
    if principal.role is Role.UNIT_REPORTER:
        return principal.unit_id == unit_id
    if principal.role is Role.CADRE:
        return cadre is not None and cadre.id == principal.cadre_id and cadre.leads(unit_id)
    return False


def require_list_reader(principal: Principal, unit_id: str, cadre: Cadre | None) -> None:
    if not may_read_lists(principal, unit_id, cadre):
        raise PermissionDenied(
            f"role {principal.role.value!r} may not read unit {unit_id!r}'s lists "
            "(unit reporters read their own unit's; cadres those of the unit they lead)"
        )


def require_unit_reader(principal: Principal, unit_id: str) -> None:
    """Unit reporters see their own unit only."""
    principal.require_unit(unit_id)


def require_cadre_reader(principal: Principal, cadre_id: str) -> None:
    """Cadres see their own record only."""
    principal.require_cadre(cadre_id)


def cadres_unit_filter(principal: Principal, unit_id: str | None) -> str | None:
    """The unit whose cadres a listing shows: a unit reporter's own, whatever was asked."""
    return principal.unit_id if principal.role is Role.UNIT_REPORTER else unit_id
