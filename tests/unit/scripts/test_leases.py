"""Test runs sharing a stack stop what they started only when the last of them ends."""

from __future__ import annotations

import pytest

from scripts.local_stack.leases import TestRuns
from scripts.local_stack.registry import default_registry
from tests.unit.scripts.fakes import FakeProcess, FakeProcessTable, fake_stack


@pytest.fixture
def table():
    return FakeProcessTable({101: FakeProcess("pytest"), 102: FakeProcess("pytest")})


@pytest.fixture
def runs(tmp_path, table):
    return TestRuns(fake_stack(default_registry(), tmp_path), table)


def test_a_run_holds_a_lease_until_it_leaves(runs):
    runs.join(101)
    runs.join(102)
    assert runs.live() == [101, 102]
    runs.leave(101)
    assert runs.live() == [102]
    runs.leave(102)
    assert runs.live() == []


def test_leases_of_runs_that_died_are_dropped(runs, table):
    runs.join(101)
    runs.join(103)
    (runs.leases / "not-a-pid").touch()
    assert runs.live() == [101]
    assert sorted(p.name for p in runs.leases.iterdir()) == ["101"]


def test_no_lease_folder_means_no_runs(runs):
    assert runs.live() == []


def test_what_each_run_started_adds_up(runs):
    runs.record_started(["kafka", "postgres"])
    runs.record_started(["gateway"])
    runs.record_started([])
    assert runs.started() == {"postgres", "kafka", "gateway"}


def test_what_the_tests_started_is_stopped_in_start_order(runs):
    runs.record_started(["gateway", "scoring", "postgres"])
    assert runs.to_stop() == ("postgres", "scoring", "gateway")


def test_forgetting_clears_the_record(runs):
    runs.record_started(["kafka"])
    runs.forget_started()
    assert runs.started() == set()
    assert runs.to_stop() == ()
    runs.forget_started()
