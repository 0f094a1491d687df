"""Which month's data are overdue, to whom, and by when."""

from datetime import date

import numpy as np

from services.scoring.domain.engine import aggregate
from services.scoring.domain.monitoring import deadline_of, unreported_in_month
from services.scoring.service_layer.monitoring import overdue_reports
from tests.unit.scoring.builders import Scenario
from tests.unit.scoring.test_township_example import TOWNSHIP_LIST

FEED = "12345政务服务便民热线"


def test_the_deadline_is_a_day_of_the_following_month():
    assert deadline_of(2025, 3, 10) == date(2025, 4, 10)
    assert deadline_of(2025, 12, 5) == date(2026, 1, 5)


def test_items_due_in_the_month_without_its_observation_are_overdue_by_owner():
    # March: the township reported its water quality and nothing else; February's completion rate
    # does not count for March.
    scenario = Scenario(
        lists={"T-1": TOWNSHIP_LIST},
        categories={"T-1": "township"},
        observations=[
            ("T-1", "RL-WATER-QUALITY", 3, 100.0),
            ("T-1", "PR-COMPLETION-RATE", 2, 80.0),
        ],
        as_of_month=3,
    )
    inputs, builder, _ = scenario.inputs()
    items, codes = inputs.items, builder.indicators.values
    aggregates = aggregate(items, inputs.observations, 3)
    # The investment figure is fed by a system; the rest the township reports itself. The rural
    # income growth is reported once a year, so it is not due in March.
    owners = {
        ("T-1", code): (FEED, "source_system") if code == "EC-INVESTMENT" else ("T-1", "unit")
        for code in codes
        if code != "EC-RURAL-INCOME-GROWTH"
    }
    due = np.array([("T-1", codes[i]) in owners for i in items.indicator.tolist()])
    missing = unreported_in_month(items, inputs.observations, aggregates, 3, due)
    reports = overdue_reports(
        "2025-03", date(2025, 4, 10), items, missing, owners, builder.units.values, codes
    )
    by_owner = {report.data_owner: report for report in reports}
    assert set(by_owner) == {"T-1", FEED}
    assert by_owner[FEED].indicator_codes == ("EC-INVESTMENT",)
    assert by_owner[FEED].owner_kind == "source_system"
    unit = by_owner["T-1"]
    assert unit.owner_kind == "unit" and unit.deadline == date(2025, 4, 10)
    assert "RL-WATER-QUALITY" not in unit.indicator_codes
    assert "EC-RURAL-INCOME-GROWTH" not in unit.indicator_codes
    assert "PR-COMPLETION-RATE" in unit.indicator_codes
    assert unit.mandatory_codes == ("RL-NEW-EMPLOYMENT", "VX-FOOD-SAFETY")
