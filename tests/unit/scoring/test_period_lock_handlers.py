"""Locking and unlocking periods, and the guard on changes to locked periods, against fakes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from services.common.errors import Conflict, NotFound, ValidationFailed
from services.scoring.domain.approvals import LockedChange
from services.scoring.service_layer import approvals, log_entries, period_locks
from tests.unit.scoring.approval_parties import (
    ADMIN,
    Party,
    register_parties,
    save_two_of_three,
    sign,
)
from tests.unit.scoring.fakes import FakeScoringUnitOfWork

UNIT = "U-0007"
REASON = "annual evaluation published"


async def locked(period: str = "2025") -> tuple[FakeScoringUnitOfWork, dict[str, Party]]:
    uow = FakeScoringUnitOfWork()
    signers = await register_parties(uow, UNIT)
    await save_two_of_three(uow, period_locks.OBSERVATION, period_locks.SCORE, period_locks.UNLOCK)
    await period_locks.lock_period(uow, period, REASON, ADMIN)
    return uow, signers


async def authorise(
    uow: FakeScoringUnitOfWork,
    signers: dict[str, Party],
    change_kind: str,
    record_id: str,
    period: str,
    content: dict,
) -> str:
    change = LockedChange(
        change_kind=change_kind,
        record_id=record_id,
        period=period,
        unit_id=UNIT,
        content=content,
        reason="the parties agreed to correct it",
    )
    signatures = [sign(signers["unit"], change), sign(signers["assessor"], change)]
    return (await approvals.authorise(uow, change, signatures, ADMIN)).id


def observation(period: str, value: float) -> SimpleNamespace:
    return SimpleNamespace(
        unit_id=UNIT, indicator_code="IND-12", period=period, value=value, unit_of_measure="%"
    )


async def test_a_period_is_locked_once_with_a_leaf():
    uow, _ = await locked()
    lock = uow.period_locks.locks["2025"]
    assert lock["reason"] == REASON and lock["by"] == ADMIN.subject
    kind, record_id, content = uow.log.leaves[lock["leaf_index"]]
    assert (kind, record_id, content["event"]) == (period_locks.PERIOD_LOCK, "2025", "locked")
    with pytest.raises(Conflict, match="already locked"):
        await period_locks.lock_period(uow, "2025", REASON, ADMIN)


async def test_a_lock_needs_a_valid_period_and_a_reason():
    uow = FakeScoringUnitOfWork()
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.lock_period(uow, "2025-13", " ", ADMIN)
    assert {p.field for p in refused.value.problems} == {"period", "reason"}
    assert uow.period_locks.locks == {} and uow.log.leaves == []


async def test_a_year_lock_holds_its_quarters_and_months_and_the_feed_is_told_why():
    uow, _ = await locked()
    assert await period_locks.locked_periods(uow, ["2025-03", "2025-Q2", "2026-01"]) == {
        "2025-03": "2025",
        "2025-Q2": "2025",
    }
    reasons = await period_locks.refusal_reasons(uow, ["2025-03", "2026-01"])
    assert list(reasons) == ["2025-03"]
    assert "period 2025-03 is locked (lock on 2025)" in reasons["2025-03"]


async def test_changes_in_open_periods_pass_without_authorisation():
    uow, _ = await locked()
    assert await period_locks.guard_observations(uow, [observation("2026-01", 1.0)]) == []
    assert await period_locks.guard_rescoring(uow, "2026") == []


async def test_a_change_in_a_locked_period_without_authorisation_is_refused():
    uow, _ = await locked()
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.guard_observations(uow, [observation("2025-03", 89.44)])
    problem = refused.value.problems[0]
    assert (problem.field, problem.rule, problem.value) == (
        "period",
        "locked",
        f"{UNIT}/IND-12/2025-03",
    )
    assert "lock on 2025" in problem.message


async def test_an_authorised_change_passes_once_and_uses_its_authorisation():
    uow, signers = await locked()
    record_id, content = period_locks.observation_change(UNIT, "IND-12", "2025-03", 89.44, "%")
    authorisation_id = await authorise(
        uow, signers, period_locks.OBSERVATION, record_id, "2025-03", content
    )
    [leaf] = await period_locks.guard_observations(uow, [observation("2025-03", 89.44)])
    assert uow.log.leaves[leaf][:2] == (log_entries.LOCKED_CHANGE, authorisation_id)
    assert uow.approvals.authorisations[authorisation_id].applied_at is not None
    with pytest.raises(ValidationFailed):
        await period_locks.guard_observations(uow, [observation("2025-03", 89.44)])


async def test_one_unauthorised_change_refuses_them_all_and_uses_no_authorisation():
    uow, signers = await locked()
    record_id, content = period_locks.observation_change(UNIT, "IND-12", "2025-03", 89.44, "%")
    authorisation_id = await authorise(
        uow, signers, period_locks.OBSERVATION, record_id, "2025-03", content
    )
    with pytest.raises(ValidationFailed) as refused:
        await period_locks.guard_observations(
            uow, [observation("2025-03", 89.44), observation("2025-04", 70.0)]
        )
    assert [p.value for p in refused.value.problems] == [f"{UNIT}/IND-12/2025-04"]
    assert uow.approvals.authorisations[authorisation_id].applied_at is None


async def test_an_authorisation_of_other_content_does_not_let_a_change_through():
    uow, signers = await locked()
    record_id, _ = period_locks.observation_change(UNIT, "IND-12", "2025-03", 89.44, "%")
    await authorise(
        uow,
        signers,
        period_locks.OBSERVATION,
        record_id,
        "2025-03",
        {"value": 99.0, "unit_of_measure": "%"},
    )
    with pytest.raises(ValidationFailed):
        await period_locks.guard_observations(uow, [observation("2025-03", 89.44)])


async def test_a_new_run_of_a_locked_period_needs_its_own_authorisation():
    uow, signers = await locked()
    with pytest.raises(ValidationFailed):
        await period_locks.guard_rescoring(uow, "2025")
    record_id, content = period_locks.rescoring_change("2025")
    await authorise(uow, signers, period_locks.SCORE, record_id, "2025", content)
    assert len(await period_locks.guard_rescoring(uow, "2025")) == 1


async def test_a_period_is_unlocked_only_as_authorised_and_only_where_its_own_lock_is():
    uow, signers = await locked()
    with pytest.raises(NotFound, match="held by the lock on 2025"):
        await period_locks.unlock_period(uow, "2025-03", ADMIN)
    with pytest.raises(ValidationFailed):
        await period_locks.unlock_period(uow, "2025", ADMIN)
    assert "2025" in uow.period_locks.locks
    record_id, content = period_locks.unlock_change("2025")
    await authorise(uow, signers, period_locks.UNLOCK, record_id, "2025", content)
    await period_locks.unlock_period(uow, "2025", ADMIN)
    assert uow.period_locks.locks == {}
    with pytest.raises(ValidationFailed, match="a period is YYYY"):
        await period_locks.unlock_period(uow, "", ADMIN)
    kind, period, recorded = uow.log.leaves[-1]
    assert (kind, period, recorded["event"]) == (period_locks.PERIOD_LOCK, "2025", "unlocked")
    with pytest.raises(NotFound, match=r"has no lock of its own$"):
        await period_locks.unlock_period(uow, "2025", ADMIN)
