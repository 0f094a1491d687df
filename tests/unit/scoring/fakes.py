"""In-memory stand-ins for the scoring unit of work and its repositories (no database).

They keep what a handler stored, the ledger records it appended and the events it emitted, so a
unit test reads them back; `committed` says whether the unit of work ended without an error.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any

from schemas.envelope import Envelope, EventPayload
from schemas.registry import parse_payload
from services.scoring import ledger
from services.scoring.adapters.approval_repository import StoredAuthorisation
from services.scoring.adapters.observation_repository import Stored
from services.scoring.domain.appeals import OPEN as OPEN_APPEAL
from services.scoring.domain.appeals import Appeal
from services.scoring.domain.approvals import ApprovalKey, ApprovalPolicy
from services.scoring.domain.cases import enclosing
from services.scoring.domain.exemptions import Exemption, ExemptionCategory
from services.scoring.domain.observations import Accepted, ListInForce
from services.scoring.domain.waivers import IncompleteResult, Waiver
from services.scoring.ledger.domain.leaves import LeafRecord

OPEN_EXEMPTION = ("submitted", "approved")


class FakeAppealRepository:
    def __init__(self) -> None:
        self.appeals: dict[str, Appeal] = {}
        self.rescoring: dict[int, dict[str, Any]] = {}
        self.assessed = 0

    async def get(self, appeal_id: str, for_update: bool = False) -> Appeal | None:
        return self.appeals.get(appeal_id)

    async def add(self, appeal: Appeal) -> None:
        assert appeal.id not in self.appeals
        self.appeals[appeal.id] = appeal

    async def update(self, appeal: Appeal) -> None:
        assert appeal.id in self.appeals
        self.appeals[appeal.id] = appeal

    async def open_for(self, appeal: Appeal) -> Appeal | None:
        for other in self.appeals.values():
            if (
                other.subject == appeal.subject
                and other.period == appeal.period
                and (other.indicator_code or "") == (appeal.indicator_code or "")
                and other.status in OPEN_APPEAL
            ):
                return other
        return None

    async def counts_by_status(self, period: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for appeal in self.appeals.values():
            if appeal.period == period:
                counts[appeal.status] = counts.get(appeal.status, 0) + 1
        return counts

    async def assessed_count(self) -> int:
        return self.assessed

    async def request_rescoring(self, appeal: Appeal, at: datetime) -> int:
        request_id = len(self.rescoring) + 1
        self.rescoring[request_id] = {"period": appeal.period, "cause_id": appeal.id, "done": False}
        return request_id

    async def pending_rescoring_ids(self, period: str) -> set[int]:
        return {
            request_id
            for request_id, request in self.rescoring.items()
            if request["period"] == period and not request["done"]
        }


class FakeExemptionRepository:
    def __init__(self, categories: Sequence[ExemptionCategory] = ()) -> None:
        self.categories = {category.code: category for category in categories}
        self.exemptions: dict[str, Exemption] = {}

    async def category(self, code: str) -> ExemptionCategory | None:
        return self.categories.get(code)

    async def save_category(self, category: ExemptionCategory, by: str, at: datetime) -> None:
        self.categories[category.code] = category

    async def get(self, exemption_id: str, for_update: bool = False) -> Exemption | None:
        return self.exemptions.get(exemption_id)

    async def add(self, exemption: Exemption) -> None:
        assert exemption.id not in self.exemptions
        self.exemptions[exemption.id] = exemption

    async def update(self, exemption: Exemption) -> None:
        assert exemption.id in self.exemptions
        self.exemptions[exemption.id] = exemption

    async def open_for(
        self, subject_kind: str, subject_id: str, period: str, indicator_code: str
    ) -> Exemption | None:
        for other in self.exemptions.values():
            if (
                (other.subject.kind, other.subject.id) == (subject_kind, subject_id)
                and other.period == period
                and other.indicator_code == indicator_code
                and other.status in OPEN_EXEMPTION
            ):
                return other
        return None


class FakeApprovalRepository:
    def __init__(self) -> None:
        self.keys_by_id: dict[str, ApprovalKey] = {}
        self.policies_by_kind: dict[str, ApprovalPolicy] = {}
        self.authorisations: dict[str, StoredAuthorisation] = {}
        self.rows: dict[str, dict[str, Any]] = {}

    async def keys(self, key_ids: Iterable[str] | None = None) -> dict[str, ApprovalKey]:
        wanted = set(self.keys_by_id) if key_ids is None else set(key_ids)
        return {k: key for k, key in self.keys_by_id.items() if k in wanted}

    async def key_with_public_key(self, public_key: str) -> ApprovalKey | None:
        return next((k for k in self.keys_by_id.values() if k.public_key == public_key), None)

    async def add_key(self, key: ApprovalKey, registered_by: str, at: datetime) -> None:
        assert key.key_id not in self.keys_by_id
        self.keys_by_id[key.key_id] = key

    async def revoke_key(self, key_id: str, revoked_by: str, at: datetime) -> ApprovalKey | None:
        key = self.keys_by_id.get(key_id)
        if key is None or not key.active:
            return None
        self.keys_by_id[key_id] = dataclasses.replace(key, active=False)
        return self.keys_by_id[key_id]

    async def policy(self, change_kind: str) -> ApprovalPolicy | None:
        return self.policies_by_kind.get(change_kind)

    async def policies(self) -> list[ApprovalPolicy]:
        return [self.policies_by_kind[kind] for kind in sorted(self.policies_by_kind)]

    async def save_policy(self, saved: ApprovalPolicy, updated_by: str, at: datetime) -> None:
        self.policies_by_kind[saved.change_kind] = saved

    async def add_authorisation(self, values: dict[str, Any]) -> None:
        assert values["id"] not in self.authorisations
        self.rows[values["id"]] = dict(values)
        self.authorisations[values["id"]] = StoredAuthorisation(
            id=values["id"],
            change_kind=values["change_kind"],
            record_id=values["record_id"],
            content=values["content"],
            digest=values["digest"],
            leaf_index=values["leaf_index"],
            authorised_at=values["authorised_at"],
            applied_at=None,
        )

    async def authorisation(
        self, authorisation_id: str, for_update: bool = False
    ) -> StoredAuthorisation | None:
        return self.authorisations.get(authorisation_id)

    async def mark_applied(self, authorisation_id: str, at: datetime, leaf_index: int) -> None:
        found = self.authorisations[authorisation_id]
        self.authorisations[authorisation_id] = dataclasses.replace(found, applied_at=at)

    async def unused_authorisations(
        self, change_kind: str, record_ids: Iterable[str]
    ) -> list[StoredAuthorisation]:
        wanted = set(record_ids)
        found = [
            a
            for a in self.authorisations.values()
            if a.change_kind == change_kind and a.record_id in wanted and a.applied_at is None
        ]
        return sorted(found, key=lambda a: a.authorised_at)


class FakePeriodLockRepository:
    def __init__(self) -> None:
        self.locks: dict[str, dict[str, Any]] = {}

    async def add(
        self, period: str, reason: str, by: str, role: str, at: datetime, leaf_index: int
    ) -> None:
        assert period not in self.locks
        self.locks[period] = {"reason": reason, "by": by, "role": role, "leaf_index": leaf_index}

    async def has_own_lock(self, period: str) -> bool:
        return period in self.locks

    async def covering(self, periods: Iterable[str]) -> dict[str, str]:
        found = {}
        for period in set(periods):
            outer = next((o for o in enclosing(period) if o in self.locks), None)
            if outer is not None:
                found[period] = outer
        return found

    async def remove(self, period: str) -> None:
        del self.locks[period]


class FakeWaiverRepository:
    """Stored results with unreported red lines or vetoes are put in `results` by the test."""

    def __init__(self) -> None:
        self.results: list[IncompleteResult] = []
        self.stored: list[Waiver] = []

    async def incomplete_results(
        self, periods: Iterable[str], unit_id: str | None = None
    ) -> list[IncompleteResult]:
        wanted = set(periods)
        return [
            r
            for r in self.results
            if r.period in wanted and unit_id in (None, r.unit_id) and r.missing_mandatory
        ]

    async def waivers(self, periods: Iterable[str], unit_id: str | None = None) -> list[Waiver]:
        wanted = set(periods)
        return [w for w in self.stored if w.period in wanted and unit_id in (None, w.unit_id)]

    async def add(self, waiver: Waiver) -> None:
        self.stored.append(waiver)


class FakeRecordRepository:
    def __init__(self) -> None:
        self.settings: dict[str, Any] | None = None
        self.serialised: list[str] = []
        self.evaluations: list[dict[str, Any]] = []
        self.daily: list[dict[str, Any]] = []
        self.cadre_evaluations: dict[tuple[str, int, str], float] = {}
        self.areas: dict[tuple[str, int], list[str]] = {}

    async def settings_json(self) -> dict[str, Any] | None:
        return self.settings

    async def store_settings(self, data: dict[str, Any], updated_by: str) -> None:
        self.settings = data

    async def one_at_a_time(self, submitted_by: str) -> None:
        self.serialised.append(submitted_by)

    async def submissions_since(self, submitted_by: str, since: datetime) -> int:
        return sum(
            1
            for e in self.evaluations
            if e["submitted_by"] == submitted_by and e["submitted_at"] >= since
        )

    async def add_public_evaluation(
        self,
        unit_id: str,
        period: str,
        respondent_digest: str,
        satisfaction: float,
        submitted_by: str,
    ) -> int | None:
        key = (unit_id, period, respondent_digest)
        if any(
            (e["unit_id"], e["period"], e["respondent_digest"]) == key for e in self.evaluations
        ):
            return None
        self.evaluations.append(
            {
                "unit_id": unit_id,
                "period": period,
                "respondent_digest": respondent_digest,
                "satisfaction": satisfaction,
                "submitted_by": submitted_by,
                "submitted_at": datetime.now(UTC),
            }
        )
        return len(self.evaluations)

    async def add_daily_record(
        self,
        cadre_id: str,
        occurred_on: date,
        kind: str,
        points: float,
        description: str,
        recorded_by: str,
    ) -> int:
        self.daily.append(
            {
                "cadre_id": cadre_id,
                "occurred_on": occurred_on,
                "kind": kind,
                "points": points,
                "description": description,
                "recorded_by": recorded_by,
            }
        )
        return len(self.daily)

    async def set_evaluation(
        self, cadre_id: str, year: int, kind: str, score: float, evaluated_by: str
    ) -> None:
        self.cadre_evaluations[(cadre_id, year, kind)] = score

    async def set_areas(
        self, cadre_id: str, year: int, dimensions: list[str], assigned_by: str
    ) -> None:
        self.areas[(cadre_id, year)] = list(dimensions)


class FakeObservationRepository:
    """Numbers revisions per (series, period, source) as the database's insert does."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    async def insert(
        self,
        accepted: list[Accepted],
        channel: str,
        reported_by: list[str],
        reported_at: list[datetime],
        event_ids: list[uuid.UUID | None] | None = None,
    ) -> list[Stored]:
        stored = []
        for a, by, event_id in zip(
            accepted, reported_by, event_ids or [None] * len(accepted), strict=True
        ):
            key = (a.series_key, a.period.text, a.observation.source)
            revision = 1 + sum(1 for row in self.rows if row["key"] == key)
            self.rows.append(
                {
                    "key": key,
                    "revision": revision,
                    "value": a.observation.value,
                    "channel": channel,
                    "reported_by": by,
                    "event_id": event_id,
                }
            )
            stored.append(Stored(len(self.rows), revision, datetime.now(UTC)))
        return stored


