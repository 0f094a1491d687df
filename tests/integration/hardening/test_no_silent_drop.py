"""Against the real Kafka and PostgreSQL: every consumed message is handled or dead-lettered."""

import asyncio
import json

from aiokafka import AIOKafkaProducer

from schemas import topics
from schemas.envelope import Envelope
from schemas.events import CadreRegistered
from services.common.consumer import ConsumerRunner
from services.common.db import make_engine, make_session_factory
from services.common.kafka import envelope_headers, make_producer
from services.scoring.adapters.tables import metadata as scoring_metadata
from tests.integration.foundation.test_crash_recovery import start_group_at_end
from tests.support import TopicReader, publish_raw, unique


def cadre(cadre_id: str, name: str) -> CadreRegistered:
    return CadreRegistered(
        cadre_id=cadre_id,
        name=name,
        unit_id=unique("U"),
        unit_category="township",
        position_level="deputy",
    )


async def test_an_unknown_event_type_reaches_the_services_dead_letters(stack):
    envelope = json.loads(
        Envelope.wrap(cadre(unique("C"), "孙八"), producer="tests").model_dump_json()
    )
    envelope["event_type"] = "CadreTeleported"
    value = json.dumps(envelope).encode()
    async with TopicReader(stack, topics.dead_letter_topic("scoring")) as dead_letters:
        await publish_raw(stack, topics.UNITS, value, key=b"C-teleported")
        _, headers = await dead_letters.wait_for(
            lambda v, h: v.get("event_id") == envelope["event_id"], timeout=30
        )
    assert headers["dlq_consumer_group"] == "scoring"
    assert "no handler for event type 'CadreTeleported'" in headers["dlq_reason"]


async def test_a_refused_event_does_not_hide_another_with_its_id_in_the_same_batch(stack):
    group = unique("collision-test-group")
    dead_letter_topic = topics.dead_letter_topic("scoring")
    refused_name, other_name = "拒收", "另一个"
    handled: list[str] = []

    async def refuse_by_name(uow, events):
        handled.extend(event.name for event, _ in events)
        return {env.event_id: "name refused" for event, env in events if event.name == refused_name}

    engine = make_engine(stack.scoring_database_url, pool_size=2)
    producer = make_producer(stack.kafka_bootstrap_servers, "collision-test")
    await producer.start()
    runner = ConsumerRunner(
        service="scoring",
        group=group,
        topics=[topics.UNITS],
        handlers={},
        batch_handlers={CadreRegistered: refuse_by_name},
        session_factory=make_session_factory(engine),
        outbox=scoring_metadata.tables["outbox"],
        processed=scoring_metadata.tables["processed_events"],
        producer=producer,
        bootstrap_servers=stack.kafka_bootstrap_servers,
        dead_letters=dead_letter_topic,
    )
    key = unique("C")
    first = Envelope.wrap(cadre(key, refused_name), producer="tests")
    second = Envelope.wrap(cadre(key, other_name), producer="tests", event_id=first.event_id)
    running = None
    try:
        await start_group_at_end(stack, group, topics.UNITS)
        async with TopicReader(stack, dead_letter_topic) as dead_letters:
            # Both on the topic before the runner starts: its first fetch takes them together.
            kafka = AIOKafkaProducer(bootstrap_servers=stack.kafka_bootstrap_servers)
            await kafka.start()
            try:
                for envelope in (first, second):
                    await kafka.send(
                        topics.UNITS,
                        value=envelope.model_dump_json().encode(),
                        key=key.encode(),
                        headers=envelope_headers(envelope),
                    )
                await kafka.flush()
            finally:
                await kafka.stop()
            running = asyncio.create_task(runner.run())
            letters: dict[str, str] = {}

            def note(value, headers) -> bool:
                if value.get("event_id") == str(first.event_id):
                    letters[value["payload"]["name"]] = headers["dlq_reason"]
                return len(letters) == 2

            await dead_letters.wait_for(note, timeout=30)
    finally:
        if running is not None:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
        await producer.stop()
        await engine.dispose()
    assert letters[refused_name] == "rejected: name refused"
    assert letters[other_name].startswith("event id collision")
    assert handled.count(other_name) == 0, "the colliding event was handled as if it were new"
