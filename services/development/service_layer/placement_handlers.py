"""Scoring's findings become enrolments: a weakness goes to a programme, a bottom rank to the remedial class.

A finding no programme or open cohort can take yet is kept, and placed as soon as one opens
(`place_unplaced`, called when programmes or cohorts are added).
"""

from __future__ import annotations

from schemas.envelope import Envelope
from schemas.events import BottomRanked, WeaknessFlagged
from services.common.roster import roster_entry
from services.common.unit_of_work import UnitOfWork
from services.development.adapters import enrolment_repository as enrolments
from services.development.adapters import programme_repository as programmes
from services.development.adapters.tables import metadata
from services.development.domain.enrolments import BOTTOM_RANKED, WEAKNESS, bottom_rank_cause, weakness_cause
from services.development.domain.placement import programme_for_bottom_rank, programme_for_weakness
from services.development.service_layer.seating import NO_OPEN_COHORT, Request, seat_cadre, utc_now

NO_ELIGIBLE_PROGRAMME = "no_eligible_programme"
UNPLACED = (NO_ELIGIBLE_PROGRAMME, NO_OPEN_COHORT)


async def _position(uow: UnitOfWork, event: WeaknessFlagged | BottomRanked) -> tuple[str, str]:
    """The cadre's current post from the roster; the event's own when the roster has not heard of the cadre."""
    entry = await roster_entry(uow.session, metadata, event.cadre_id)
    if entry is not None:
        return entry.position_level, entry.unit_category
    return event.position_level, event.unit_category


async def _place_weakness(uow: UnitOfWork, event: WeaknessFlagged) -> str:
    level, category = await _position(uow, event)
    candidates = await programmes.programmes_for_capability(uow.session, event.capability)
    programme = programme_for_weakness(candidates, event.capability, level, category)
    if programme is None:
        return await _settle(uow, event.cadre_id, weakness_cause(event.capability, event.period), NO_ELIGIBLE_PROGRAMME)
    request = Request(
        cadre_id=event.cadre_id, source=WEAKNESS, capability=event.capability, period=event.period,
        reason=f"{event.capability} weakness in {event.period}: score {event.score:g} against threshold "
        f"{event.threshold:g}, peer percentile {event.peer_percentile:g} ({event.severity})",
    )
    outcome = await seat_cadre(uow, programme, request, utc_now().date())
    cause = weakness_cause(event.capability, event.period)
    return await _settle(uow, event.cadre_id, cause, outcome.result, outcome.enrolment_id)


async def _place_bottom_rank(uow: UnitOfWork, event: BottomRanked) -> str:
    level, category = await _position(uow, event)
    programme = programme_for_bottom_rank(await programmes.remedial_programmes(uow.session), level, category)
    if programme is None:
        return await _settle(uow, event.cadre_id, bottom_rank_cause(event.period), NO_ELIGIBLE_PROGRAMME)
    request = Request(
        cadre_id=event.cadre_id, source=BOTTOM_RANKED, period=event.period,
        reason=f"ranked {event.rank} of {event.peer_group_size} in the peer group for {event.period} "
        f"(total score {event.total_score:g})",
    )
    outcome = await seat_cadre(uow, programme, request, utc_now().date())
    return await _settle(uow, event.cadre_id, bottom_rank_cause(event.period), outcome.result, outcome.enrolment_id)


async def _settle(uow: UnitOfWork, cadre_id: str, cause: str, result: str, enrolment_id: str | None = None) -> str:
    await enrolments.settle_cause(uow.session, cadre_id, cause, result, enrolment_id)
    return result


async def weakness_flagged(uow: UnitOfWork, event: WeaknessFlagged, envelope: Envelope) -> None:
    if await enrolments.claim_cause(uow.session, event.cadre_id, weakness_cause(event.capability, event.period), event):
        await _place_weakness(uow, event)


async def bottom_ranked(uow: UnitOfWork, event: BottomRanked, envelope: Envelope) -> None:
    if await enrolments.claim_cause(uow.session, event.cadre_id, bottom_rank_cause(event.period), event):
        await _place_bottom_rank(uow, event)


async def place_unplaced(uow: UnitOfWork, limit: int = 5_000) -> int:
    """Tries again the findings that found no programme or cohort; returns how many are placed now."""
    placed = 0
    for row in await enrolments.unplaced_causes(uow.session, UNPLACED, limit):
        if row.event_type == WeaknessFlagged.event_type:
            result = await _place_weakness(uow, WeaknessFlagged.model_validate(row.payload))
        else:
            result = await _place_bottom_rank(uow, BottomRanked.model_validate(row.payload))
        placed += result not in UNPLACED
    return placed
