"""Programmes, cohorts and findings for the development unit tests."""

from __future__ import annotations

from datetime import date, timedelta

from schemas.events import (
    BottomRanked,
    CapabilityProfileComputed,
    EnrolmentCompleted,
    WeaknessCleared,
    WeaknessFlagged,
)
from services.development.domain.programmes import Cohort, Eligibility, Programme

TODAY = date.today()


def programme(
    id: str = "camp",
    kind: str = "camp",
    capabilities: tuple[str, ...] = ("digital_governance",),
    priority: int = 1,
    levels: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
) -> Programme:
    return Programme(
        id=id,
        name=id.replace("-", " ").title(),
        kind=kind,
        capabilities=capabilities,
        eligibility=Eligibility(frozenset(levels), frozenset(categories)),
        priority=priority,
        full_time=kind == "remedial",
    )


def remedial_class(id: str = "class") -> Programme:
    return programme(id, kind="remedial", capabilities=())


def cohort(
    id: str, programme_id: str = "camp", capacity: int = 2, starts_in_days: int = 30
) -> Cohort:
    starts_on = TODAY + timedelta(days=starts_in_days)
    return Cohort(
        id=id,
        programme_id=programme_id,
        name=id,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=20),
        capacity=capacity,
    )


def weakness(
    cadre_id: str,
    capability: str = "digital_governance",
    period: str = "2025",
    level: str = "deputy",
    category: str = "township",
) -> WeaknessFlagged:
    return WeaknessFlagged(
        cadre_id=cadre_id,
        capability=capability,
        severity="high",
        period=period,
        score=41.0,
        threshold=60.0,
        peer_percentile=8.0,
        unit_category=category,
        position_level=level,
    )


def cleared(
    cadre_id: str, capability: str = "digital_governance", period: str = "2025"
) -> WeaknessCleared:
    return WeaknessCleared(
        cadre_id=cadre_id,
        capability=capability,
        period=period,
        reason="new_evidence",
        score=72.0,
        target=70.0,
        confidence=0.8,
    )


def bottom_rank(cadre_id: str, period: str = "2025") -> BottomRanked:
    return BottomRanked(
        cadre_id=cadre_id,
        period=period,
        rank=30,
        peer_group_size=30,
        total_score=52.5,
        unit_category="township",
        position_level="deputy",
    )


def completion(
    enrolment_id: str, cadre_id: str, programme_id: str, passed: bool = True, score: float = 82.0
) -> EnrolmentCompleted:
    return EnrolmentCompleted(
        enrolment_id=enrolment_id,
        cadre_id=cadre_id,
        programme_id=programme_id,
        attendance_rate=0.95,
        result_score=score,
        passed=passed,
        completed_on=TODAY,
        trainer_id="trainer-1",
    )


def profile(
    cadre_id: str,
    period: str,
    scores: dict[str, float],
    level: str = "deputy",
    category: str = "township",
    targets: dict[str, float] | None = None,
) -> CapabilityProfileComputed:
    return CapabilityProfileComputed(
        cadre_id=cadre_id,
        period=period,
        unit_id="U-1",
        unit_category=category,
        position_level=level,
        scores=scores,
        targets=targets or {},
    )
