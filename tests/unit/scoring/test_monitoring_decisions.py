"""What a monitoring run stores and announces, decided without the database."""

from __future__ import annotations

import uuid

from services.scoring.domain.engine import aggregate
from services.scoring.domain.monitoring import check_month
from services.scoring.service_layer.monitoring import (
    MonitoringCheck,
    interviews_due,
    monitoring_checks,
)
from tests.unit.scoring.builders import Item, Scenario

ATTAIN = {"type": "target_attainment", "cap": 1.0}
ITEMS = [
    Item("COM-WORK-SAFETY", "safety", "scored", 5, 100, ATTAIN),
    Item("EC-KEY-PROJECTS", "economic_development", "scored", 20, 100, ATTAIN),
]
VALUES = {
    "U-ON-TRACK": [("COM-WORK-SAFETY", 3, 99.0), ("EC-KEY-PROJECTS", 3, 98.0)],
    "U-BEHIND": [("COM-WORK-SAFETY", 3, 60.0), ("EC-KEY-PROJECTS", 3, 97.0)],
}


def checks_of_march() -> list[MonitoringCheck]:
    scenario = Scenario(
        lists=dict.fromkeys(VALUES, ITEMS),
        categories=dict.fromkeys(VALUES, "street_office"),
        observations=[
            (unit, code, month, value)
            for unit, rows in VALUES.items()
            for code, month, value in rows
        ],
        as_of_month=3,
    )
    inputs, builder, _ = scenario.inputs()
    aggregates = aggregate(inputs.items, inputs.observations, 3)
    trajectory = check_month(inputs.items, inputs.observations, aggregates, 3, tolerance=0.05)
    versions = [7] * len(builder.units.values)
    return monitoring_checks(
        inputs.items,
        inputs.observations,
        trajectory,
        builder.units.values,
        versions,
        builder.indicators.values,
    )


def test_every_item_of_the_month_is_checked_and_named_by_unit_and_indicator():
    checks = {(c.unit_id, c.indicator_code): c for c in checks_of_march()}
    assert set(checks) == {(unit, item.code) for unit in VALUES for item in ITEMS}
    behind = checks[("U-BEHIND", "COM-WORK-SAFETY")]
    assert (behind.actual, behind.planned, behind.behind) == (60.0, 100.0, True)
    assert behind.shortfall == 40.0 and behind.list_version == 7
    assert [c.behind for key, c in checks.items() if key != ("U-BEHIND", "COM-WORK-SAFETY")] == [
        False
    ] * 3
    row = behind.row("2025-03")
    assert row[:4] == ("2025-03", "U-BEHIND", "COM-WORK-SAFETY", 7) and row[7] is True


def test_an_interview_is_announced_only_where_this_run_claimed_the_cause():
    behind = [c for c in checks_of_march() if c.behind]
    candidates = [(c.unit_id, c.indicator_code, uuid.uuid4()) for c in behind]
    [(event, key, event_id)] = interviews_due(
        "2025-03", candidates, behind, {("U-BEHIND", "COM-WORK-SAFETY")}
    )
    assert (event.unit_id, event.indicator_code, event.period) == (
        "U-BEHIND",
        "COM-WORK-SAFETY",
        "2025-03",
    )
    assert (event.actual, event.planned, event.shortfall) == (60.0, 100.0, 40.0)
    assert (key, event_id) == ("U-BEHIND", candidates[0][2])
    assert interviews_due("2025-03", candidates, behind, set()) == []
