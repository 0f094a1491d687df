"""A weakness scoring clears gives up the place it made, through the real Kafka broker and PostgreSQL."""

from __future__ import annotations

from schemas import topics
from schemas.events import WeaknessCleared
from tests.integration.development.helpers import (
    add_cohort,
    capability,
    create_programme,
    enrolments_of,
    handled_after,
    payload_of,
    weakness,
)
from tests.support import GraphQLClient, TopicReader, eventually, publish, unique

NOTES = "query($c: ID!) { enrolments(cadreId: $c) { id status capability notes { cause note writtenBy } } }"


def cleared(cadre_id: str, capability_name: str, period: str = "2025") -> WeaknessCleared:
    return WeaknessCleared(
        cadre_id=cadre_id,
        capability=capability_name,
        period=period,
        reason="record_corrected",
        score=71.5,
        target=70,
    )


async def _status(client: GraphQLClient, cadre: str, gap: str) -> str:
    [mine] = [e for e in await enrolments_of(client, cadre) if e["capability"] == gap]
    return mine["status"]


async def test_a_cleared_weakness_cancels_waiting_placements_and_the_next_in_line_is_seated(
    stack, subgraph
):
    client = subgraph("development")
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    cohort = await add_cohort(client, programme, capacity=1, starts_in=30)
    first, second, third = unique("cadre"), unique("cadre"), unique("cadre")

    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(first, gap), key=first, producer="scoring")
        await reader.wait_for(payload_of(first, "EnrolmentCreated"))
        for cadre in (second, third):
            await publish(stack, weakness(cadre, gap), key=cadre, producer="scoring")
            await reader.wait_for(payload_of(cadre, "EnrolmentWaitlisted"))

        # A place in line is given up; nobody gets a seat from it.
        await publish(stack, cleared(second, gap), key=second, producer="scoring")
        gone, _ = await reader.wait_for(payload_of(second, "EnrolmentCancelled"))
        assert gone["payload"]["cancelled_by"] == "development:weakness-cleared"
        assert gone["payload"]["reason"] == (
            f"{gap} weakness of 2025 cleared by a corrected record (score 71.5, target 70); "
            "the place had not started"
        )
        # A seat in a cohort that has not begun is given up, and the next in line gets it.
        first_clear = await publish(stack, cleared(first, gap), key=first, producer="scoring")
        # Both come from one transaction, maybe on two partitions: they are awaited together.
        seen: dict[tuple[str, str], dict] = {}
        wanted = {(first, "EnrolmentCancelled"), (third, "EnrolmentCreated")}

        def both(value: dict, headers: dict) -> bool:
            key = (value.get("payload", {}).get("cadre_id"), value.get("event_type"))
            if key in wanted:
                seen[key] = value
            return len(seen) == len(wanted)

        await reader.wait_for(both)
        promoted = seen[(third, "EnrolmentCreated")]
        assert promoted["payload"]["promoted_from_waitlist"] is True
        assert promoted["payload"]["cohort_id"] == cohort

        # Delivered again, and sent again by scoring: nothing more happens.
        await publish(
            stack, cleared(first, gap), key=first, producer="scoring", envelope=first_clear
        )
        await publish(stack, cleared(first, gap), key=first, producer="scoring")
        await handled_after(stack, client, reader, first)

    statuses = {c: await _status(client, c, gap) for c in (first, second, third)}
    assert statuses == {first: "cancelled", second: "cancelled", third: "enrolled"}
    seats = await client.execute(
        "query($c: ID!) { cohort(id: $c) { seatsTaken freeSeats } }", {"c": cohort}
    )
    assert seats["cohort"] == {"seatsTaken": 1, "freeSeats": 0}


async def test_an_enrolment_under_way_stays_with_a_note(stack, subgraph):
    client = subgraph("development")
    gap = capability()
    programme = await create_programme(client, capabilities=[gap])
    await add_cohort(client, programme, capacity=2, starts_in=-3)
    cadre = unique("cadre")
    async with TopicReader(stack, topics.ENROLMENTS) as reader:
        await publish(stack, weakness(cadre, gap), key=cadre, producer="scoring")
        await reader.wait_for(payload_of(cadre, "EnrolmentCreated"))
        for _ in range(2):
            await publish(stack, cleared(cadre, gap), key=cadre, producer="scoring")
        await handled_after(stack, client, reader, cadre)

    async def noted():
        data = await client.execute(NOTES, {"c": cadre})
        [mine] = [e for e in data["enrolments"] if e["capability"] == gap]
        return mine if mine["notes"] else None

    mine = await eventually(noted)
    assert mine["status"] == "enrolled"
    assert mine["notes"] == [
        {
            "cause": f"weakness_cleared:{gap}:2025",
            "note": f"{gap} weakness of 2025 cleared by a corrected record (score 71.5, target 70); "
            "the programme is under way, so the place stays",
            "writtenBy": "development:weakness-cleared",
        }
    ]
