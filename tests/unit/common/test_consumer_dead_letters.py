"""The consumer runner drops nothing silently: what it does not handle goes to the dead letters.

The database transaction is stood in for by `_handle_in_one_transaction`; what is tested here is
the runner's judgement of each message before and after it, not SQL.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from aiokafka import ConsumerRecord
from sqlalchemy.exc import OperationalError

from schemas import topics
from schemas.envelope import Envelope
from schemas.events import CadreRegistered, UnitRegistered
from services.common.consumer import ConsumerRunner, Decoded
from services.common.metrics import DEAD_LETTERS


class RecordingProducer:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    async def send(self, topic, value, key, headers):
        self.sent.append(
            {"topic": topic, "value": value, "headers": {k: v.decode() for k, v in headers}}
        )
        done = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


class StubbedRunner(ConsumerRunner):
    """Runs `attempts` in turn in place of the database transaction."""

    def __init__(self, attempts=(), **kwargs):
        self.producer = RecordingProducer()
        self.given: list[list[Decoded]] = []
        self._attempts = list(attempts)
        super().__init__(
            service="scoring",
            group="unit-test-group",
            topics=[topics.UNITS],
            handlers=kwargs.pop("handlers", {CadreRegistered: _no_op}),
            session_factory=None,
            outbox=None,
            processed=None,
            producer=self.producer,
            bootstrap_servers="unused:1",
            retry_base_seconds=0,
            **kwargs,
        )

    async def _handle_in_one_transaction(self, items):
        self.given.append([item for item in items if item.to_handle])
        if self._attempts:
            await self._attempts.pop(0)(items)


async def _no_op(uow, event, envelope) -> None:
    return None


def cadre(name: str = "张三") -> CadreRegistered:
    return CadreRegistered(
        cadre_id="C-1", name=name, unit_id="U-1", unit_category="township", position_level="deputy"
    )


def record(value: bytes | str, offset: int, topic: str = topics.UNITS) -> ConsumerRecord:
    value = value.encode() if isinstance(value, str) else value
    return ConsumerRecord(topic, 0, offset, 0, 0, b"k", value, None, 1, len(value), [])


def dead_letter_count(reason: str) -> float:
    return DEAD_LETTERS.labels("unit-test-group", reason)._value.get()


async def test_a_message_of_an_event_type_without_handler_goes_to_the_dead_letters():
    runner = StubbedRunner()
    envelope = json.loads(Envelope.wrap(cadre(), producer="tests").model_dump_json())
    envelope["event_type"] = "CadreTeleported"
    before = dead_letter_count("unknown_event_type")

    await runner.handle_batch([record(json.dumps(envelope), 1)])

    [letter] = runner.producer.sent
    assert letter["topic"] == topics.dead_letter_topic("unit-test-group")
    assert "no handler for event type 'CadreTeleported'" in letter["headers"]["dlq_reason"]
    assert dead_letter_count("unknown_event_type") == before + 1


async def test_an_event_of_the_topic_that_the_group_does_not_react_to_is_only_counted():
    runner = StubbedRunner()
    unit = UnitRegistered(unit_id="U-1", name="某乡", category="township")
    await runner.handle_batch([record(Envelope.wrap(unit, producer="tests").model_dump_json(), 1)])
    assert runner.producer.sent == []


async def test_a_known_event_on_a_topic_its_contract_does_not_name_goes_to_the_dead_letters():
    runner = StubbedRunner(handlers={}, dead_letters="dl")
    message = Envelope.wrap(cadre(), producer="tests").model_dump_json()
    await runner.handle_batch([record(message, 1, topic=topics.COMPLETIONS)])
    [letter] = runner.producer.sent
    assert f"on topic {topics.COMPLETIONS}" in letter["headers"]["dlq_reason"]


async def test_other_content_under_an_event_id_already_in_the_batch_is_a_collision():
    runner = StubbedRunner()
    first = Envelope.wrap(cadre("甲"), producer="tests")
    second = Envelope.wrap(cadre("乙"), producer="tests", event_id=first.event_id)
    before = dead_letter_count("id_collision")

    await runner.handle_batch(
        [record(first.model_dump_json(), 1), record(second.model_dump_json(), 2)]
    )

    assert [item.record.offset for item in runner.given[0]] == [1]
    [letter] = runner.producer.sent
    assert letter["value"] == second.model_dump_json().encode()
    assert "event id collision" in letter["headers"]["dlq_reason"]
    assert "offset 1" in letter["headers"]["dlq_reason"]
    assert dead_letter_count("id_collision") == before + 1


async def test_a_refused_message_does_not_hide_a_colliding_one():
    async def refuse_all(items):
        for item in items:
            if item.to_handle:
                item.fail("rejected: not today")

    runner = StubbedRunner(attempts=[refuse_all])
    first = Envelope.wrap(cadre("甲"), producer="tests")
    second = Envelope.wrap(cadre("乙"), producer="tests", event_id=first.event_id)

    await runner.handle_batch(
        [record(first.model_dump_json(), 1), record(second.model_dump_json(), 2)]
    )

    reasons = sorted(letter["headers"]["dlq_reason"] for letter in runner.producer.sent)
    assert len(reasons) == 2
    assert reasons[0].startswith("event id collision") and reasons[1] == "rejected: not today"


async def test_exact_copies_in_a_batch_are_one_event():
    runner = StubbedRunner()
    message = Envelope.wrap(cadre(), producer="tests").model_dump_json()
    await runner.handle_batch([record(message, 1), record(message, 2)])
    assert [item.record.offset for item in runner.given[0]] == [1]
    assert runner.producer.sent == []


async def test_a_batch_retried_after_a_database_error_keeps_no_failure_of_the_failed_attempt():
    async def fail_one_then_lose_the_connection(items):
        items[0].fail("failed after 4 attempts: RuntimeError: flaky")
        raise OperationalError("SELECT 1", {}, ConnectionResetError("connection lost"))

    async def handle_all(items):
        return None

    runner = StubbedRunner(attempts=[fail_one_then_lose_the_connection, handle_all])
    message = Envelope.wrap(cadre(), producer="tests").model_dump_json()

    await runner.handle_batch([record(message, 1)])

    assert len(runner.given) == 2
    assert runner.producer.sent == [], "a failure of the rolled-back attempt was dead-lettered"


async def test_an_invalid_message_stays_refused_across_retries():
    async def lose_the_connection(items):
        raise OperationalError("SELECT 1", {}, ConnectionResetError("connection lost"))

    runner = StubbedRunner(attempts=[lose_the_connection])
    await runner.handle_batch([record(b"not json", 1)])
    [letter] = runner.producer.sent
    assert letter["headers"]["dlq_reason"].startswith("invalid message")


async def test_past_the_retries_the_database_error_stops_the_runner_and_sends_nothing():
    async def lose_the_connection(items):
        raise OperationalError("SELECT 1", {}, ConnectionResetError("connection lost"))

    runner = StubbedRunner(attempts=[lose_the_connection] * 4)
    with pytest.raises(OperationalError):
        await runner.handle_batch([record(b"not json", 1)])
    assert runner.producer.sent == []
