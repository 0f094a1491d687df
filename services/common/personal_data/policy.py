"""Who may see the access log and the export of a cadre's data (pure functions of the principal).

The cadre themself, and the organisation department (admin): the log exists so that the person
concerned and the authority answerable for the data can see who read it. Nobody else.
"""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied


def require_personal_data_reader(principal: Principal, cadre_id: str) -> None:
    if principal.role is Role.ADMIN:
        return
    if principal.role is Role.CADRE and principal.cadre_id == cadre_id:
        return
    raise PermissionDenied(
        "only the cadre concerned or the organisation department (admin) may read this"
    )
