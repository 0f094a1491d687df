"""Weaknesses become enrolments through the real Kafka broker and PostgreSQL."""

from __future__ import annotations

from schemas import topics
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    collect,
    create_programme,
    enrolments_of,
    handled_after,
    payload_of,
    weakness,
)
from tests.support import TopicReader, publish, publish_many, unique


async def test_weakness_enrols_in_the_best_eligible_programme_once(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    for_principals = await create_programme(
        client, capabilities=[gap], priority=1, levels=["principal"]
    )
    eligible = await create_programme(client, capabilities=[gap], priority=2)
    await add_cohort(client, for_principals, capacity=5)
    later = await add_cohort(client, eligible, capacity=5, starts_in=60)
    earlier = await add_cohort(client, eligible, capacity=5, starts_in=30)
    cadre = unique("cadre")

    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        first = await publish(stack, weakness(cadre, gap), key=cadre, producer="scoring")
        created, headers = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        # The same event delivered again, and scoring re-run (a new event for the same finding) ...
        await publish(stack, weakness(cadre, gap), key=cadre, producer="scoring", envelope=first)
        await publish(stack, weakness(cadre, gap, score=40), key=cadre, producer="scoring")
        await handled_after(stack, client, reader, cadre)

    payload = created["payload"]
    assert headers["event_type"] == "EnrolmentCreated"
    assert (payload["programme_id"], payload["cohort_id"]) == (eligible, earlier)
    assert (
        payload["capability"] == gap
        and payload["source"] == "weakness"
        and payload["period"] == "2025"
    )
    assert later != earlier
    mine = await enrolments_of(client, cadre)
    assert [e["programmeId"] for e in mine if e["capability"] == gap] == [eligible]


async def test_a_full_cohort_waitlists_and_a_freed_seat_promotes_the_first_in_line(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    cohort = await add_cohort(client, programme, capacity=1)
    first, second, third = unique("cadre"), unique("cadre"), unique("cadre")

    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(first, gap), key=first)
        await reader.wait_for(payload_of(first, "EnrolmentCreated"))
        await publish_many(stack, [(weakness(second, gap), second)])
        waiting_second, _ = await reader.wait_for(payload_of(second, "EnrolmentWaitlisted"))
        await publish_many(stack, [(weakness(third, gap), third)])
        waiting_third, _ = await reader.wait_for(payload_of(third, "EnrolmentWaitlisted"))
        assert (waiting_second["payload"]["position"], waiting_third["payload"]["position"]) == (
            1,
            2,
        )

        seated = (await enrolments_of(client, first))[0]
        cancelled = await client.execute(
            'mutation($e: ID!) { cancelEnrolment(enrolmentId: $e, reason: "moved to another post") { status } }',
            {"e": seated["id"]},
        )
        assert cancelled["cancelEnrolment"]["status"] == "cancelled"
        promoted, _ = await reader.wait_for(payload_of(second, "EnrolmentCreated"))
        assert promoted["payload"]["promoted_from_waitlist"] is True
        assert promoted["payload"]["cohort_id"] == cohort

        line = await client.execute(
            "query($c: ID!) { waitlist(cohortId: $c) { cadreId waitlistPosition } "
            "cohort(id: $c) { seatsTaken freeSeats } }",
            {"c": cohort},
        )
        assert line["waitlist"] == [{"cadreId": third, "waitlistPosition": 1}]
        assert line["cohort"] == {"seatsTaken": 1, "freeSeats": 0}

        await client.execute(
            "mutation($c: ID!) { setCohortCapacity(cohortId: $c, capacity: 3) { seatsTaken } }",
            {"c": cohort},
        )
        await reader.wait_for(payload_of(third, "EnrolmentCreated"))
    statuses = {c: (await enrolments_of(client, c))[0]["status"] for c in (first, second, third)}
    assert statuses == {first: "cancelled", second: "enrolled", third: "enrolled"}


async def test_capacity_cannot_go_below_seats_taken(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    cohort = await add_cohort(client, programme, capacity=2)
    cadres = [unique("cadre"), unique("cadre")]
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish_many(stack, [(weakness(c, gap), c) for c in cadres])
        await collect(reader, "EnrolmentCreated", cadres)
    errors = await client.errors(
        "mutation($c: ID!) { setCohortCapacity(cohortId: $c, capacity: 1) { capacity } }",
        {"c": cohort},
    )
    problem = errors[0]["extensions"]["problems"][0]
    assert (problem["field"], problem["rule"], problem["value"]) == (
        "capacity",
        "not_below_seats_taken",
        1,
    )


async def test_a_finding_without_a_programme_is_placed_when_one_opens(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    cadre = unique("cadre")
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(cadre, gap), key=cadre)
        await handled_after(stack, client, reader, cadre)
        assert [e for e in await enrolments_of(client, cadre) if e["capability"] == gap] == []
        programme = await create_programme(client, capabilities=[gap])
        await add_cohort(client, programme, capacity=1)
        created, _ = await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
    assert (created["payload"]["programme_id"], created["payload"]["capability"]) == (
        programme,
        gap,
    )
