"""Events of a run: written to the outbox in bulk, each cause announced once."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

import numpy as np

from schemas.envelope import EventPayload
from schemas.events import BottomRanked, CapabilityProfileComputed, WeaknessFlagged
from schemas.events.scoring import WeaknessEvidence
from services.common.db import driver_connection
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.domain.capabilities import SEVERITIES
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.run_context import RunContext
from services.scoring.service_layer.sessions import session_of

EVIDENCE_ITEMS = 5


async def announce(
    uow: UnitOfWork, events: Sequence[tuple[EventPayload, str, uuid.UUID | None]]
) -> int:
    """Writes (payload, key, event id) events to the outbox in bulk; they go out if the run commits."""
    envelopes = await uow.emit_many(
        [(payload, key) for payload, key, _ in events], [event_id for _, _, event_id in events]
    )
    return len(envelopes)


def _peer_group(context: RunContext, cadre: int) -> tuple[str, str]:
    unit = int(context.inputs.cadres.unit[cadre])
    return context.unit_category(unit), POSITION_LEVELS[context.inputs.cadre_level[cadre]]


def _evidence_index(context: RunContext) -> tuple[np.ndarray, np.ndarray]:
    """Tag pairs sorted by (unit, capability), to find the items behind a unit's capability."""
    tags, items = context.inputs.tags, context.inputs.items
    key = items.unit[tags.item] * max(len(context.capabilities), 1) + tags.capability
    order = np.argsort(key, kind="stable")
    return key[order], tags.item[order]


def _evidence(
    context: RunContext,
    result: Assessment,
    index: tuple[np.ndarray, np.ndarray],
    unit: int,
    capability: int,
) -> tuple[Any, ...]:
    """The weakest items behind a unit's capability, with the revision of the observation each cites."""
    keys, tagged = index
    key = unit * max(len(context.capabilities), 1) + capability
    items = tagged[np.searchsorted(keys, key, "left") : np.searchsorted(keys, key, "right")]
    fraction = np.minimum(result.item_scores.fraction[items], 1.0)
    order = np.argsort(fraction, kind="stable")[:EVIDENCE_ITEMS]
    weakest, scores = items[order], np.round(fraction[order] * 100, 2)
    cited = result.aggregates.cited[weakest]
    revisions = (
        np.where(cited >= 0, context.inputs.observations.revision[np.maximum(cited, 0)], -1)
        if len(cited)
        else cited
    )
    return tuple(
        WeaknessEvidence(
            indicator_code=context.item_codes[i],
            unit_id=context.unit_ids[unit],
            score=score,
            observation_revision=revision if revision >= 0 else None,
        )
        for i, score, revision in zip(weakest.tolist(), scores.tolist(), revisions.tolist())
    )


async def announce_cadre_results(
    uow: UnitOfWork, context: RunContext, result: Assessment, settings: AssessmentSettings
) -> int:
    conn = await driver_connection(session_of(uow))
    period = context.period.text
    events: list[tuple[EventPayload, str, uuid.UUID | None]] = []

    weak = result.weaknesses
    pairs = list(zip(weak.cadre.tolist(), weak.capability.tolist(), weak.severity.tolist()))
    claimed = await announcements.claim_causes(
        conn,
        "WeaknessFlagged",
        period,
        [(context.cadre_ids[c], context.capabilities[k]) for c, k, _ in pairs],
    )
    index = _evidence_index(context) if claimed else None
    # Cadres of one unit share its profile, hence the evidence of each of its capabilities.
    evidence: dict[tuple[int, int], tuple[Any, ...]] = {}
    for c, k, severity in pairs:
        cadre_id, capability = context.cadre_ids[c], context.capabilities[k]
        event_id = claimed.get((cadre_id, capability))
        if event_id is None:
            continue
        category, level = _peer_group(context, c)
        unit = int(context.inputs.cadres.unit[c])
        if (unit, k) not in evidence:
            assert index is not None  # built whenever a cause was claimed
            evidence[(unit, k)] = _evidence(context, result, index, unit, k)
        payload = WeaknessFlagged(
            cadre_id=cadre_id,
            capability=capability,
            severity=SEVERITIES[severity],
            period=period,
            score=float(result.profiles[c, k]),
            threshold=settings.weakness_threshold,
            peer_percentile=float(result.percentiles[c, k]),
            unit_category=category,
            position_level=level,
            evidence=evidence[(unit, k)],
        )
        events.append((payload, cadre_id, event_id))

    bottom = np.flatnonzero(result.bottom_ranked).tolist()
    claimed = await announcements.claim_causes(
        conn, "BottomRanked", period, [(context.cadre_ids[c], "") for c in bottom]
    )
    for c in bottom:
        cadre_id = context.cadre_ids[c]
        event_id = claimed.get((cadre_id, ""))
        if event_id is None:
            continue
        category, level = _peer_group(context, c)
        ranked = BottomRanked(
            cadre_id=cadre_id,
            period=period,
            rank=int(result.cadre_grading.rank[c]),
            peer_group_size=int(result.cadre_grading.group_size[c]),
            total_score=float(result.cadres.total[c]),
            unit_category=category,
            position_level=level,
        )
        events.append((ranked, cadre_id, event_id))

    events += await _changed_profiles(conn, context, result)
    return await announce(uow, events)


async def _changed_profiles(
    conn: Any, context: RunContext, result: Assessment
) -> list[tuple[EventPayload, str, None]]:
    """A profile is announced when it differs from the one announced last for the period (its
    digest covers the scores and the cadre's unit, category and level)."""
    period = context.period.text
    scored = np.flatnonzero(
        ~np.isnan(result.cadres.total) & (~np.isnan(result.profiles)).any(axis=1)
    ).tolist()
    units = context.inputs.cadres.unit
    by_name = sorted(range(len(context.capabilities)), key=context.capabilities.__getitem__)
    header = ",".join(context.capabilities[k] for k in by_name).encode()
    digests = {}
    for c in scored:
        category, level = _peer_group(context, c)
        fingerprint = f"|{context.unit_ids[int(units[c])]}|{category}|{level}|".encode()
        digests[context.cadre_ids[c]] = hashlib.sha1(
            header + fingerprint + result.profiles[c, by_name].tobytes()
        ).hexdigest()
    changed = await announcements.changed_profiles(conn, period, digests)
    events: list[tuple[EventPayload, str, None]] = []
    for c in scored:
        cadre_id = context.cadre_ids[c]
        if cadre_id not in changed:
            continue
        row = result.profiles[c]
        category, level = _peer_group(context, c)
        payload = CapabilityProfileComputed(
            cadre_id=cadre_id,
            period=period,
            unit_id=context.unit_ids[int(units[c])],
            unit_category=category,
            position_level=level,
            scores={
                context.capabilities[k]: float(row[k])
                for k in np.flatnonzero(~np.isnan(row)).tolist()
            },
        )
        events.append((payload, cadre_id, None))
    return events
