"""Tables against the latest leaf of each record."""

from __future__ import annotations

from services.scoring.ledger.domain.leaves import leaf_bytes
from services.scoring.ledger.domain.live_records import LiveSource, check, latest_leaves

LEAVES = [
    leaf_bytes("appeal", "AP-1", {"status": "submitted", "decision": None}, "t0"),
    leaf_bytes(
        "appeal",
        "AP-1",
        {"status": "rejected", "decision": {"by": "assessor-1", "reason": "no new facts"}},
        "t1",
    ),
    leaf_bytes("appeal", "AP-2", {"status": "submitted", "decision": None}, "t1"),
    leaf_bytes("period_lock", "2024", {"event": "locked"}, "t2"),
    leaf_bytes("period_lock", "2023", {"event": "locked"}, "t2"),
    leaf_bytes("period_lock", "2023", {"event": "unlocked"}, "t3"),
]
LATEST = latest_leaves(LEAVES, range(len(LEAVES)), {"appeal", "period_lock"})
APPEAL_FIELDS = {"status": "status", "decided_by": "decision.by"}


def test_rows_that_match_their_latest_leaf_pass() -> None:
    rows = {
        "AP-1": {"status": "rejected", "decided_by": "assessor-1"},
        "AP-2": {"status": "submitted", "decided_by": None},
    }
    assert check(LiveSource("appeal", rows, APPEAL_FIELDS), LATEST) == []


def test_a_beautified_row_an_unrecorded_row_and_a_removed_row_are_named() -> None:
    rows = {
        "AP-1": {"status": "upheld", "decided_by": "assessor-1"},
        "AP-9": {"status": "upheld", "decided_by": "x"},
    }
    found = {
        (f.problem, f.record) for f in check(LiveSource("appeal", rows, APPEAL_FIELDS), LATEST)
    }
    assert found == {("altered_row", "AP-1"), ("unrecorded_row", "AP-9"), ("removed_row", "AP-2")}


def test_a_lifted_lock_is_expected_to_be_gone() -> None:
    locks = LiveSource(
        "period_lock", {}, {"event": "event"}, present=lambda content: content["event"] == "locked"
    )
    assert [(f.problem, f.record) for f in check(locks, LATEST)] == [("removed_row", "2024")]
