"""Scoring's findings become enrolments: a weakness goes to a programme, a bottom rank to the remedial class.

The same finding (same cadre, same capability or rank, same period) places a cadre once, however
often it is delivered or re-scored. A finding no programme or open cohort can take yet is kept,
and placed as soon as one opens (`place_unplaced`, called when programmes or cohorts are added).
"""

from __future__ import annotations

from schemas.events import BottomRanked, WeaknessFlagged
from services.development.domain.enrolments import (
    BOTTOM_RANKED,
    WEAKNESS,
    bottom_rank_cause,
    weakness_cause,
)
from services.development.domain.placement import (
    NO_OPEN_COHORT,
    programme_for_bottom_rank,
    programme_for_weakness,
)
from services.development.domain.programmes import Programme
from services.development.service_layer.seating import Request, seat_cadres, utc_now
from services.development.service_layer.unit_of_work import (
    DevelopmentUnitOfWork,
    Finding,
    Settlement,
)

NO_ELIGIBLE_PROGRAMME = "no_eligible_programme"
UNPLACED = (NO_ELIGIBLE_PROGRAMME, NO_OPEN_COHORT)


def cause_of(finding: Finding) -> str:
    if isinstance(finding, WeaknessFlagged):
        return weakness_cause(finding.capability, finding.period)
    return bottom_rank_cause(finding.period)


def request_for(finding: Finding) -> Request:
    if isinstance(finding, WeaknessFlagged):
        return Request(
            cadre_id=finding.cadre_id,
            source=WEAKNESS,
            capability=finding.capability,
            period=finding.period,
            reason=f"{finding.capability} weakness in {finding.period}: score {finding.score:g} against threshold "
            f"{finding.threshold:g}, peer percentile {finding.peer_percentile:g} ({finding.severity})",
        )
    return Request(
        cadre_id=finding.cadre_id,
        source=BOTTOM_RANKED,
        period=finding.period,
        reason=f"ranked {finding.rank} of {finding.peer_group_size} in the peer group for {finding.period} "
        f"(total score {finding.total_score:g})",
    )


async def _programme_choices(
    uow: DevelopmentUnitOfWork, findings: list[Finding]
) -> list[Programme | None]:
    """The programme each finding goes to, judged on the cadre's current post (the roster's, else the event's)."""
    positions = await uow.roster.positions(sorted({f.cadre_id for f in findings}))
    capabilities = sorted({f.capability for f in findings if isinstance(f, WeaknessFlagged)})
    catalogue = await uow.programmes.for_capabilities(capabilities)
    if any(isinstance(f, BottomRanked) for f in findings):
        catalogue += await uow.programmes.remedial()
    choices: list[Programme | None] = []
    for finding in findings:
        level, category = positions.get(
            finding.cadre_id, (finding.position_level, finding.unit_category)
        )
        if isinstance(finding, WeaknessFlagged):
            choices.append(programme_for_weakness(catalogue, finding.capability, level, category))
        else:
            choices.append(programme_for_bottom_rank(catalogue, level, category))
    return choices


async def place(uow: DevelopmentUnitOfWork, findings: list[Finding]) -> list[str]:
    """Places findings already claimed; records and returns the outcome of each."""
    by_programme: dict[str, tuple[Programme, list[Finding]]] = {}
    settled: list[Settlement] = []
    for finding, programme in zip(findings, await _programme_choices(uow, findings)):
        if programme is None:
            settled.append((finding.cadre_id, cause_of(finding), NO_ELIGIBLE_PROGRAMME, None))
        else:
            by_programme.setdefault(programme.id, (programme, []))[1].append(finding)
    today = utc_now().date()
    for programme_id in sorted(by_programme):  # one lock order for every transaction
        programme, placed = by_programme[programme_id]
        outcomes = await seat_cadres(uow, programme, [request_for(f) for f in placed], today)
        settled += [
            (f.cadre_id, cause_of(f), o.result, o.enrolment_id) for f, o in zip(placed, outcomes)
        ]
    await uow.findings.settle(settled)
    return [outcome for _, _, outcome, _ in settled]


async def place_new(uow: DevelopmentUnitOfWork, findings: list[Finding]) -> list[str]:
    """Claims the findings and places those never seen before (each once, even if twice in the list)."""
    claimed = await uow.findings.claim([(f.cadre_id, cause_of(f), f) for f in findings])
    fresh: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for finding in findings:
        key = (finding.cadre_id, cause_of(finding))
        if key in claimed and key not in seen:
            seen.add(key)
            fresh.append(finding)
    return await place(uow, fresh) if fresh else []


async def place_unplaced(uow: DevelopmentUnitOfWork, limit: int = 5_000) -> int:
    """Tries again the findings that found no programme or cohort; returns how many are placed now."""
    waiting = await uow.findings.unplaced(UNPLACED, limit)
    if not waiting:
        return 0
    outcomes = await place(uow, waiting)
    return sum(outcome not in UNPLACED for outcome in outcomes)
