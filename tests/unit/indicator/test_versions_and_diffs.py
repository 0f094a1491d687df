"""Versions take effect one after the other; a diff says what changed."""

from datetime import date

from services.indicator.domain.diff import diff_items
from services.indicator.domain.versions import (
    VersionHeader,
    default_effective_from,
    plan_publication,
)

IN_FORCE = VersionHeader("l1", "JS-MAJINGAO", 2025, 1, "published", date(2025, 1, 1))


def test_a_first_version_starts_with_its_year_or_today_within_it():
    assert default_effective_from(2027, date(2026, 11, 25), None) == date(2027, 1, 1)
    assert default_effective_from(2026, date(2026, 11, 25), None) == date(2026, 11, 25)
    assert default_effective_from(2025, date(2026, 11, 25), None) == date(2025, 1, 1)


def test_a_newer_version_starts_after_the_one_in_force_which_ends_the_day_before():
    publication, problems = plan_publication(2025, 2, date(2025, 7, 1), IN_FORCE, date(2025, 6, 1))
    assert problems == []
    assert publication.supersedes is IN_FORCE and publication.superseded_until == date(2025, 6, 30)
    assert default_effective_from(2025, date(2026, 3, 1), IN_FORCE) == date(2025, 1, 2)


def test_starts_that_do_not_fit_are_refused():
    _, problems = plan_publication(2025, 2, date(2025, 1, 1), IN_FORCE, date(2025, 1, 1))
    assert [p.rule for p in problems] == ["after_version_in_force"]
    _, problems = plan_publication(2025, 1, date(2026, 1, 1), None, date(2025, 1, 1), row=7)
    assert [(p.field, p.rule, p.value, p.row) for p in problems] == [
        ("effectiveFrom", "within_year", "2026-01-01", 7)
    ]


def test_the_diff_names_added_removed_and_changed_items_field_by_field():
    before = [
        {"indicator_code": "EC-INVESTMENT", "weight": 17, "target": 3.5},
        {"indicator_code": "SF-URGENT-TASKS", "weight": 10, "target": 100},
        {"indicator_code": "OLD", "weight": 5, "target": None},
    ]
    after = [
        {"indicator_code": "EC-INVESTMENT", "weight": 15, "target": 3.0},
        {"indicator_code": "SF-URGENT-TASKS", "weight": 10, "target": 100},
        {"indicator_code": "NEW", "weight": 7, "target": 1},
    ]
    diff = diff_items(
        before, after, {"effective_from": date(2025, 1, 1)}, {"effective_from": date(2025, 7, 1)}
    )
    assert [i["indicator_code"] for i in diff.added] == ["NEW"]
    assert [i["indicator_code"] for i in diff.removed] == ["OLD"]
    assert [
        (c.indicator_code, [(f.field, f.before, f.after) for f in c.changes]) for c in diff.changed
    ] == [("EC-INVESTMENT", [("weight", 17, 15), ("target", 3.5, 3.0)])]
    assert [(h.field, h.after) for h in diff.header] == [("effective_from", date(2025, 7, 1))]
    assert diff_items(after, after).unchanged