class FakeListsInForce:
    def __init__(self, lists: Sequence[ListInForce] = ()) -> None:
        self.lists = {(listing.unit_id, listing.year): listing for listing in lists}

    async def for_checks(
        self, wanted: Iterable[tuple[str, int, str]]
    ) -> tuple[dict[tuple[str, int], ListInForce], dict[str, tuple[int, ...]]]:
        pairs = {(unit, year) for unit, year, _ in wanted}
        listings = {pair: self.lists[pair] for pair in pairs if pair in self.lists}
        missing = {unit for unit, year in pairs if (unit, year) not in listings}
        years = {
            unit: tuple(sorted(y for u, y in self.lists if u == unit))
            for unit in missing
            if any(u == unit for u, _ in self.lists)
        }
        return listings, years


class FakeRoster:
    def __init__(self, units: Sequence[str] = (), cadres: dict[str, str] | None = None) -> None:
        self.units = set(units)
        self.cadres = dict(cadres or {})

    async def unit_of_cadre(self, cadre_id: str) -> str | None:
        return self.cadres.get(cadre_id)

    async def has_unit(self, unit_id: str) -> bool:
        return unit_id in self.units

    async def has_cadre(self, cadre_id: str) -> bool:
        return cadre_id in self.cadres


class FakeEvidenceLog:
    """Appends in memory; a leaf is (kind, record id, content) in order."""

    def __init__(self) -> None:
        self.leaves: list[tuple[str, str, Any]] = []

    async def record(self, kind: str, record_id: str, content: Any) -> ledger.LeafRef:
        ledger.check_reference(kind, record_id)
        self.leaves.append((kind, record_id, content))
        return ledger.LeafRef(len(self.leaves) - 1, b"\0" * 32)

    async def record_many(self, entries: Sequence[ledger.Entry]) -> ledger.Appended:
        first = len(self.leaves)
        for entry in entries:
            await self.record(entry.kind, entry.record_id, entry.content)
        # No checkpoint is signed in memory: a caller reading it would fail loudly.
        return ledger.Appended(first, b"\0" * 32, len(entries), None)  # type: ignore[arg-type]

    async def proven_record(self, leaf_index: int) -> LeafRecord:
        """The leaf as a stored one reads back: its content through canonical JSON."""
        kind, record_id, content = self.leaves[leaf_index]
        return LeafRecord(kind, record_id, "", json.loads(ledger.canonical_json(content)))

    def kinds(self) -> list[tuple[str, str]]:
        return [(kind, record_id) for kind, record_id, _ in self.leaves]


