"""In-memory fakes of the development service's repositories and unit of work.

They keep the rules the database keeps (one active enrolment per cadre and programme, seats
within capacity) and return a cohort's line in no particular order, so that who is first in
line has to be decided by the domain. A unit of work that fails leaves the store as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import Any

from schemas.envelope import Envelope, EventPayload
from schemas.events import CapabilityProfileComputed
from services.development.bootstrap import Development, bootstrap
from services.development.domain.clearing import EnrolmentNote
from services.development.domain.cluster_report import ClusterSummary, CommonGap
from services.development.domain.effect import ScoreChange
from services.development.domain.enrolments import (
    ACTIVE,
    CLEARED,
    COMPLETED,
    ENROLLED,
    WAITLISTED,
    Enrolment,
)
from services.development.domain.gaps import PeriodProfiles
from services.development.domain.programmes import Cohort, Programme
from services.development.domain.projection import Projection
from services.development.service_layer.unit_of_work import Finding, Settlement
from services.development.settings import DevelopmentSettings


@dataclass
class Store:
    """Everything the fakes hold: what would be the development database."""

    programmes: dict[str, Programme] = field(default_factory=dict)
    cohorts: dict[str, Cohort] = field(default_factory=dict)
    enrolments: dict[str, Enrolment] = field(default_factory=dict)
    findings: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    notes: dict[tuple[str, str], EnrolmentNote] = field(default_factory=dict)
    roster: dict[str, tuple[str, str]] = field(default_factory=dict)
    profiles: dict[tuple[str, str], CapabilityProfileComputed] = field(default_factory=dict)
    runs: list[tuple[dict[str, Any], list[ClusterSummary]]] = field(default_factory=list)
    common_gaps: dict[str, list[CommonGap]] = field(default_factory=dict)
    projections: dict[str, Projection] = field(default_factory=dict)
    published: list[EventPayload] = field(default_factory=list)


class FakeProgrammeRepository:
    def __init__(self, store: Store):
        self.store = store

    async def add(self, programme: Programme) -> bool:
        if programme.id in self.store.programmes:
            return False
        self.store.programmes[programme.id] = programme
        return True

    async def get(self, programme_id: str) -> Programme | None:
        return self.store.programmes.get(programme_id)

    async def all(self) -> list[Programme]:
        return sorted(self.store.programmes.values(), key=lambda p: (p.priority, p.id))

    async def for_capabilities(self, capabilities: list[str]) -> list[Programme]:
        return [
            p
            for p in self.store.programmes.values()
            if not p.remedial and set(p.capabilities) & set(capabilities)
        ]

    async def remedial(self) -> list[Programme]:
        return [p for p in self.store.programmes.values() if p.remedial]

    async def add_cohort(self, cohort: Cohort) -> bool:
        if cohort.id in self.store.cohorts:
            return False
        self.store.cohorts[cohort.id] = cohort
        return True

    async def cohort(self, cohort_id: str, lock: bool = False) -> Cohort | None:
        return self.store.cohorts.get(cohort_id)

    async def open_cohorts_locked(self, programme_id: str, today: date) -> list[Cohort]:
        return sorted(
            (
                c
                for c in self.store.cohorts.values()
                if c.programme_id == programme_id and c.ends_on >= today
            ),
            key=lambda c: c.id,
        )

    async def save_cohort(self, cohort: Cohort) -> None:
        # The table's check constraint.
        if not 0 <= cohort.seats_taken <= cohort.capacity:
            raise ValueError(f"cohort {cohort.id}: seats taken out of range")
        self.store.cohorts[cohort.id] = cohort


class FakeEnrolmentRepository:
    def __init__(self, store: Store):
        self.store = store

    def _check_one_active(self, enrolment: Enrolment) -> None:
        # The partial unique index: one active enrolment per cadre and programme.
        if enrolment.status not in ACTIVE:
            return
        for other in self.store.enrolments.values():
            if (
                other.id != enrolment.id
                and other.status in ACTIVE
                and (other.cadre_id, other.programme_id)
                == (enrolment.cadre_id, enrolment.programme_id)
            ):
                raise ValueError(f"{enrolment.cadre_id} is active in {enrolment.programme_id}")

    async def active_in_programme(self, programme_id: str, cadre_ids: list[str]) -> dict[str, str]:
        return {
            e.cadre_id: e.id
            for e in self.store.enrolments.values()
            if e.programme_id == programme_id and e.cadre_id in cadre_ids and e.active
        }

    async def add(self, added: list[Enrolment]) -> None:
        for enrolment in added:
            self._check_one_active(enrolment)
            self.store.enrolments[enrolment.id] = enrolment

    async def get(self, enrolment_id: str) -> Enrolment | None:
        return self.store.enrolments.get(enrolment_id)

    async def save(self, enrolment: Enrolment) -> None:
        assert enrolment.id in self.store.enrolments
        self._check_one_active(enrolment)
        self.store.enrolments[enrolment.id] = enrolment

    async def line_lengths(self, cohort_ids: list[str]) -> dict[str, int]:
        lengths: dict[str, int] = {}
        for e in self.store.enrolments.values():
            if e.cohort_id in cohort_ids and e.status == WAITLISTED:
                lengths[e.cohort_id] = lengths.get(e.cohort_id, 0) + 1
        return lengths

    async def waiting_for(self, cohort_id: str, seats: int) -> list[Enrolment]:
        # Everyone in line, latest first: the order is the domain's to decide.
        waiting = [
            e
            for e in self.store.enrolments.values()
            if e.cohort_id == cohort_id and e.status == WAITLISTED
        ]
        return list(reversed(waiting))

    async def add_note(self, note: EnrolmentNote) -> bool:
        assert note.enrolment_id in self.store.enrolments  # the foreign key
        key = (note.enrolment_id, note.cause)
        if key in self.store.notes:
            return False
        self.store.notes[key] = note
        return True


class FakeFindingRepository:
    def __init__(self, store: Store):
        self.store = store

    async def claim(self, findings: list[tuple[str, str, Finding]]) -> set[tuple[str, str]]:
        claimed = set()
        for cadre_id, cause, finding in findings:
            known = self.store.findings.get((cadre_id, cause))
            if known is None or known["outcome"] == CLEARED:
                self.store.findings[(cadre_id, cause)] = {
                    "outcome": "pending",
                    "enrolment_id": None,
                    "finding": finding,
                }
                claimed.add((cadre_id, cause))
        return claimed

    async def settle(self, settled: list[Settlement]) -> None:
        for cadre_id, cause, outcome, enrolment_id in settled:
            self.store.findings[(cadre_id, cause)].update(
                outcome=outcome, enrolment_id=enrolment_id
            )

    async def clear(self, cadre_id: str, cause: str) -> str | None:
        record = self.store.findings.get((cadre_id, cause))
        if record is None:
            return None
        record["outcome"] = CLEARED
        enrolment_id: str | None = record["enrolment_id"]
        return enrolment_id

    async def relying_on(self, enrolment_id: str, other_than: str) -> list[str]:
        return sorted(
            cause
            for (_, cause), record in self.store.findings.items()
            if record["enrolment_id"] == enrolment_id
            and cause != other_than
            and record["outcome"] != CLEARED
        )

    async def unplaced(self, outcomes: tuple[str, ...], limit: int) -> list[Finding]:
        return [
            record["finding"]
            for record in self.store.findings.values()
            if record["outcome"] in outcomes
        ][:limit]


class FakeRosterRepository:
    def __init__(self, store: Store):
        self.store = store

    async def positions(self, cadre_ids: list[str]) -> dict[str, tuple[str, str]]:
        return {c: self.store.roster[c] for c in cadre_ids if c in self.store.roster}


class FakeProfileRepository:
    def __init__(self, store: Store):
        self.store = store

    async def record(self, event: CapabilityProfileComputed) -> None:
        self.store.profiles.pop((event.cadre_id, event.period), None)
        self.store.profiles[(event.cadre_id, event.period)] = event

    async def latest_period(self) -> str | None:
        return next(reversed(self.store.profiles), (None, None))[1]

    async def period_profiles(self, period: str) -> PeriodProfiles:
        profiles = sorted(
            (p for (_, p_period), p in self.store.profiles.items() if p_period == period),
            key=lambda p: p.cadre_id,
        )
        return PeriodProfiles(
            [p.cadre_id for p in profiles],
            [p.position_level for p in profiles],
            [dict(p.scores) for p in profiles],
            [dict(p.targets) for p in profiles],
        )

    async def score_changes(
        self, programme_id: str, capability: str, before: str, after: str
    ) -> list[ScoreChange]:
        seated = {
            e.cadre_id
            for e in self.store.enrolments.values()
            if e.programme_id == programme_id and e.status in (ENROLLED, COMPLETED)
        }
        changes = []
        for (cadre_id, period), earlier in self.store.profiles.items():
            later = self.store.profiles.get((cadre_id, after))
            if period != before or later is None:
                continue
            if capability in earlier.scores and capability in later.scores:
                changes.append(
                    ScoreChange(
                        cadre_id,
                        (earlier.unit_category, earlier.position_level),
                        cadre_id in seated,
                        earlier.scores[capability],
                        later.scores[capability],
                    )
                )
        return changes


class FakeClusteringRunRepository:
    def __init__(self, store: Store):
        self.store = store

    async def add(
        self,
        values: dict[str, Any],
        summaries: list[ClusterSummary],
        common_gaps: Sequence[CommonGap] = (),
        projection: Projection | None = None,
    ) -> None:
        self.store.runs.append((values, summaries))
        self.store.common_gaps[values["id"]] = list(common_gaps)
        if projection is not None:
            self.store.projections[values["id"]] = projection


class FakeUnitOfWork:
    def __init__(self, store: Store):
        self.store = store
        self.programmes = FakeProgrammeRepository(store)
        self.enrolments = FakeEnrolmentRepository(store)
        self.findings = FakeFindingRepository(store)
        self.roster = FakeRosterRepository(store)
        self.profiles = FakeProfileRepository(store)
        self.clustering_runs = FakeClusteringRunRepository(store)
        self._emitted: list[Envelope] = []
        self._before: Store | None = None

    @property
    def emitted(self) -> list[Envelope]:
        return self._emitted

    async def emit(self, payload: EventPayload, key: str) -> Envelope:
        return (await self.emit_many([(payload, key)]))[0]

    async def emit_many(self, events: list[tuple[EventPayload, str]]) -> list[Envelope]:
        envelopes = [Envelope.wrap(payload, producer="development") for payload, _ in events]
        self._emitted.extend(envelopes)
        self._pending.extend(payload for payload, _ in events)
        return envelopes

    async def __aenter__(self) -> FakeUnitOfWork:
        self._before = copy.deepcopy(self.store)
        self._pending: list[EventPayload] = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.store.published.extend(self._pending)
            return
        assert self._before is not None
        for name in vars(self._before):
            setattr(self.store, name, getattr(self._before, name))
        self._emitted = []


class FakeModelStore:
    def __init__(self) -> None:
        self.saved: dict[str, Any] = {}

    def save_model(self, run_id: str, pipeline: Any) -> tuple[bytes | None, str | None]:
        self.saved[run_id] = pipeline
        return b"model", None


def fake_development(store: Store | None = None, **settings: Any) -> tuple[Development, Store]:
    """The service composed on the fakes, as the unit tests use it."""
    store = store or Store()
    development = bootstrap(
        unit_of_work=lambda: FakeUnitOfWork(store),
        settings=DevelopmentSettings(**settings),
        model_store=FakeModelStore(),
    )
    return development, store
