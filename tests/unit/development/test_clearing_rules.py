"""Which place a cleared weakness gives up: the domain rule on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.development.domain.clearing import (
    CANCEL,
    KEEP_WITH_NOTE,
    LEAVE,
    clearing_decision,
)
from services.development.domain.enrolments import (
    CANCELLED,
    COMPLETED,
    ENROLLED,
    MANUAL,
    WAITLISTED,
    WEAKNESS,
    Enrolment,
)
from tests.unit.development.builders import TODAY, cleared


def place(status=ENROLLED, full_time=False, source=WEAKNESS, capability="digital_governance"):
    return Enrolment(
        id="enr-1",
        cadre_id="C-1",
        programme_id="camp",
        cohort_id="camp-1",
        status=status,
        full_time=full_time,
        source=source,
        capability=capability,
        period="2025",
    )


@pytest.mark.parametrize(
    "enrolment, starts_in_days, decision",
    [
        (place(), 1, CANCEL),  # seated, the cohort starts tomorrow
        (place(), 0, KEEP_WITH_NOTE),  # the cohort starts today: under way
        (place(), -5, KEEP_WITH_NOTE),
        (place(WAITLISTED), -5, CANCEL),  # in line: the cadre has not started, whatever the cohort
        (place(full_time=True), 10, KEEP_WITH_NOTE),  # a full-time seat took the cadre off post
        (place(COMPLETED), 10, LEAVE),
        (place(CANCELLED), 10, LEAVE),
        (place(source=MANUAL), 10, LEAVE),  # made by hand, not by the weakness
        (place(capability="emergency_response"), 10, LEAVE),  # made for another weakness
    ],
)
def test_the_place_is_given_up_only_before_it_starts(enrolment, starts_in_days, decision):
    starts_on = TODAY + timedelta(days=starts_in_days)
    assert clearing_decision(enrolment, cleared("C-1"), starts_on, TODAY) == decision


def test_a_place_another_finding_relies_on_is_kept():
    tomorrow = TODAY + timedelta(days=1)
    relying = ("the emergency response weakness of 2025",)
    assert clearing_decision(place(), cleared("C-1"), tomorrow, TODAY, relying) == KEEP_WITH_NOTE


def test_a_clearing_of_another_period_leaves_the_place():
    tomorrow = TODAY + timedelta(days=1)
    assert clearing_decision(place(), cleared("C-1", period="2024"), tomorrow, TODAY) == LEAVE
