"""Whose case an exemption or appeal is, checked against the roster and the caller's rights."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied, invalid
from services.scoring.adapters.tables import cadre_roster, unit_roster
from services.scoring.domain.cases import Subject


async def known_subject(session: AsyncSession, subject: Subject, by: Principal) -> Subject:
    """The subject with its unit filled in; refuses unknown units or cadres and other people's cases."""
    if subject.cadre_id:
        by.require_cadre(subject.cadre_id)
        query = sa.select(cadre_roster.c.unit_id).where(cadre_roster.c.cadre_id == subject.cadre_id)
        unit_id = (await session.execute(query)).scalar_one_or_none()
        if unit_id is None:
            raise invalid(
                "cadreId", "exists", "no cadre with this id is registered", subject.cadre_id
            )
        by.require_unit(unit_id)
        return Subject(unit_id=unit_id, cadre_id=subject.cadre_id)
    if by.role is Role.CADRE:
        raise PermissionDenied("a cadre may act only for themselves, not for a unit")
    by.require_unit(subject.unit_id)
    query = sa.select(unit_roster.c.unit_id).where(unit_roster.c.unit_id == subject.unit_id)
    if (await session.execute(query)).scalar_one_or_none() is None:
        raise invalid("unitId", "exists", "no unit with this id is registered", subject.unit_id)
    return subject
