"""Who may read a unit's indicator lists."""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.indicator.domain.units import Cadre

LIST_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)


def may_read_lists(principal: Principal, unit_id: str, cadre: Cadre | None) -> bool:
    """Admins and assessors read all; a unit reporter their own unit's; a cadre those of the unit they lead."""
    if principal.role in (Role.ADMIN, Role.ASSESSOR):
        return True
    if principal.role is Role.UNIT_REPORTER:
        return principal.unit_id == unit_id
    if principal.role is Role.CADRE:
        return cadre is not None and cadre.id == principal.cadre_id and cadre.leads(unit_id)
    return False
