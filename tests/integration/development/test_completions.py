"""Trainers report completions on Kafka; reports that do not fit go to the dead letters with the reason."""

from __future__ import annotations

import json
from datetime import date

from schemas import topics
from schemas.envelope import Envelope
from schemas.events import EnrolmentCompleted
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    create_programme,
    enrolments_of,
    payload_of,
    weakness,
)
from tests.support import TopicReader, eventually, publish, publish_raw, unique

DEAD_LETTERS = topics.dead_letter_topic(topics.GROUP_DEVELOPMENT)


def completion(
    enrolment_id: str, cadre_id: str, programme_id: str, **changes
) -> EnrolmentCompleted:
    values = dict(
        enrolment_id=enrolment_id,
        cadre_id=cadre_id,
        programme_id=programme_id,
        attendance_rate=0.9,
        result_score=86.5,
        passed=True,
        completed_on=date.today(),
        trainer_id="trainer-7",
    )
    return EnrolmentCompleted(**(values | changes))


async def seated(stack, client) -> tuple[str, str, str]:
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    await add_cohort(client, programme, capacity=2)
    cadre = unique("cadre")
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(cadre, gap), key=cadre)
        created, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
    return created["payload"]["enrolment_id"], cadre, programme


async def test_a_completion_is_recorded(stack, subgraph):
    client = subgraph("development")
    enrolment, cadre, programme = await seated(stack, client)
    await publish(stack, completion(enrolment, cadre, programme), key=cadre, producer="trainers")

    async def completed():
        [mine] = await enrolments_of(client, cadre)
        return mine if mine["status"] == "completed" else None

    mine = await eventually(completed)
    assert (mine["attendanceRate"], mine["resultScore"], mine["passed"]) == (0.9, 86.5, True)
    assert mine["completedOn"] == date.today().isoformat() and mine["offPost"] is False


async def test_a_completion_publishes_the_training_result_for_scoring(stack, subgraph):
    client = subgraph("development")
    enrolment, cadre, programme = await seated(stack, client)
    gap = (await enrolments_of(client, cadre))[0]["capability"]
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        report = completion(enrolment, cadre, programme, result_score=64.0, passed=False)
        await publish(stack, report, key=cadre, producer="trainers")
        recorded, headers = await reader.wait_for(payload_of(cadre, "TrainingResultRecorded"))
    assert headers["event_type"] == "TrainingResultRecorded"
    assert recorded["payload"] == {
        "enrolment_id": enrolment,
        "cadre_id": cadre,
        "programme_id": programme,
        "programme_kind": "camp",
        "capability": gap,
        "result_score": 64.0,
        "passed": False,
        "completed_on": date.today().isoformat(),
        "trainer_id": "trainer-7",
    }


async def test_reports_that_do_not_fit_go_to_the_dead_letters_with_the_reason(stack, subgraph):
    client = subgraph("development")
    enrolment, cadre, programme = await seated(stack, client)
    unknown = unique("enr")
    async with TopicReader(stack, DEAD_LETTERS) as dead:
        await publish(stack, completion(unknown, cadre, programme), key=cadre)
        _, headers = await dead.wait_for(
            lambda v, h: v.get("payload", {}).get("enrolment_id") == unknown
        )
        assert headers["dlq_reason"] == f"rejected: no enrolment '{unknown}'"
        assert headers["dlq_source_topic"] == topics.COMPLETIONS

        wrong_cadre = await publish(
            stack, completion(enrolment, unique("cadre"), programme), key=cadre
        )
        _, headers = await dead.wait_for(
            lambda v, h: v.get("event_id") == str(wrong_cadre.event_id)
        )
        assert (
            headers["dlq_reason"].startswith("rejected: cadre_id: ")
            and "another cadre" in headers["dlq_reason"]
        )

        # Out of range: the contract itself refuses it, naming the field.
        envelope = Envelope.wrap(completion(enrolment, cadre, programme), producer="trainers")
        raw = envelope.model_dump(mode="json")
        raw["payload"]["attendance_rate"] = 1.7
        await publish_raw(stack, topics.COMPLETIONS, json.dumps(raw).encode(), cadre.encode())
        _, headers = await dead.wait_for(lambda v, h: v.get("event_id") == str(envelope.event_id))
        assert headers["dlq_reason"].startswith("invalid message: attendance_rate")

        await publish_raw(stack, topics.COMPLETIONS, b"not json at all", cadre.encode())
        _, headers = await dead.wait_for(lambda v, h: v.get("raw") == "not json at all")
        assert headers["dlq_reason"].startswith("invalid message")

    [mine] = await enrolments_of(client, cadre)
    assert mine["status"] == "enrolled", "no refused report changed the enrolment"


async def test_a_waitlisted_cadre_cannot_complete(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    await add_cohort(client, programme, capacity=1)
    first, waiting = unique("cadre"), unique("cadre")
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(first, gap), key=first)
        await reader.wait_for(payload_of(first, "EnrolmentCreated"))
        await publish(stack, weakness(waiting, gap), key=waiting)
        line, _ = await reader.wait_for(payload_of(waiting, "EnrolmentWaitlisted"))
    async with TopicReader(stack, DEAD_LETTERS) as dead:
        report = await publish(
            stack, completion(line["payload"]["enrolment_id"], waiting, programme), key=waiting
        )
        _, headers = await dead.wait_for(lambda v, h: v.get("event_id") == str(report.event_id))
    assert "is waitlisted" in headers["dlq_reason"]
