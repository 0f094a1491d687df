"""A bottom-ranked cadre goes to the remedial class and returns to post only after a passed evaluation."""

from __future__ import annotations

from datetime import date

from schemas import topics
from schemas.events import BottomRanked, EnrolmentCompleted
from tests.integration.development.helpers import (
    ENROLMENT_FIELDS,
    add_cohort,
    create_programme,
    enrolments_of,
    handled_after,
    payload_of,
)
from tests.support import TopicReader, publish, unique

OFF_POST = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Cadre { offPost } } }"
EVALUATE = f"""
mutation($e: ID!, $passed: Boolean!, $score: Float) {{
  recordEvaluation(enrolmentId: $e, passed: $passed, score: $score) {{ {ENROLMENT_FIELDS} }}
}}"""


async def off_post(client, cadre_id: str) -> bool:
    data = await client.execute(OFF_POST, {"r": [{"__typename": "Cadre", "id": cadre_id}]})
    return data["_entities"][0]["offPost"]


async def test_remedial_cadre_cannot_return_to_post_without_a_passed_evaluation(stack, subgraph):
    client = subgraph("development")
    category = unique("category")
    remedial = await create_programme(
        client, capabilities=[], kind="remedial", full_time=True, categories=[category]
    )
    cohort = await add_cohort(client, remedial, capacity=14)
    cadre = unique("cadre")
    ranked = BottomRanked(
        cadre_id=cadre,
        period="2024",
        rank=14,
        peer_group_size=15,
        total_score=58.5,
        unit_category=category,
        position_level="deputy",
    )

    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, ranked, key=cadre, producer="scoring")
        created, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        payload = created["payload"]
        assert (payload["programme_id"], payload["cohort_id"]) == (remedial, cohort)
        assert payload["full_time"] is True and payload["programme_kind"] == "remedial"
        assert payload["source"] == "bottom_ranked"
        enrolment = payload["enrolment_id"]
        assert await off_post(client, cadre)

        # No way back by cancelling the place.
        errors = await client.errors(
            'mutation($e: ID!) { cancelEnrolment(enrolmentId: $e, reason: "back to work") { id } }',
            {"e": enrolment},
        )
        assert (
            errors[0]["extensions"]["code"] == "CONFLICT" and "evaluation" in errors[0]["message"]
        )

        failed = await client.execute(EVALUATE, {"e": enrolment, "passed": False, "score": 52})
        assert failed["recordEvaluation"]["offPost"] is True
        denied, _ = await reader.wait_for(payload_of(cadre, "ReturnToPostDenied"))
        assert denied["payload"]["evaluation_score"] == 52

        # The trainer's report of a failed practical evaluation keeps the cadre off post too.
        await publish(
            stack,
            EnrolmentCompleted(
                enrolment_id=enrolment,
                cadre_id=cadre,
                programme_id=remedial,
                attendance_rate=0.97,
                result_score=55,
                passed=False,
                completed_on=date.today(),
                trainer_id="trainer-1",
            ),
            key=cadre,
            producer="trainers",
        )
        second_denial, _ = await reader.wait_for(payload_of(cadre, "ReturnToPostDenied"))
        assert second_denial["payload"]["evaluation_score"] == 55
        assert await off_post(client, cadre)

        passed = await client.execute(EVALUATE, {"e": enrolment, "passed": True, "score": 81})
        approved, _ = await reader.wait_for(payload_of(cadre, "ReturnToPostApproved"))

    assert approved["payload"]["evaluation_score"] == 81
    assert passed["recordEvaluation"]["offPost"] is False
    assert passed["recordEvaluation"]["returnedToPostAt"] is not None
    assert not await off_post(client, cadre)
    again = await client.errors(EVALUATE, {"e": enrolment, "passed": True, "score": 90})
    assert "already returned" in again[0]["message"]
    [mine] = await enrolments_of(client, cadre)
    assert (mine["status"], mine["attendanceRate"], mine["evaluationScore"]) == (
        "completed",
        0.97,
        81,
    )


async def test_the_same_bottom_rank_places_once(stack, subgraph):
    client = subgraph("development")
    category = unique("category")
    remedial = await create_programme(
        client, capabilities=[], kind="remedial", full_time=True, categories=[category]
    )
    await add_cohort(client, remedial, capacity=3)
    cadre = unique("cadre")
    ranked = BottomRanked(
        cadre_id=cadre,
        period="2024",
        rank=15,
        peer_group_size=15,
        total_score=51,
        unit_category=category,
        position_level="grassroots",
    )
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        first = await publish(stack, ranked, key=cadre)
        await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        await publish(stack, ranked, key=cadre, envelope=first)
        await publish(stack, ranked, key=cadre)
        await handled_after(stack, client, reader, cadre)
    assert [e["programmeId"] for e in await enrolments_of(client, cadre)].count(remedial) == 1
