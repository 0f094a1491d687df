"""Recording observations from people (one, a batch, a file) and from the automatic feed.

People's reports are all or nothing: one broken rule anywhere refuses the whole submission, with
every problem listed. The feed is checked event by event: a refused event goes to the dead letters
with its reason and the others are stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from schemas.envelope import Envelope
from schemas.events import ObservationReported
from services.common.errors import FieldProblem, ValidationFailed
from services.scoring.domain.observations import FEED, Accepted, ObservationInput, check_observation
from services.scoring.domain.periods import parse_period
from services.scoring.service_layer import log_entries, period_locks
from services.scoring.service_layer.unit_of_work import ScoringUnitOfWork


@dataclass(frozen=True)
class Recorded:
    observation: ObservationInput
    observation_id: int
    revision: int
    list_version: int
    channel: str
    reported_by: str
    reported_at: datetime
    recorded_at: datetime


async def _check(
    uow: ScoringUnitOfWork, inputs: list[ObservationInput], channel: str, rows: list[int | None]
) -> list[Accepted | list[FieldProblem]]:
    wanted = set()
    for item in inputs:
        try:
            wanted.add((item.unit_id, parse_period(item.period).year, item.indicator_code))
        except ValueError:
            continue
    listings, years = await uow.lists_in_force.for_checks(wanted)
    results = []
    for item, row in zip(inputs, rows):
        try:
            year = parse_period(item.period).year
        except ValueError:
            year = None
        listing = listings.get((item.unit_id, year)) if year is not None else None
        known_years: tuple[int, ...] = (
            (year,) if listing and year is not None else years.get(item.unit_id, ())
        )
        results.append(check_observation(item, channel, listing, known_years, row))
    return results


async def record_observations(
    uow: ScoringUnitOfWork,
    inputs: list[ObservationInput],
    channel: str,
    reported_by: str,
    rows: list[int | None] | None = None,
) -> list[Recorded]:
    """Checks and stores every observation, or none: ValidationFailed lists every problem found."""
    if not inputs:
        raise ValidationFailed(FieldProblem("observations", "not_empty", "nothing to record", []))
    checked = await _check(uow, inputs, channel, rows or [None] * len(inputs))
    problems = [problem for result in checked if isinstance(result, list) for problem in result]
    if problems:
        raise ValidationFailed(problems)
    # No problems: every checked observation is accepted.
    accepted = cast(list[Accepted], checked)
    await period_locks.guard_observations(uow, inputs)
    now = datetime.now(UTC)
    stored = await uow.observations.insert(
        accepted, channel, [reported_by] * len(accepted), [now] * len(accepted)
    )
    await uow.log.record_many(
        log_entries.observation_revisions(
            accepted, stored, channel, [reported_by] * len(accepted), [now] * len(accepted)
        ),
    )
    return [
        Recorded(
            a.observation,
            s.observation_id,
            s.revision,
            a.version,
            channel,
            reported_by,
            now,
            s.recorded_at,
        )
        for a, s in zip(accepted, stored)
    ]


def _reason(problems: list[FieldProblem]) -> str:
    return "; ".join(f"{p.field}: {p.message} (rule {p.rule}, value {p.value!r})" for p in problems)


@dataclass(frozen=True)
class FeedDecision:
    """Which of a batch of feed events are stored, and why each of the others is refused."""

    accepted: list[Accepted]
    kept: list[tuple[ObservationReported, Envelope]]
    refused: dict[uuid.UUID, str]


def decide_feed(
    events: list[tuple[ObservationReported, Envelope]],
    checked: list[Accepted | list[FieldProblem]],
    locked: dict[str, str],
) -> FeedDecision:
    """Sorts checked feed events: a broken rule or a locked period (the feed has no signatures to
    change one) refuses that event alone, with its reason; the rest are kept in order."""
    refused: dict[uuid.UUID, str] = {}
    accepted: list[Accepted] = []
    kept: list[tuple[ObservationReported, Envelope]] = []
    for (event, envelope), result in zip(events, checked, strict=True):
        if isinstance(result, list):
            refused[envelope.event_id] = _reason(result)
        elif event.period in locked:
            refused[envelope.event_id] = locked[event.period]
        else:
            accepted.append(result)
            kept.append((event, envelope))
    return FeedDecision(accepted, kept, refused)


async def ingest_feed(
    uow: ScoringUnitOfWork, events: list[tuple[ObservationReported, Envelope]]
) -> dict[uuid.UUID, str]:
    """Stores the feed's valid observations; returns the reasons of the refused ones by event id."""
    inputs = [
        ObservationInput(
            e.unit_id,
            e.indicator_code,
            e.period,
            e.value,
            e.unit_of_measure,
            source=e.source_system,
        )
        for e, _ in events
    ]
    checked = await _check(uow, inputs, FEED, [None] * len(inputs))
    locked = await period_locks.refusal_reasons(uow, {event.period for event, _ in events})
    decision = decide_feed(events, checked, locked)
    if decision.accepted:
        producers, reported_at = (
            [envelope.producer for _, envelope in decision.kept],
            [event.reported_at for event, _ in decision.kept],
        )
        stored = await uow.observations.insert(
            decision.accepted,
            FEED,
            producers,
            reported_at,
            [envelope.event_id for _, envelope in decision.kept],
        )
        await uow.log.record_many(
            log_entries.observation_revisions(
                decision.accepted, stored, FEED, producers, reported_at
            ),
        )
    return decision.refused
