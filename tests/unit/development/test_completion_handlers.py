"""Trainers' completions and return-to-post evaluations, against the in-memory fakes."""

from __future__ import annotations

import pytest

from schemas.events import ReturnToPostApproved, ReturnToPostDenied, TrainingResultRecorded
from services.common.errors import Conflict, NotFound, ValidationFailed
from services.development.domain.enrolments import COMPLETED, ENROLLED
from services.development.service_layer import handlers
from tests.unit.development.builders import (
    TODAY,
    bottom_rank,
    cohort,
    completion,
    programme,
    remedial_class,
    weakness,
)
from tests.unit.development.fakes import fake_development


async def _placed(finding, *catalogue):
    development, store = fake_development()
    for item in catalogue:
        command = handlers.add_cohort if hasattr(item, "capacity") else handlers.create_programme
        await development.execute(command, item)
    await development.handle(finding)
    [enrolment] = store.enrolments.values()
    store.published.clear()
    return development, store, enrolment


def _remedial():
    return remedial_class("class"), cohort("class-1", "class")


async def test_a_completion_of_a_part_time_place_completes_it_and_records_the_result():
    development, store, enrolment = await _placed(
        weakness("C-1"), programme("camp"), cohort("camp-1")
    )
    await development.handle(completion(enrolment.id, "C-1", "camp", score=77.0))
    done = store.enrolments[enrolment.id]
    assert (done.status, done.result_score, done.trainer_id) == (COMPLETED, 77.0, "trainer-1")
    assert not done.off_post and done.evaluated_at is None
    assert store.published == [
        TrainingResultRecorded(
            enrolment_id=enrolment.id,
            cadre_id="C-1",
            programme_id="camp",
            programme_kind="camp",
            capability="digital_governance",
            result_score=77.0,
            passed=True,
            completed_on=done.completed_on,
            trainer_id="trainer-1",
        )
    ]
    with pytest.raises(Conflict, match="only an enrolled cadre"):
        await development.handle(completion(enrolment.id, "C-1", "camp"))


async def test_a_completion_that_does_not_fit_the_enrolment_is_refused():
    development, store, enrolment = await _placed(
        weakness("C-1"), programme("camp"), cohort("camp-1")
    )
    with pytest.raises(ValidationFailed, match="another cadre"):
        await development.handle(completion(enrolment.id, "C-2", "camp"))
    with pytest.raises(ValidationFailed, match="is in programme camp"):
        await development.handle(completion(enrolment.id, "C-1", "elsewhere"))
    with pytest.raises(NotFound):
        await development.handle(completion("enr-missing", "C-1", "camp"))
    assert store.enrolments[enrolment.id].status == ENROLLED


async def test_a_passed_remedial_class_returns_the_cadre_to_post():
    development, store, enrolment = await _placed(bottom_rank("C-1"), *_remedial())
    assert enrolment.off_post
    await development.handle(completion(enrolment.id, "C-1", "class", passed=True, score=88.0))
    done = store.enrolments[enrolment.id]
    assert (done.status, done.evaluation_passed, done.off_post) == (COMPLETED, True, False)
    [result, approved] = store.published
    assert isinstance(result, TrainingResultRecorded) and result.capability is None
    assert (result.programme_kind, result.result_score, result.passed) == ("remedial", 88.0, True)
    assert isinstance(approved, ReturnToPostApproved) and approved.evaluation_score == 88.0


async def test_a_failed_remedial_class_keeps_the_cadre_off_post_until_a_later_pass():
    development, store, enrolment = await _placed(bottom_rank("C-1"), *_remedial())
    await development.handle(completion(enrolment.id, "C-1", "class", passed=False, score=40.0))
    failed = store.enrolments[enrolment.id]
    assert (failed.status, failed.off_post, failed.evaluation_passed) == (COMPLETED, True, False)
    [result, denied] = store.published
    assert isinstance(result, TrainingResultRecorded) and not result.passed
    assert isinstance(denied, ReturnToPostDenied) and "trainer-1" in denied.reason
    await development.execute(handlers.record_evaluation, enrolment.id, 71.0, True, None)
    assert not store.enrolments[enrolment.id].off_post
    assert isinstance(store.published[-1], ReturnToPostApproved)
    with pytest.raises(Conflict, match="already returned to post"):
        await development.execute(handlers.record_evaluation, enrolment.id, 90.0, True, None)


