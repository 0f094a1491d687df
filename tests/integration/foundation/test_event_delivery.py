"""A change in one service reaches another through the outbox and Kafka, and its effect is stored once."""

import json
import uuid

import pytest

from schemas import topics
from schemas.events import CadreRegistered
from tests.support import TopicReader, database, eventually, publish, publish_raw, unique

REGISTER_UNIT = "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }"
REGISTER_CADRE = "mutation($c: CadreInput!) { registerCadre(input: $c) { id } }"


async def register_cadre(client, unit_id: str, cadre_id: str) -> None:
    await client.execute(
        REGISTER_UNIT, {"u": {"id": unit_id, "name": "测试乡", "category": "township"}}
    )
    await client.execute(
        REGISTER_CADRE,
        {"c": {"id": cadre_id, "name": "李四", "unitId": unit_id, "positionLevel": "deputy"}},
    )


def as_read(value: bytes) -> dict:
    """How TopicReader presents a message value."""
    try:
        return json.loads(value)
    except ValueError:
        return {"raw": value.decode()}


async def roster_rows(settings, service: str, cadre_id: str) -> int:
    conn = await database(settings, service)
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM cadre_roster WHERE cadre_id = $1", cadre_id
        )
    finally:
        await conn.close()


async def processed_count(settings, service: str, event_id) -> int:
    conn = await database(settings, service)
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM processed_events WHERE consumer_group = $1 AND event_id = $2",
            service,
            event_id,
        )
    finally:
        await conn.close()


async def test_registered_cadre_reaches_scoring_and_development_once(stack, subgraph):
    unit_id, cadre_id = unique("U"), unique("C")
    async with TopicReader(stack, topics.UNITS) as reader:
        await register_cadre(subgraph("indicator"), unit_id, cadre_id)
        envelope, headers = await reader.wait_for(
            lambda e, h: (
                e.get("event_type") == "CadreRegistered" and e["payload"]["cadre_id"] == cadre_id
            )
        )
    assert headers["event_type"] == "CadreRegistered"
    assert envelope["producer"] == "indicator"
    for service in ("scoring", "development"):
        assert await eventually(lambda s=service: roster_rows(stack, s, cadre_id)) == 1
        assert await processed_count(stack, service, uuid.UUID(envelope["event_id"])) == 1


async def test_the_same_event_delivered_twice_changes_nothing(stack):
    cadre_id = unique("C")
    event = CadreRegistered(
        cadre_id=cadre_id,
        name="王五",
        unit_id=unique("U"),
        unit_category="health",
        position_level="grassroots",
    )
    first = await publish(stack, event, key=cadre_id)
    await eventually(lambda: roster_rows(stack, "scoring", cadre_id))
    conn = await database(stack, "scoring")
    try:
        recorded_before = await conn.fetchval(
            "SELECT recorded_at FROM cadre_roster WHERE cadre_id = $1", cadre_id
        )
        await publish(stack, event, key=cadre_id, envelope=first)
        # A later event proves the consumer has moved past the duplicate.
        marker = unique("C")
        await publish(stack, event.model_copy(update={"cadre_id": marker}), key=marker)
        await eventually(lambda: roster_rows(stack, "scoring", marker))
        assert await processed_count(stack, "scoring", first.event_id) == 1
        assert await roster_rows(stack, "scoring", cadre_id) == 1
        recorded_after = await conn.fetchval(
            "SELECT recorded_at FROM cadre_roster WHERE cadre_id = $1", cadre_id
        )
        assert recorded_after == recorded_before, "the duplicate was applied a second time"
    finally:
        await conn.close()


@pytest.mark.parametrize("bad_value", [b"not json at all", b'{"event_type": "CadreRegistered"}'])
async def test_invalid_message_goes_to_dead_letters_and_consumption_goes_on(stack, bad_value):
    marker = unique("C")
    async with TopicReader(stack, topics.dead_letter_topic("scoring")) as dead_letters:
        await publish_raw(stack, topics.UNITS, bad_value, key=b"garbage")
        valid = CadreRegistered(
            cadre_id=marker,
            name="赵六",
            unit_id=unique("U"),
            unit_category="education",
            position_level="principal",
        )
        await publish(stack, valid, key=marker)
        _, headers = await dead_letters.wait_for(lambda value, h: value == as_read(bad_value))
    assert headers["dlq_source_topic"] == topics.UNITS
    assert headers["dlq_consumer_group"] == "scoring"
    assert "invalid message" in headers["dlq_reason"]
    assert await eventually(lambda: roster_rows(stack, "scoring", marker)) == 1
