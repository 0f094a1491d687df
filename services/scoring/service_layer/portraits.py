"""The portrait step of a run: each cadre's portrait from their own evidence, the rows that store it
with every record behind each score, and the weaknesses it flags or clears."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import asyncpg
import numpy as np

from schemas.envelope import EventPayload
from schemas.events import CapabilityProfileComputed, WeaknessCleared, WeaknessFlagged
from schemas.events.scoring import WeaknessEvidence
from services.scoring.adapters import announcement_repository as announcements
from services.scoring.adapters import portrait_input_repository as portrait_inputs
from services.scoring.adapters import weakness_repository as standing
from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.domain.capabilities import SEVERITIES
from services.scoring.domain.competency import SOURCES
from services.scoring.domain.portrait import Portrait, portray
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.portrait_context import PortraitContext, build
from services.scoring.service_layer.run_context import RunContext

EVIDENCE_ITEMS = 5
REFERENCES_SHOWN = 20


@dataclass
class PortraitRun:
    frame: PortraitContext
    portrait: Portrait
    seconds: float


async def compute(
    conn: asyncpg.Connection, context: RunContext, result: Assessment, settings: AssessmentSettings
) -> PortraitRun:
    rows = await portrait_inputs.load(conn, context.period)
    frame = build(context, result, rows, settings)
    started = time.perf_counter()
    portrait = portray(frame.inputs, frame.rules)
    return PortraitRun(frame, portrait, round(time.perf_counter() - started, 3))


def _with_profile(portrait: Portrait) -> np.ndarray:
    return np.flatnonzero((~np.isnan(portrait.score)).any(axis=1) | portrait.hidden.any(axis=1))


def _plain(values: np.ndarray) -> list[Any]:
    return [None if v != v else v for v in values.tolist()]


def profile_rows(context: RunContext, run: PortraitRun, run_id: int) -> list[tuple[Any, ...]]:
    """One row per cadre with a portrait: the scored capabilities in name order, aligned."""
    names = run.frame.capabilities
    by_name = sorted(range(len(names)), key=names.__getitem__)
    p = run.portrait
    rows = []
    for c in _with_profile(p).tolist():
        present = [k for k in by_name if p.score[c, k] == p.score[c, k]]
        sources = {
            source: {
                "scores": _plain(p.by_source[s, c, present]),
                "records": p.counts[s, c, present].tolist(),
            }
            for s, source in enumerate(SOURCES)
        }
        rows.append(
            (
                context.period.text,
                context.cadre_ids[c],
                run_id,
                [names[k] for k in present],
                p.score[c, present].tolist(),
                _plain(p.percentile[c, present]),
                p.peers[c, present].tolist(),
                p.target[c, present].tolist(),
                p.gap[c, present].tolist(),
                p.confidence[c, present].tolist(),
                p.evidence[c, present].tolist(),
                json.dumps(sources),
                [names[k] for k in by_name if p.hidden[c, k]],
                None if p.efficiency[c] != p.efficiency[c] else float(p.efficiency[c]),
                run.frame.model_version,
            )
        )
    return rows


def evidence_rows(context: RunContext, run: PortraitRun) -> list[tuple[Any, ...]]:
    """Every record behind a shown score; withheld 360 answers leave no trace here."""
    frame, p = run.frame, run.portrait
    names, cadre_ids, period = frame.capabilities, context.cadre_ids, context.period.text
    rows: list[tuple[Any, ...]] = []
    for s, source in enumerate(SOURCES):
        records = frame.inputs.sources.get(source)
        if records is None or not len(records.cadre):
            continue
        shown = ~np.isnan(p.by_source[s, records.cadre, records.capability])
        refs, leaves = frame.references[source], frame.leaves[source]
        for i in np.flatnonzero(shown).tolist():
            rows.append(
                (
                    period,
                    cadre_ids[records.cadre[i]],
                    names[records.capability[i]],
                    source,
                    refs[i],
                    leaves[i],
                    float(records.value[i]),
                    float(records.weight[i]),
                    int(records.count[i]),
                )
            )
    return rows


def _peer_group(context: RunContext, cadre: int) -> tuple[str, str]:
    unit = int(context.inputs.cadres.unit[cadre])
    return context.unit_category(unit), POSITION_LEVELS[context.inputs.cadre_level[cadre]]


def _evidence(
    context: RunContext, run: PortraitRun, by_cell: dict[tuple[int, int], list[int]], c: int, k: int
) -> tuple[WeaknessEvidence, ...]:
    """A weak capability's evidence: its weakest portfolio items, then each other source's score."""
    frame, p = run.frame, run.portrait
    found: list[WeaknessEvidence] = []
    portfolio = frame.inputs.sources["portfolio"]
    rows = by_cell.get((c, k), [])
    for i in sorted(rows, key=lambda i: portfolio.value[i])[:EVIDENCE_ITEMS]:
        unit_id, indicator_code = frame.references["portfolio"][i].split("/", 1)
        revision = int(frame.portfolio_revisions[i])
        found.append(
            WeaknessEvidence(
                indicator_code=indicator_code,
                unit_id=unit_id,
                score=round(float(portfolio.value[i]), 2),
                observation_revision=revision if revision >= 0 else None,
            )
        )
    for s, source in enumerate(SOURCES[1:], start=1):
        score = p.by_source[s, c, k]
        if score != score:
            continue
        records = frame.inputs.sources[source]
        mine = np.flatnonzero((records.cadre == c) & (records.capability == k))
        found.append(
            WeaknessEvidence(
                score=float(score),
                source=source,
                records=int(p.counts[s, c, k]),
                references=tuple(frame.references[source][i] for i in mine[:REFERENCES_SHOWN]),
            )
        )
    return tuple(found)


def _rules_digest(settings: AssessmentSettings, model_version: int | None, threshold: float) -> str:
    rules = (
        model_version,
        threshold,
        settings.weakness_min_confidence,
        settings.weakness_bottom_share,
        settings.min_peer_group,
        settings.evaluation_min_raters,
        list(settings.rater_group_weights),
        list(settings.portrait_full_evidence),
    )
    return hashlib.sha1(json.dumps(rules).encode()).hexdigest()


async def announce(
    conn: asyncpg.Connection,
    context: RunContext,
    run: PortraitRun,
    settings: AssessmentSettings,
) -> list[tuple[EventPayload, str, uuid.UUID | None]]:
    events = await _weakness_events(conn, context, run, settings)
    return events + await _changed_profiles(conn, context, run)


async def _weakness_events(
    conn: asyncpg.Connection, context: RunContext, run: PortraitRun, settings: AssessmentSettings
) -> list[tuple[EventPayload, str, uuid.UUID | None]]:
    frame, p = run.frame, run.portrait
    names, period = frame.capabilities, context.period.text
    weak = p.weaknesses
    now = {
        (context.cadre_ids[c], names[k]): (c, k, s)
        for c, k, s in zip(weak.cadre.tolist(), weak.capability.tolist(), weak.severity.tolist())
    }
    before = await standing.open_in(conn, period)
    events: list[tuple[EventPayload, str, uuid.UUID | None]] = []

    portfolio = frame.inputs.sources["portfolio"]
    by_cell: dict[tuple[int, int], list[int]] = {}
    flagged = [key for key in now if key not in before]
    wanted = {(now[key][0], now[key][1]) for key in flagged}
    for i, cell in enumerate(zip(portfolio.cadre.tolist(), portfolio.capability.tolist())):
        if cell in wanted:
            by_cell.setdefault(cell, []).append(i)
    opened = []
    for cadre_id, capability in flagged:
        c, k, severity = now[(cadre_id, capability)]
        category, level = _peer_group(context, c)
        threshold = float(p.threshold[c, k])
        event_id = uuid.uuid4()
        payload = WeaknessFlagged(
            cadre_id=cadre_id,
            capability=capability,
            severity=SEVERITIES[severity],
            period=period,
            score=float(p.score[c, k]),
            threshold=threshold,
            peer_percentile=float(np.nan_to_num(p.percentile[c, k], nan=50.0)),
            unit_category=category,
            position_level=level,
            evidence=_evidence(context, run, by_cell, c, k),
        )
        events.append((payload, cadre_id, event_id))
        opened.append(
            (
                period,
                cadre_id,
                capability,
                SEVERITIES[severity],
                float(p.score[c, k]),
                threshold,
                _rules_digest(settings, frame.model_version, threshold),
                event_id,
            )
        )
    await standing.open_weaknesses(conn, opened)

    gone = [key for key in before if key not in now]
    corrected = await standing.corrected_since(
        conn, [(key[0], before[key].flagged_at) for key in gone]
    )
    code_of = {name: k for k, name in enumerate(names)}
    cadre_of = {cadre_id: i for i, cadre_id in enumerate(context.cadre_ids)}
    for cadre_id, capability in gone:
        was = before[(cadre_id, capability)]
        c, k = cadre_of.get(cadre_id), code_of.get(capability)
        figures: tuple[float, float, float] | None = None
        reason: Literal["new_evidence", "record_corrected", "threshold_changed"]
        # A capability the model no longer has, or a changed target or rule, is a changed threshold.
        if k is None or (
            c is not None
            and was.rules_digest
            != _rules_digest(settings, frame.model_version, float(p.threshold[c, k]))
        ):
            reason = "threshold_changed"
        else:
            reason = "record_corrected" if cadre_id in corrected else "new_evidence"
        if c is not None and k is not None and p.score[c, k] == p.score[c, k]:
            figures = (float(p.score[c, k]), float(p.target[c, k]), float(p.confidence[c, k]))
        cleared = WeaknessCleared(
            cadre_id=cadre_id,
            capability=capability,
            period=period,
            reason=reason,
            score=figures[0] if figures else None,
            target=figures[1] if figures else None,
            confidence=figures[2] if figures else None,
        )
        events.append((cleared, cadre_id, uuid.uuid4()))
    await standing.close_weaknesses(conn, period, gone)
    return events


async def _changed_profiles(
    conn: asyncpg.Connection, context: RunContext, run: PortraitRun
) -> list[tuple[EventPayload, str, uuid.UUID | None]]:
    """A portrait is announced when it differs from the one announced last for the period (its
    digest covers scores, targets, confidence, evidence counts and the cadre's peer group)."""
    frame, p = run.frame, run.portrait
    names, period = frame.capabilities, context.period.text
    by_name = sorted(range(len(names)), key=names.__getitem__)
    header = ",".join(names[k] for k in by_name).encode()
    scored = np.flatnonzero((~np.isnan(p.score)).any(axis=1)).tolist()
    units = context.inputs.cadres.unit
    digests = {}
    for c in scored:
        category, level = _peer_group(context, c)
        fingerprint = f"|{context.unit_ids[int(units[c])]}|{category}|{level}|".encode()
        digests[context.cadre_ids[c]] = hashlib.sha1(
            header
            + fingerprint
            + p.score[c, by_name].tobytes()
            + p.target[c, by_name].tobytes()
            + p.confidence[c, by_name].tobytes()
            + p.evidence[c, by_name].tobytes()
        ).hexdigest()
    changed = await announcements.changed_profiles(conn, period, digests)
    events: list[tuple[EventPayload, str, uuid.UUID | None]] = []
    for c in scored:
        cadre_id = context.cadre_ids[c]
        if cadre_id not in changed:
            continue
        category, level = _peer_group(context, c)
        present = np.flatnonzero(~np.isnan(p.score[c])).tolist()
        payload = CapabilityProfileComputed(
            cadre_id=cadre_id,
            period=period,
            unit_id=context.unit_ids[int(units[c])],
            unit_category=category,
            position_level=level,
            scores={names[k]: float(p.score[c, k]) for k in present},
            targets={names[k]: float(p.target[c, k]) for k in present},
            confidence={names[k]: float(p.confidence[c, k]) for k in present},
            evidence_counts={names[k]: int(p.evidence[c, k]) for k in present},
        )
        events.append((payload, cadre_id, None))
    return events
