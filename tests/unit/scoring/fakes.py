"""In-memory stand-ins for the scoring unit of work and its repositories (no database).

They keep what a handler stored, the ledger records it appended and the events it emitted, so a
unit test reads them back; `committed` says whether the unit of work ended without an error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Any

from schemas.envelope import Envelope, EventPayload
from schemas.registry import parse_payload
from services.scoring import ledger
from services.scoring.domain.appeals import OPEN as OPEN_APPEAL
from services.scoring.domain.appeals import Appeal
from services.scoring.domain.exemptions import Exemption, ExemptionCategory

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


class FakeRoster:
    def __init__(self, units: Sequence[str] = (), cadres: dict[str, str] | None = None) -> None:
        self.units = set(units)
        self.cadres = dict(cadres or {})

    async def unit_of_cadre(self, cadre_id: str) -> str | None:
        return self.cadres.get(cadre_id)

    async def has_unit(self, unit_id: str) -> bool:
        return unit_id in self.units


class FakeEvidenceLog:
    """Appends in memory; a leaf is (kind, record id, content) in order."""

    def __init__(self) -> None:
        self.leaves: list[tuple[str, str, Any]] = []

    async def record(self, kind: str, record_id: str, content: Any) -> ledger.LeafRef:
        ledger.check_reference(kind, record_id)
        self.leaves.append((kind, record_id, content))
        return ledger.LeafRef(len(self.leaves) - 1, b"\0" * 32)

    async def record_many(self, entries: Sequence[ledger.Entry]) -> ledger.Appended:
        raise NotImplementedError("bulk appends are tested against the database")

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
