"""Trainers record completions through GraphQL: the same checks and announcements as on Kafka."""

from __future__ import annotations

from datetime import date

from schemas import topics
from schemas.events import BottomRanked
from services.common.auth import Role
from tests.integration.development.helpers import (
    ENROLMENT_FIELDS,
    add_cohort,
    create_programme,
    payload_of,
)
from tests.integration.development.test_completions import seated
from tests.support import TopicReader, publish, token, unique

RECORD = f"""
mutation($e: ID!, $attendance: Float!, $score: Float!, $passed: Boolean!, $on: Date!) {{
  recordCompletion(enrolmentId: $e, attendanceRate: $attendance, resultScore: $score,
                   passed: $passed, completedOn: $on) {{ {ENROLMENT_FIELDS} }}
}}"""


def report(enrolment: str, **changes) -> dict:
    values = {"e": enrolment, "attendance": 0.92, "score": 81.5, "passed": True}
    return values | {"on": date.today().isoformat()} | changes


async def test_a_trainer_records_a_completion_and_a_second_one_is_refused(stack, subgraph):
    admin = subgraph("development")
    enrolment, _, _ = await seated(stack, admin)
    trainer = subgraph("development", token(stack, Role.TRAINER, subject="trainer-42"))

    done = (await trainer.execute(RECORD, report(enrolment)))["recordCompletion"]
    assert (done["status"], done["attendanceRate"], done["resultScore"]) == (
        "completed",
        0.92,
        81.5,
    )
    assert done["passed"] is True and done["completedOn"] == date.today().isoformat()

    [again] = await trainer.errors(RECORD, report(enrolment))
    assert (
        again["extensions"]["code"] == "CONFLICT" and "only an enrolled cadre" in again["message"]
    )


async def test_out_of_range_arguments_are_named_and_nothing_changes(stack, subgraph):
    admin = subgraph("development")
    enrolment, _, _ = await seated(stack, admin)
    [error] = await admin.errors(RECORD, report(enrolment, attendance=1.7, score=101))
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    fields = {p["field"]: p for p in error["extensions"]["problems"]}
    assert set(fields) == {"attendanceRate", "resultScore"}
    assert fields["attendanceRate"]["value"] == 1.7 and fields["resultScore"]["value"] == 101

    [missing] = await admin.errors(RECORD, report("enr-" + unique("none")))
    assert missing["extensions"]["code"] == "NOT_FOUND"

    still = await admin.execute(f'{{ enrolment(id: "{enrolment}") {{ status }} }}')
    assert still["enrolment"]["status"] == "enrolled"


async def test_only_trainers_and_administrators_record_completions(stack, subgraph):
    admin = subgraph("development")
    enrolment, cadre, _ = await seated(stack, admin)
    for role, claims in ((Role.ASSESSOR, {}), (Role.CADRE, {"cadre_id": cadre})):
        client = subgraph("development", token(stack, role, **claims))
        [error] = await client.errors(RECORD, report(enrolment))
        assert error["extensions"]["code"] == "FORBIDDEN", role


async def test_a_failed_remedial_report_keeps_the_cadre_off_post_and_is_announced(stack, subgraph):
    admin = subgraph("development")
    category = unique("category")
    remedial = await create_programme(
        admin, capabilities=[], kind="remedial", full_time=True, categories=[category]
    )
    await add_cohort(admin, remedial, capacity=5)
    cadre = unique("cadre")
    ranked = BottomRanked(
        cadre_id=cadre,
        period="2024",
        rank=9,
        peer_group_size=10,
        total_score=57.0,
        unit_category=category,
        position_level="grassroots",
    )
    trainer = subgraph("development", token(stack, Role.TRAINER, subject="trainer-43"))
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, ranked, key=cadre, producer="scoring")
        created, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        enrolment = created["payload"]["enrolment_id"]
        failed = await trainer.execute(RECORD, report(enrolment, passed=False, score=48.0))
        assert failed["recordCompletion"]["offPost"] is True
        denied, _ = await reader.wait_for(payload_of(cadre, "ReturnToPostDenied"))
    assert denied["payload"]["evaluation_score"] == 48.0
    assert "trainer-43" in denied["payload"]["reason"]