async def test_an_evaluation_is_recorded_only_for_a_cadre_off_post_with_a_valid_score():
    development, store, enrolment = await _placed(bottom_rank("C-1"), *_remedial())
    with pytest.raises(ValidationFailed, match="between 0 and 100"):
        await development.execute(handlers.record_evaluation, enrolment.id, 120.0, True, None)
    await development.execute(handlers.record_evaluation, enrolment.id, 30.0, False, "  ")
    [denied] = store.published
    assert denied.reason == "the practical evaluation was not passed"
    assert store.enrolments[enrolment.id].status == ENROLLED

    part_time, store, seat = await _placed(weakness("C-2"), programme("camp"), cohort("camp-1"))
    with pytest.raises(Conflict, match="not full-time"):
        await part_time.execute(handlers.record_evaluation, seat.id, 80.0, True, None)


async def test_a_result_names_the_capability_the_place_was_made_for():
    several = programme("camp", capabilities=("digital_governance", "emergency_response"))
    development, store, enrolment = await _placed(
        weakness("C-1", "emergency_response"), several, cohort("camp-1")
    )
    await development.handle(completion(enrolment.id, "C-1", "camp"))
    [result] = store.published
    assert isinstance(result, TrainingResultRecorded)
    assert result.capability == "emergency_response"


async def test_a_result_of_a_place_made_by_hand_in_a_programme_of_several_capabilities_names_none():
    several = programme("camp", capabilities=("digital_governance", "emergency_response"))
    development, store = fake_development()
    await development.execute(handlers.create_programme, several)
    await development.execute(handlers.add_cohort, cohort("camp-1", starts_in_days=0))
    store.roster["C-1"] = ("deputy", "township")
    outcome = await development.execute(
        handlers.enrol_cadre, "admin", "C-1", "camp", None, "asked for it"
    )
    store.published.clear()
    await development.handle(completion(outcome.enrolment_id, "C-1", "camp"))
    [result] = store.published
    assert isinstance(result, TrainingResultRecorded) and result.capability is None


async def test_a_completion_typed_by_a_trainer_is_the_report_the_topic_carries():
    development, store, enrolment = await _placed(bottom_rank("C-1"), *_remedial())
    await development.execute(
        handlers.record_completion, "trainer-9", enrolment.id, 0.8, 64.0, False, TODAY
    )
    failed = store.enrolments[enrolment.id]
    assert (failed.trainer_id, failed.attendance_rate, failed.result_score) == (
        "trainer-9",
        0.8,
        64.0,
    )
    assert failed.off_post and failed.evaluation_passed is False
    [denied] = [e for e in store.published if isinstance(e, ReturnToPostDenied)]
    assert "trainer-9" in denied.reason
    [result] = [e for e in store.published if isinstance(e, TrainingResultRecorded)]
    assert result.result_score == 64.0


async def test_a_typed_completion_out_of_range_names_each_argument_and_changes_nothing():
    development, store, enrolment = await _placed(
        weakness("C-1"), programme("camp"), cohort("camp-1")
    )
    with pytest.raises(ValidationFailed) as refused:
        await development.execute(
            handlers.record_completion, "trainer-9", enrolment.id, 1.7, -3.0, True, TODAY
        )
    problems = {p.field: p for p in refused.value.problems}
    assert set(problems) == {"attendanceRate", "resultScore"}
    assert problems["attendanceRate"].value == 1.7 and problems["resultScore"].value == -3.0
    assert "1" in problems["attendanceRate"].message
    assert store.enrolments[enrolment.id].status == ENROLLED
    with pytest.raises(NotFound, match="no enrolment 'enr-missing'"):
        await development.execute(
            handlers.record_completion, "trainer-9", "enr-missing", 0.9, 80.0, True, TODAY
        )


async def test_a_typed_completion_of_a_finished_place_is_refused_like_a_second_report():
    development, store, enrolment = await _placed(
        weakness("C-1"), programme("camp"), cohort("camp-1")
    )
    await development.execute(
        handlers.record_completion, "trainer-9", enrolment.id, 1.0, 90.0, True, TODAY
    )
    assert store.enrolments[enrolment.id].status == COMPLETED
    with pytest.raises(Conflict, match="only an enrolled cadre"):
        await development.execute(
            handlers.record_completion, "trainer-9", enrolment.id, 1.0, 90.0, True, TODAY
        )
