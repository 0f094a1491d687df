"""Whether a programme worked: its capabilities' scores before and after, against comparable cadres."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import NotFound, invalid
from services.development.adapters import profile_repository as profiles
from services.development.adapters import programme_repository as programmes
from services.development.domain.effect import CapabilityEffect, capability_effect
from services.development.domain.periods import check_period
from services.development.domain.programmes import Programme


async def training_effect(
    session: AsyncSession, programme_id: str, before: str, after: str
) -> tuple[Programme, list[CapabilityEffect]]:
    check_period("beforePeriod", before)
    check_period("afterPeriod", after)
    if before == after:
        raise invalid("afterPeriod", "differs_from_before", "compare two different periods", after)
    programme = await programmes.get_programme(session, programme_id)
    if programme is None:
        raise NotFound(f"no programme {programme_id!r}")
    effects = [
        capability_effect(
            capability,
            await profiles.score_changes(session, programme_id, capability, before, after),
        )
        for capability in programme.capabilities
    ]
    return programme, effects
