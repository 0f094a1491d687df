"""Recording observations from people, files and the feed, against in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.envelope import Envelope
from schemas.events import ObservationReported
from services.common.auth import Principal, Role
from services.common.errors import FieldProblem, PermissionDenied, ValidationFailed
from services.common.spreadsheets import Sheet, read_sheet
from services.scoring.domain.observations import FEED, ListInForce, ObservationInput
from services.scoring.domain.rules import ItemSpec
from services.scoring.service_layer import imports, log_entries, period_locks
from services.scoring.service_layer.observations import (
    decide_feed,
    ingest_feed,
    record_observations,
)
from tests.unit.scoring.approval_parties import ADMIN
from tests.unit.scoring.fakes import FakeListsInForce, FakeScoringUnitOfWork

UNIT = "U-WATER"
REPORTER = Principal("reporter-1", Role.UNIT_REPORTER, unit_id=UNIT)
FEED_SYSTEM = "water-quality-monitor"
REPORTED_AT = datetime(2025, 4, 2, tzinfo=UTC)


def item(code: str, **changes: object) -> ItemSpec:
    spec = {
        "indicator_code": code,
        "name": code,
        "dimension": "performance",
        "kind": "positive",
        "direction": "higher_better",
        "unit_of_measure": "%",
        "weight": 10.0,
        "target": 90.0,
        "min_value": 0.0,
        "max_value": 100.0,
        **changes,
    }
    return ItemSpec(**spec)  # type: ignore[arg-type]


LIST_2025 = ListInForce(
    unit_id=UNIT,
    year=2025,
    version=3,
    items={
        "IND-REPORTED": item("IND-REPORTED"),
        "IND-FED": item("IND-FED", data_source="auto_feed", source_system=FEED_SYSTEM),
    },
    series={"IND-REPORTED": 11, "IND-FED": 12},
)


def fake_uow() -> FakeScoringUnitOfWork:
    return FakeScoringUnitOfWork(lists_in_force=FakeListsInForce([LIST_2025]))


def reported(
    value: float = 91.5,
    period: str = "2025-03",
    code: str = "IND-REPORTED",
    unit_id: str = UNIT,
    unit_of_measure: str = "%",
) -> ObservationInput:
    return ObservationInput(unit_id, code, period, value, unit_of_measure)


def rules(refused: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str, int | None]]:
    return [(p.field, p.rule, p.row) for p in refused.value.problems]


async def test_reported_observations_are_stored_as_revisions_with_their_leaves():
    uow = fake_uow()
    recorded = await record_observations(
        uow, [reported(91.5), reported(92.0)], "graphql", "reporter-1"
    )
    assert [(r.revision, r.list_version, r.channel) for r in recorded] == [
        (1, 3, "graphql"),
        (2, 3, "graphql"),
    ]
    assert [row["value"] for row in uow.observations.rows] == [91.5, 92.0]
    assert uow.log.kinds() == [
        (log_entries.OBSERVATION_REVISION, str(r.observation_id)) for r in recorded
    ]
    assert uow.log.leaves[1][2]["revision"] == 2


async def test_one_broken_rule_refuses_the_whole_submission_with_every_problem():
    uow = fake_uow()
    inputs = [
        reported(),
        reported(unit_id="U-NONE"),
        reported(period="2024-03"),
        reported(code="IND-NONE"),
        reported(unit_of_measure="‰"),
        reported(value=130.0),
        reported(code="IND-FED"),
        reported(period="2025-13"),
    ]
    with pytest.raises(ValidationFailed) as refused:
        await record_observations(uow, inputs, "upload", "reporter-1", rows=list(range(2, 10)))
    assert rules(refused) == [
        ("unitId", "known_unit", 3),
        ("period", "known_period", 4),
        ("indicatorCode", "in_list", 5),
        ("unitOfMeasure", "matches_list", 6),
        ("value", "range", 7),
        ("indicatorCode", "not_auto_feed", 8),
        ("period", "period_format", 9),
    ]
    assert uow.observations.rows == [] and uow.log.leaves == []


async def test_nothing_to_record_is_refused():
    with pytest.raises(ValidationFailed) as refused:
        await record_observations(fake_uow(), [], "graphql", "reporter-1")
    assert rules(refused) == [("observations", "not_empty", None)]


async def test_a_report_into_a_locked_period_needs_an_authorisation_and_stores_nothing():
    uow = fake_uow()
    await period_locks.lock_period(uow, "2025", "annual evaluation published", ADMIN)
    leaves = len(uow.log.leaves)
    with pytest.raises(ValidationFailed) as refused:
        await record_observations(uow, [reported()], "graphql", "reporter-1")
    assert [(p.field, p.rule) for p in refused.value.problems] == [("period", "locked")]
    assert uow.observations.rows == [] and len(uow.log.leaves) == leaves


def csv(*rows: str) -> Sheet:
    content = "\n".join(["unit_id,indicator_code,period,value,unit_of_measure", *rows]).encode()
    return read_sheet("csv", content, "file")


async def test_a_file_is_imported_whole_from_its_rows():
    uow = fake_uow()
    content = csv(f"{UNIT},IND-REPORTED,2025-03,91.5,%", f"{UNIT},IND-REPORTED,2025-04,92,%")
    recorded = await imports.import_observations(uow, content, REPORTER)
    assert [(r.observation.period, r.channel) for r in recorded] == [
        ("2025-03", imports.UPLOAD),
        ("2025-04", imports.UPLOAD),
    ]
    assert [row["reported_by"] for row in uow.observations.rows] == ["reporter-1"] * 2


async def test_a_file_with_one_bad_row_stores_nothing_and_names_the_row_and_rule():
    uow = fake_uow()
    content = csv(f"{UNIT},IND-REPORTED,2025-03,91.5,%", f"{UNIT},IND-REPORTED,2025-04,lots,%")
    with pytest.raises(ValidationFailed) as refused:
        await imports.import_observations(uow, content, REPORTER)
    assert rules(refused) == [("value", "number", 3)]
    content = csv(f"{UNIT},IND-REPORTED,2025-03,91.5,%", f"{UNIT},IND-REPORTED,2025-04,130,%")
    with pytest.raises(ValidationFailed) as refused:
        await imports.import_observations(uow, content, REPORTER)
    assert rules(refused) == [("value", "range", 3)]
    assert uow.observations.rows == []


async def test_a_reporter_cannot_import_another_units_rows():
    uow = fake_uow()
    content = csv(f"{UNIT},IND-REPORTED,2025-03,91.5,%", "U-ROADS,IND-REPORTED,2025-03,50,%")
    with pytest.raises(PermissionDenied):
        await imports.import_observations(uow, content, REPORTER)
    assert uow.observations.rows == []


def fed(value: float = 88.0, period: str = "2025-03", **changes: str) -> tuple:
    event = ObservationReported(
        **{
            "unit_id": UNIT,
            "indicator_code": "IND-FED",
            "period": period,
            "value": value,
            "unit_of_measure": "%",
            "source_system": FEED_SYSTEM,
            "reported_at": REPORTED_AT,
            **changes,
        }
    )
    return event, Envelope.wrap(event, producer=FEED_SYSTEM)


def test_the_feed_decision_refuses_broken_rules_and_locked_periods_one_event_at_a_time():
    events = [fed(), fed(period="2024-12"), fed()]
    accepted = object()
    broken = [FieldProblem("value", "range", "must be at most 100", 130.0)]
    locked = {"2024-12": "period 2024-12 is locked (lock on 2024)"}
    decision = decide_feed(events, [accepted, accepted, broken], locked)  # type: ignore[list-item]
    assert decision.accepted == [accepted]
    assert decision.kept == [events[0]]
    assert decision.refused == {
        events[1][1].event_id: locked["2024-12"],
        events[2][1].event_id: "value: must be at most 100 (rule range, value 130.0)",
    }


async def test_the_feed_stores_its_valid_events_and_gives_the_reasons_of_the_others():
    uow = fake_uow()
    await period_locks.lock_period(uow, "2025-Q1", "quarter published", ADMIN)
    events = [
        fed(period="2025-04"),
        fed(period="2025-03"),
        fed(value=130.0, period="2025-05"),
        fed(period="2025-06", indicator_code="IND-REPORTED"),
        fed(period="2025-06", source_system="someone-else"),
    ]
    refused = await ingest_feed(uow, events)
    assert list(refused) == [envelope.event_id for _, envelope in events[1:]]
    assert "lock on 2025-Q1" in refused[events[1][1].event_id]
    assert "rule range" in refused[events[2][1].event_id]
    assert "rule auto_feed" in refused[events[3][1].event_id]
    assert "rule matches_list" in refused[events[4][1].event_id]
    [row] = uow.observations.rows
    assert (row["channel"], row["reported_by"], row["event_id"]) == (
        FEED,
        FEED_SYSTEM,
        events[0][1].event_id,
    )
    assert uow.log.leaves[-1][2]["channel"] == FEED
