"""Events of a run: written to the outbox in bulk, each cause announced once."""

from __future__ import annotations

import hashlib
import json
import uuid

import numpy as np

from schemas.envelope import Envelope, EventPayload
from schemas.events import BottomRanked, CapabilityProfileComputed, WeaknessFlagged
from schemas.events.scoring import WeaknessEvidence
from services.common.log import current_correlation_id
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcements
from services.scoring.adapters.connection import driver_connection
from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.domain.capabilities import SEVERITIES
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.run_context import RunContext

EVIDENCE_ITEMS = 5


async def announce(uow: UnitOfWork, events: list[tuple[EventPayload, str, uuid.UUID | None]]) -> int:
    """Writes (payload, key, event id) events to the outbox in one COPY; they go out if the run commits."""
    rows = [
        (payload.topic, key, Envelope.wrap(payload, producer=uow.producer, correlation_id=current_correlation_id(), event_id=event_id))
        for payload, key, event_id in events
    ]
    await announcements.write_outbox(await driver_connection(uow.session), rows)
    uow.emitted.extend(envelope for _, _, envelope in rows)
    return len(rows)


def _peer_group(context: RunContext, cadre: int) -> tuple[str, str]:
    unit = int(context.inputs.cadres.unit[cadre])
    return context.unit_category(unit), POSITION_LEVELS[context.inputs.cadre_level[cadre]]


def _evidence_index(context: RunContext) -> tuple[np.ndarray, np.ndarray]:
    """Tag pairs sorted by (unit, capability), to find the items behind a unit's capability."""
    tags, items = context.inputs.tags, context.inputs.items
    key = items.unit[tags.item] * max(len(context.capabilities), 1) + tags.capability
    order = np.argsort(key, kind="stable")
    return key[order], tags.item[order]


def _evidence(context: RunContext, result: Assessment, index: tuple, unit: int, capability: int) -> tuple:
    keys, tagged = index
    key = unit * max(len(context.capabilities), 1) + capability
    items = tagged[np.searchsorted(keys, key, "left"):np.searchsorted(keys, key, "right")]
    fraction = np.minimum(result.item_scores.fraction[items], 1.0)
    weakest = items[np.argsort(fraction, kind="stable")[:EVIDENCE_ITEMS]]
    cited = result.aggregates.cited
    revision = context.inputs.observations.revision
    return tuple(
        WeaknessEvidence(
            indicator_code=context.item_codes[i],
            unit_id=context.unit_ids[unit],
            score=round(float(min(result.item_scores.fraction[i], 1.0)) * 100, 2),
            observation_revision=int(revision[cited[i]]) if cited[i] >= 0 else None,
        )
        for i in weakest.tolist()
    )


async def announce_cadre_results(
    uow: UnitOfWork, context: RunContext, result: Assessment, settings: AssessmentSettings
) -> int:
    conn = await driver_connection(uow.session)
    period = context.period.text
    events: list[tuple[EventPayload, str, uuid.UUID | None]] = []

    weak = result.weaknesses
    candidates = [
        (context.cadre_ids[c], context.capabilities[k], uuid.uuid4())
        for c, k in zip(weak.cadre.tolist(), weak.capability.tolist())
    ]
    claimed = await announcements.claim_causes(conn, "WeaknessFlagged", period, candidates)
    index = _evidence_index(context) if claimed else None
    for (cadre_id, capability, event_id), c, k, severity in zip(
        candidates, weak.cadre.tolist(), weak.capability.tolist(), weak.severity.tolist()
    ):
        if (cadre_id, capability) not in claimed:
            continue
        category, level = _peer_group(context, c)
        payload = WeaknessFlagged(
            cadre_id=cadre_id, capability=capability, severity=SEVERITIES[severity], period=period,
            score=float(result.profiles[c, k]), threshold=settings.weakness_threshold,
            peer_percentile=float(result.percentiles[c, k]), unit_category=category, position_level=level,
            evidence=_evidence(context, result, index, int(context.inputs.cadres.unit[c]), k),
        )
        events.append((payload, cadre_id, event_id))

    bottom = np.flatnonzero(result.bottom_ranked).tolist()
    candidates = [(context.cadre_ids[c], "", uuid.uuid4()) for c in bottom]
    claimed = await announcements.claim_causes(conn, "BottomRanked", period, candidates)
    for (cadre_id, _, event_id), c in zip(candidates, bottom):
        if (cadre_id, "") not in claimed:
            continue
        category, level = _peer_group(context, c)
        payload = BottomRanked(
            cadre_id=cadre_id, period=period, rank=int(result.cadre_grading.rank[c]),
            peer_group_size=int(result.cadre_grading.group_size[c]), total_score=float(result.cadres.total[c]),
            unit_category=category, position_level=level,
        )
        events.append((payload, cadre_id, event_id))

    events += await _changed_profiles(conn, context, result)
    return await announce(uow, events)


async def _changed_profiles(conn, context: RunContext, result: Assessment) -> list[tuple[EventPayload, str, None]]:
    period = context.period.text
    profiles: dict[str, tuple[dict[str, float], int]] = {}
    scored = ~np.isnan(result.cadres.total)
    for c in np.flatnonzero(scored).tolist():
        row = result.profiles[c]
        present = np.flatnonzero(~np.isnan(row)).tolist()
        if present:
            profiles[context.cadre_ids[c]] = ({context.capabilities[k]: float(row[k]) for k in present}, c)
    digests = {}
    for cadre_id, (scores, c) in profiles.items():
        category, level = _peer_group(context, c)
        unit_id = context.unit_ids[int(context.inputs.cadres.unit[c])]
        text = json.dumps([unit_id, category, level, sorted(scores.items())])
        digests[cadre_id] = hashlib.sha1(text.encode()).hexdigest()
    changed = await announcements.changed_profiles(conn, period, digests)
    events = []
    for cadre_id in sorted(changed):
        scores, c = profiles[cadre_id]
        category, level = _peer_group(context, c)
        payload = CapabilityProfileComputed(
            cadre_id=cadre_id, period=period, unit_id=context.unit_ids[int(context.inputs.cadres.unit[c])],
            unit_category=category, position_level=level, scores=scores,
        )
        events.append((payload, cadre_id, None))
    return events
