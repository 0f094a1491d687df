"""The access log's entries, the hash chain over them, and who may read the log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import uuid

import pytest

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied
from services.common.personal_data import RequestReads, StoredEntry, entry_of, verify_chain
from services.common.personal_data.export import json_value
from services.common.personal_data.policy import require_personal_data_reader
from services.common.personal_data.reads import GENESIS, chained

AT = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=dt.UTC)
ADMIN = Principal(subject="department", role=Role.ADMIN)


def entry(cadres: list[str], subject: str = "assessor-1"):
    reads = RequestReads()
    reads.note("scores", "Query.rankings", cadres)
    return entry_of(reads, Principal(subject=subject, role=Role.ASSESSOR), "Rank", None, AT)


def chain(*entries) -> list[StoredEntry]:
    stored, previous = [], GENESIS
    for seq, e in enumerate(entries, start=1):
        current = chained(previous, e.digest())
        stored.append(StoredEntry(seq, e, previous, current))
        previous = current
    return stored


def test_reads_are_grouped_and_the_cadres_own_reads_left_out():
    reads = RequestReads()
    reads.note("scores", "Cadre.score", ["C-2", "C-1", None])
    reads.note("scores", "Cadre.score", ["C-1"])
    reads.note("portrait", "Cadre.capabilityProfile", ["C-1"])
    own = entry_of(reads, Principal("C-1", Role.CADRE, cadre_id="C-1"), "Mine", None, AT)
    assert [(r.kind, r.cadre_ids) for r in own.reads] == [("scores", ("C-2",))]
    staff = entry_of(reads, ADMIN, None, None, AT)
    assert [(r.kind, r.cadre_ids) for r in staff.reads] == [
        ("portrait", ("C-1",)),
        ("scores", ("C-1", "C-2")),
    ]
    assert staff.cadre_ids == ["C-1", "C-2"]


def test_a_request_reading_only_the_readers_own_data_is_no_entry():
    reads = RequestReads()
    reads.note("enrolments", "Cadre.enrolments", ["C-1"])
    assert entry_of(reads, Principal("C-1", Role.CADRE, cadre_id="C-1"), None, None, AT) is None
    assert entry_of(RequestReads(), ADMIN, None, None, AT) is None


def test_an_unknown_kind_of_data_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown kind"):
        RequestReads().note("salary", "Cadre.pay", ["C-1"])


def test_an_intact_chain_verifies_and_ends_at_its_head():
    stored = chain(entry(["C-1"]), entry(["C-2", "C-3"]), entry(["C-1"], "admin"))
    report = verify_chain(stored, 3, stored[-1].entry_hash)
    assert report.intact and report.entries == 3


def test_a_changed_entry_is_found():
    stored = chain(entry(["C-1"]), entry(["C-2"]), entry(["C-3"]))
    forged = dataclasses.replace(stored[1].entry, subject="someone-else")
    stored[1] = dataclasses.replace(stored[1], entry=forged)
    report = verify_chain(stored, 3, stored[-1].entry_hash)
    assert report.problems == ["entry 2 was changed after it was written"]


def test_a_removed_entry_is_found_even_with_the_chain_rebuilt_after_it():
    stored = chain(entry(["C-1"]), entry(["C-2"]), entry(["C-3"]))
    head = stored[-1].entry_hash
    del stored[1]
    assert not verify_chain(stored, 3, head).intact
    rebuilt = chain(stored[0].entry, stored[1].entry)
    report = verify_chain(rebuilt, 3, head)
    assert "the log ends at entry 2 but its head records entry 3" in report.problems


def test_a_cadre_sees_only_their_own_part_of_an_entry():
    e = entry(["C-1", "C-2", "C-3"])
    [mine] = e.for_cadre("C-2")
    assert mine.cadre_ids == ("C-2",)
    assert e.for_cadre("C-9") == ()


def test_the_cadre_and_the_department_may_read_the_log_nobody_else():
    require_personal_data_reader(Principal("C-1", Role.CADRE, cadre_id="C-1"), "C-1")
    require_personal_data_reader(ADMIN, "C-1")
    for principal in (
        Principal("C-2", Role.CADRE, cadre_id="C-2"),
        Principal("a", Role.ASSESSOR),
        Principal("t", Role.TRAINER),
        Principal("u", Role.UNIT_REPORTER, unit_id="U-1"),
    ):
        with pytest.raises(PermissionDenied):
            require_personal_data_reader(principal, "C-1")


def test_export_values_become_json():
    value = {
        "at": AT,
        "on": dt.date(2026, 1, 2),
        "score": decimal.Decimal("81.5"),
        "id": uuid.UUID(int=1),
        "digest": b"\x00\x01",
        "list": (1, AT),
    }
    assert json_value(value) == {
        "at": "2026-03-01T09:30:00.123456+00:00",
        "on": "2026-01-02",
        "score": 81.5,
        "id": "00000000-0000-0000-0000-000000000001",
        "digest": "AAE=",
        "list": [1, "2026-03-01T09:30:00.123456+00:00"],
    }
