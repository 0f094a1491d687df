"""Scoring's capability profiles, kept for training effect and gap clustering."""

from __future__ import annotations

from schemas.envelope import Envelope
from schemas.events import CapabilityProfileComputed
from services.common.unit_of_work import UnitOfWork
from services.development.adapters.profile_repository import record_profile


async def capability_profile_computed(
    uow: UnitOfWork, event: CapabilityProfileComputed, envelope: Envelope
) -> None:
    await record_profile(uow.session, event)