class FakeScoringRuns:
    """Records the runs asked for; `refusal` makes the next run refuse as a locked period would."""

    def __init__(self, appeals: FakeAppealRepository) -> None:
        self._appeals = appeals
        self.runs: list[tuple[str, str]] = []
        self.refusal: Exception | None = None

    async def rescore(self, period: str, requested_by: str) -> None:
        if self.refusal is not None:
            raise self.refusal
        self.runs.append((period, requested_by))
        for request in self._appeals.rescoring.values():
            if request["period"] == period:
                request["done"] = True


@dataclasses.dataclass
class FakeScoringUnitOfWork:
    appeals: FakeAppealRepository = dataclasses.field(default_factory=FakeAppealRepository)
    exemptions: FakeExemptionRepository = dataclasses.field(default_factory=FakeExemptionRepository)
    approvals: FakeApprovalRepository = dataclasses.field(default_factory=FakeApprovalRepository)
    period_locks: FakePeriodLockRepository = dataclasses.field(
        default_factory=FakePeriodLockRepository
    )
    waivers: FakeWaiverRepository = dataclasses.field(default_factory=FakeWaiverRepository)
    records: FakeRecordRepository = dataclasses.field(default_factory=FakeRecordRepository)
    observations: FakeObservationRepository = dataclasses.field(
        default_factory=FakeObservationRepository
    )
    lists_in_force: FakeListsInForce = dataclasses.field(default_factory=FakeListsInForce)
    roster: FakeRoster = dataclasses.field(default_factory=FakeRoster)
    log: FakeEvidenceLog = dataclasses.field(default_factory=FakeEvidenceLog)
    producer: str = "scoring"
    emitted: list[Envelope] = dataclasses.field(default_factory=list)
    committed: bool | None = None
    runs: FakeScoringRuns = dataclasses.field(init=False)
    # A bulk path reaching for the database fails loudly: it is tested in integration.
    session: None = None

    def __post_init__(self) -> None:
        self.runs = FakeScoringRuns(self.appeals)

    async def emit(self, payload: EventPayload, key: str) -> Envelope:
        envelope = Envelope.wrap(payload, producer=self.producer)
        self.emitted.append(envelope)
        return envelope

    def events(self) -> list[EventPayload]:
        return [parse_payload(envelope) for envelope in self.emitted]

    async def __aenter__(self) -> FakeScoringUnitOfWork:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.committed = exc_type is None
