"""Service-layer handlers of exemptions, appeals, evidence and re-scoring, against in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.envelope import Envelope
from schemas.events import RescoringRequested
from services.common.auth import Principal, Role
from services.common.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from services.scoring.bootstrap import bootstrap
from services.scoring.domain.cases import Subject
from services.scoring.domain.exemptions import EvidenceItem, ExemptionCategory
from services.scoring.service_layer import appeals, exemptions, log_entries
from services.scoring.service_layer.evidence import record_evidence
from services.scoring.service_layer.handlers import EVENT_HANDLERS, rescoring_requested
from tests.unit.scoring.fakes import FakeRoster, FakeScoringUnitOfWork

UNIT, CADRE = "U-WATER", "C-0042"
ADMIN = Principal("admin-1", Role.ADMIN)
ASSESSOR = Principal("assessor-1", Role.ASSESSOR)
REPORTER = Principal("reporter-1", Role.UNIT_REPORTER, unit_id=UNIT)
OTHER_REPORTER = Principal("reporter-2", Role.UNIT_REPORTER, unit_id="U-ROADS")
THE_CADRE = Principal("cadre-42", Role.CADRE, cadre_id=CADRE)
REASONS = "The December survey was entered twice; the real rate is above the target."
POLICY_SHOCK = ExemptionCategory(
    code="policy_or_external_shock",
    name="Policy change or external shock",
    description="A target was missed because a higher-level policy changed.",
)
EVIDENCE = [EvidenceItem(name="provincial notice.pdf", sha256="cd" * 32)]
NOW_AT = datetime(2026, 1, 5, tzinfo=UTC)


def fake_uow() -> FakeScoringUnitOfWork:
    uow = FakeScoringUnitOfWork(roster=FakeRoster(units=[UNIT, "U-ROADS"], cadres={CADRE: UNIT}))
    uow.exemptions.categories[POLICY_SHOCK.code] = POLICY_SHOCK
    return uow


async def submitted(uow: FakeScoringUnitOfWork, by: Principal = REPORTER) -> str:
    appeal = await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, by)
    return appeal.id


async def test_an_appeal_is_submitted_for_a_known_unit_and_recorded_in_the_ledger():
    uow = fake_uow()
    appeal = await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, REPORTER)
    assert uow.appeals.appeals[appeal.id].status == "submitted"
    assert uow.log.kinds() == [(log_entries.APPEAL, appeal.id)]
    with pytest.raises(Conflict):
        await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, REPORTER)


async def test_an_appeal_for_an_unknown_unit_or_someone_else_is_refused_and_nothing_stored():
    uow = fake_uow()
    with pytest.raises(ValidationFailed) as refused:
        await appeals.submit(uow, Subject(unit_id="U-NONE"), "2025", REASONS, ADMIN)
    assert refused.value.problems[0].field == "unitId"
    with pytest.raises(PermissionDenied):
        await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, OTHER_REPORTER)
    with pytest.raises(PermissionDenied):
        await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, THE_CADRE)
    assert not uow.appeals.appeals and not uow.log.leaves


async def test_a_cadre_appeals_for_themselves_with_their_unit_filled_in():
    uow = fake_uow()
    appeal = await appeals.submit(
        uow, Subject(unit_id=None, cadre_id=CADRE), "2025", REASONS, THE_CADRE
    )
    assert appeal.subject == Subject(unit_id=UNIT, cadre_id=CADRE)


async def test_an_upheld_appeal_requests_rescoring_with_an_event_in_its_unit_of_work():
    uow = fake_uow()
    appeal_id = await submitted(uow)
    await appeals.start_review(uow, appeal_id, ASSESSOR)
    decided = await appeals.decide(
        uow, appeal_id, True, "the duplicate entry is confirmed", ASSESSOR
    )
    assert decided.upheld and uow.appeals.appeals[appeal_id].status == "upheld"
    [requested] = uow.events()
    assert isinstance(requested, RescoringRequested)
    assert (requested.request_id, requested.cause, requested.cause_id, requested.period) == (
        1,
        "appeal",
        appeal_id,
        "2025",
    )
    assert requested.unit_id == UNIT and requested.cadre_id is None
    assert uow.appeals.rescoring[1]["done"] is False
    assert [kind for kind, _ in uow.log.kinds()] == [
        log_entries.APPEAL,
        log_entries.APPEAL,
        log_entries.APPEAL,
        log_entries.RESCORING,
    ]


async def test_a_rejected_appeal_asks_for_nothing():
    uow = fake_uow()
    appeal_id = await submitted(uow)
    await appeals.start_review(uow, appeal_id, ASSESSOR)
    await appeals.decide(uow, appeal_id, False, "the survey was entered once", ASSESSOR)
    assert uow.emitted == [] and uow.appeals.rescoring == {}


async def test_only_overseers_review_or_decide_and_an_unknown_appeal_is_not_found():
    uow = fake_uow()
    appeal_id = await submitted(uow)
    with pytest.raises(PermissionDenied):
        await appeals.start_review(uow, appeal_id, REPORTER)
    with pytest.raises(NotFound):
        await appeals.decide(uow, "AP-none", True, "no such appeal here", ASSESSOR)


async def test_appeal_counts_of_a_period_by_status():
    uow = fake_uow()
    uow.appeals.assessed = 40
    await submitted(uow)
    counts = await appeals.counts(uow.appeals, "2025")
    assert counts.by_status == {"submitted": 1} and counts.assessed == 40
    with pytest.raises(ValidationFailed):
        await appeals.counts(uow.appeals, "2025-13")


def requested(request_id: int, period: str = "2025") -> tuple[RescoringRequested, Envelope]:
    event = RescoringRequested(
        request_id=request_id, cause="appeal", cause_id="AP-1", period=period, unit_id=UNIT
    )
    return event, Envelope.wrap(event, producer="scoring")


async def test_the_rescoring_event_has_its_handler_in_the_one_table():
    assert EVENT_HANDLERS[RescoringRequested] is rescoring_requested


async def test_a_requested_rescoring_runs_the_period_once_through_the_service():
    uow = fake_uow()
    appeal_id = await submitted(uow)
    await appeals.start_review(uow, appeal_id, ASSESSOR)
    await appeals.decide(uow, appeal_id, True, "the duplicate entry is confirmed", ASSESSOR)
    [event] = uow.events()
    service = bootstrap(lambda: uow)
    assert await service.handle(event, uow.emitted[0]) is True
    assert uow.runs.runs == [("2025", f"appeal {appeal_id}")] and uow.committed
    # Redelivered after the run completed the request: nothing runs again.
    assert await service.handle(event, uow.emitted[0]) is False
    assert len(uow.runs.runs) == 1


async def test_a_rescoring_the_period_refuses_stays_pending_and_counts_as_handled():
    uow = fake_uow()
    await uow.appeals.request_rescoring(
        await appeals.submit(uow, Subject(unit_id=UNIT), "2025", REASONS, REPORTER), NOW_AT
    )
    uow.runs.refusal = Conflict("period 2025 is locked")
    event, envelope = requested(1)
    assert await rescoring_requested(uow, event, envelope) is False
    assert uow.appeals.rescoring[1]["done"] is False and uow.runs.runs == []


async def test_a_rescoring_already_done_by_another_run_is_not_repeated():
    uow = fake_uow()
    event, envelope = requested(7)
    assert await rescoring_requested(uow, event, envelope) is False
    assert uow.runs.runs == []


async def test_an_exemption_is_applied_for_once_and_decided_by_an_overseer():
    uow = fake_uow()
    applied = await exemptions.apply(
        uow,
        Subject(unit_id=UNIT),
        "2025",
        POLICY_SHOCK.code,
        "IND-NEW-INDUSTRY-PROJECTS",
        REASONS,
        EVIDENCE,
        REPORTER,
    )
    assert uow.exemptions.exemptions[applied.id].status == "submitted"
    with pytest.raises(Conflict):
        await exemptions.apply(
            uow,
            Subject(unit_id=UNIT),
            "2025",
            POLICY_SHOCK.code,
            "IND-NEW-INDUSTRY-PROJECTS",
            REASONS,
            EVIDENCE,
            REPORTER,
        )
    with pytest.raises(PermissionDenied):
        await exemptions.decide(uow, applied.id, True, "the notice is authentic", REPORTER)
    decided = await exemptions.decide(uow, applied.id, True, "the notice is authentic", ASSESSOR)
    assert uow.exemptions.exemptions[applied.id] == decided and decided.status == "approved"
    assert uow.log.kinds() == [
        (log_entries.EXEMPTION, applied.id),
        (log_entries.EXEMPTION, applied.id),
    ]
    with pytest.raises(NotFound):
        await exemptions.decide(uow, "EX-none", True, "the notice is authentic", ASSESSOR)


async def test_an_exemption_of_an_unknown_category_is_refused_by_field():
    uow = fake_uow()
    with pytest.raises(ValidationFailed) as refused:
        await exemptions.apply(
            uow, Subject(unit_id=UNIT), "2025", "bogus", "IND-X", REASONS, EVIDENCE, REPORTER
        )
    assert ("categoryCode", "exists") in {(p.field, p.rule) for p in refused.value.problems}
    assert not uow.exemptions.exemptions and not uow.log.leaves


async def test_a_category_edit_is_stored_and_recorded():
    uow = fake_uow()
    edited = ExemptionCategory(
        code=POLICY_SHOCK.code, name="Policy change", description=POLICY_SHOCK.description
    )
    await exemptions.save_category(uow, edited, ADMIN)
    assert uow.exemptions.categories[POLICY_SHOCK.code] == edited
    assert uow.log.kinds() == [(exemptions.CATEGORY, POLICY_SHOCK.code)]


async def test_an_evidence_file_is_recorded_by_its_hash_for_a_known_subject():
    uow = fake_uow()
    leaf = await record_evidence(uow, Subject(unit_id=UNIT), "2025", EVIDENCE[0], None, REPORTER)
    assert leaf.index == 0
    [(kind, record_id, content)] = uow.log.leaves
    assert (kind, record_id) == (log_entries.EVIDENCE, EVIDENCE[0].sha256)
    assert content["subject"] == Subject(unit_id=UNIT).as_record() and content["by"] == "reporter-1"
    with pytest.raises(ValidationFailed):
        await record_evidence(uow, Subject(unit_id=UNIT), "2025-13", EVIDENCE[0], None, REPORTER)


async def test_a_list_scoring_cannot_apply_is_refused_whole_before_anything_is_stored():
    from datetime import date

    from schemas.events import IndicatorListPublished
    from schemas.events.indicator import ListItem
    from services.scoring.service_layer.lists import UnscorableList, list_published

    item = ListItem(
        indicator_code="IND-FOREST-COVERAGE",
        name="Forest coverage",
        dimension="ecology",
        kind="scored",
        direction="higher_is_better",
        unit_of_measure="%",
        weight=100,
        target=74.49,
        data_source="auto_feed",
        frequency="annual",
    )
    event = IndicatorListPublished(
        list_id="L-1",
        unit_id=UNIT,
        unit_category="municipal_department",
        year=2025,
        version=1,
        effective_from=date(2025, 1, 1),
        items=(item, item),
    )
    uow = fake_uow()
    with pytest.raises(UnscorableList, match="appears twice"):
        await list_published(uow, event, Envelope.wrap(event, producer="indicator"))
    assert uow.log.leaves == [] and uow.emitted == []
