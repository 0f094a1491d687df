"""Crashes at the worst moments lose nothing and duplicate nothing."""

import asyncio
import subprocess
import sys
import textwrap

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas import topics
from schemas.envelope import Envelope
from schemas.events import CadreRegistered, UnitRegistered
from services.common.consumer import ConsumerRunner
from services.common.db import make_engine, make_session_factory
from services.common.kafka import make_producer
from services.indicator.adapters.tables import metadata as indicator_metadata
from services.indicator.domain.units import Unit
from services.indicator.service_layer import handlers as indicator_handlers
from services.indicator.service_layer.unit_of_work import SqlIndicatorUnitOfWork
from services.scoring.adapters.tables import metadata as scoring_metadata
from tests.support import TopicReader, database, eventually, publish, unique


class Crash(Exception):
    """Stands for the process dying at that point."""


EFFECTS_DDL = (
    "CREATE TABLE IF NOT EXISTS test_effects (event_id uuid NOT NULL, cadre_id text NOT NULL)"
)


async def start_group_at_end(settings, group: str, topic: str) -> None:
    """Commits the topic's end offsets for a new group, so it does not read the topic's history."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers, group_id=group, enable_auto_commit=False
    )
    await consumer.start()
    try:
        cluster = await consumer._client.fetch_all_metadata()
        partitions = [TopicPartition(topic, p) for p in cluster.partitions_for_topic(topic)]
        consumer.assign(partitions)
        await consumer.commit(await consumer.end_offsets(partitions))
    finally:
        await consumer.stop()


async def effects_of(settings, cadre_id: str) -> int:
    conn = await database(settings, "scoring")
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM test_effects WHERE cadre_id = $1", cadre_id
        )
    finally:
        await conn.close()


async def test_consumer_killed_after_its_effect_but_before_the_offset_commit(stack):
    conn = await database(stack, "scoring")
    await conn.execute(EFFECTS_DDL)
    await conn.close()

    async def record_effect(uow, event: CadreRegistered, envelope) -> None:
        # Deliberately not idempotent: only processed_events stands between a redelivery and a second row.
        await uow.session.execute(
            sa.text("INSERT INTO test_effects (event_id, cadre_id) VALUES (:e, :c)"),
            {"e": envelope.event_id, "c": event.cadre_id},
        )

    cadre_id, later_cadre_id = unique("C"), unique("C")
    seen_after_restart: list[str] = []

    async def crash_once_marker_is_handled(records) -> None:
        if any(cadre_id.encode() in record.value for record in records):
            raise Crash

    async def note_redeliveries(records) -> None:
        seen_after_restart.extend(record.value.decode() for record in records)

    engine = make_engine(stack.scoring_database_url, pool_size=2)
    producer = make_producer(stack.kafka_bootstrap_servers, "crash-test")
    await producer.start()
    group = unique("crash-test-group")

    def runner(hook) -> ConsumerRunner:
        return ConsumerRunner(
            service="scoring",
            group=group,
            topics=[topics.UNITS],
            handlers={CadreRegistered: record_effect},
            session_factory=make_session_factory(engine),
            outbox=scoring_metadata.tables["outbox"],
            processed=scoring_metadata.tables["processed_events"],
            producer=producer,
            bootstrap_servers=stack.kafka_bootstrap_servers,
            before_offset_commit=hook,
            dead_letters=topics.dead_letter_topic("scoring"),
        )

    try:
        await start_group_at_end(stack, group, topics.UNITS)
        event = CadreRegistered(
            cadre_id=cadre_id,
            name="钱七",
            unit_id="U-x",
            unit_category="township",
            position_level="deputy",
        )
        await publish(stack, event, key=cadre_id)
        with pytest.raises(Crash):
            await asyncio.wait_for(runner(crash_once_marker_is_handled).run(), 60)
        assert await effects_of(stack, cadre_id) == 1, (
            "the effect was not committed before the crash"
        )

        restarted = asyncio.create_task(runner(note_redeliveries).run())
        # Same key, same partition: once the later event is handled, the earlier one was re-read.
        await publish(stack, event.model_copy(update={"cadre_id": later_cadre_id}), key=cadre_id)
        await eventually(lambda: effects_of(stack, later_cadre_id), timeout=60)
        restarted.cancel()
        await asyncio.gather(restarted, return_exceptions=True)
    finally:
        await producer.stop()
        await engine.dispose()

    assert any(cadre_id in value for value in seen_after_restart), (
        "the event was not redelivered after the crash"
    )
    assert await effects_of(stack, cadre_id) == 1, "the redelivered event was applied twice"


async def test_event_committed_by_a_process_that_dies_before_publishing_is_still_published(stack):
    unit_id = unique("U")
    script = textwrap.dedent(
        f"""
        import asyncio, os, signal
        from services.common.db import make_engine, make_session_factory
        from services.indicator.service_layer.unit_of_work import SqlIndicatorUnitOfWork
        from services.indicator.adapters.tables import outbox
        from services.indicator.domain.units import Unit
        from services.indicator.service_layer.handlers import register_unit

        async def main():
            engine = make_engine({stack.indicator_database_url!r})
            async with SqlIndicatorUnitOfWork(make_session_factory(engine), "indicator", outbox) as uow:
                await register_unit(uow, Unit(id={unit_id!r}, name="死前提交乡", category="township"))
            os.kill(os.getpid(), signal.SIGKILL)  # dies right after the commit, before any publish

        asyncio.run(main())
        """
    )
    async with TopicReader(stack, topics.UNITS) as reader:
        process = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-c", script], capture_output=True
        )
        assert process.returncode == -9, process.stderr.decode()
        envelope, _ = await reader.wait_for(
            lambda e, h: (
                e.get("event_type") == "UnitRegistered" and e["payload"]["unit_id"] == unit_id
            ),
            timeout=20,
        )
    assert envelope["producer"] == "indicator"


async def test_a_rolled_back_change_publishes_nothing(stack):
    unit_id = unique("U")
    engine = make_engine(stack.indicator_database_url, pool_size=1)
    outbox = indicator_metadata.tables["outbox"]
    try:
        async with TopicReader(stack, topics.UNITS) as reader:
            with pytest.raises(Crash):
                async with SqlIndicatorUnitOfWork(
                    make_session_factory(engine), "indicator", outbox
                ) as uow:
                    await indicator_handlers.register_unit(
                        uow, Unit(id=unit_id, name="回滚乡", category="township")
                    )
                    assert len(uow.emitted) == 1
                    raise Crash
            # A change committed afterwards is published; the rolled-back one must not come before it.
            witness = unique("U")
            async with SqlIndicatorUnitOfWork(
                make_session_factory(engine), "indicator", outbox
            ) as uow:
                await indicator_handlers.register_unit(
                    uow, Unit(id=witness, name="见证乡", category="township")
                )
            seen: list[str] = []

            def until_witness(envelope: dict, headers: dict) -> bool:
                seen.append(envelope.get("payload", {}).get("unit_id"))
                return seen[-1] == witness

            await reader.wait_for(until_witness, timeout=20)
        assert unit_id not in seen
        conn = await database(stack, "indicator")
        try:
            assert await conn.fetchval("SELECT count(*) FROM units WHERE id = $1", unit_id) == 0
            assert (
                await conn.fetchval(
                    "SELECT count(*) FROM outbox WHERE envelope->'payload'->>'unit_id' = $1",
                    unit_id,
                )
                == 0
            )
        finally:
            await conn.close()
    finally:
        await engine.dispose()


async def test_unit_registered_contract_is_what_the_indicator_service_emits(stack, subgraph):
    unit_id = unique("U")
    registered = {"id": unit_id, "name": "契约乡", "category": "township", "district": "吉首市"}
    # Read where the contract says the event goes: a service publishing elsewhere fails here.
    async with TopicReader(stack, UnitRegistered.topic) as reader:
        await subgraph("indicator").execute(
            "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }", {"u": registered}
        )
        envelope, headers = await reader.wait_for(
            lambda e, h: e.get("payload", {}).get("unit_id") == unit_id, timeout=20
        )
    emitted = Envelope.model_validate(envelope)
    assert (emitted.event_type, emitted.producer) == ("UnitRegistered", "indicator")
    assert headers["event_type"] == emitted.event_type
    assert headers["schema_version"] == str(emitted.schema_version)
    assert UnitRegistered.model_validate(emitted.payload) == UnitRegistered(
        unit_id=unit_id, name="契约乡", category="township", district="吉首市"
    )
