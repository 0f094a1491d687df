"""Whose case an exemption or appeal is, checked against the roster and the caller's rights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied, invalid
from services.scoring.domain.cases import Subject

if TYPE_CHECKING:
    from services.scoring.service_layer.unit_of_work import Roster


async def known_subject(roster: Roster, subject: Subject, by: Principal) -> Subject:
    """The subject with its unit filled in; refuses unknown units or cadres and other people's cases."""
    if subject.cadre_id:
        by.require_cadre(subject.cadre_id)
        unit_id = await roster.unit_of_cadre(subject.cadre_id)
        if unit_id is None:
            raise invalid(
                "cadreId", "exists", "no cadre with this id is registered", subject.cadre_id
            )
        by.require_unit(unit_id)
        return Subject(unit_id=unit_id, cadre_id=subject.cadre_id)
    if by.role is Role.CADRE:
        raise PermissionDenied("a cadre may act only for themselves, not for a unit")
    assert subject.unit_id is not None  # a subject without a cadre names its unit
    by.require_unit(subject.unit_id)
    if not await roster.has_unit(subject.unit_id):
        raise invalid("unitId", "exists", "no unit with this id is registered", subject.unit_id)
    return subject
