"""Runs a consumer group: batches in, one transaction per batch, offsets committed after it.

Each message's effect and its `processed_events` row are written together (in a savepoint of
the batch transaction), so a redelivered event changes nothing. Messages that do not match their
contract, or still fail after bounded retries, go to the group's dead-letter topic with the
reason in the headers, and consumption goes on.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pydantic
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer, ConsumerRecord
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from schemas.registry import UnknownEventType, parse_payload
from schemas.topics import dead_letter_topic
from services.common.errors import ClientError
from services.common.kafka import make_consumer
from services.common.log import correlation_id_var
from services.common.metrics import EVENT_HANDLING_SECONDS, EVENTS_HANDLED
from services.common.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, Any, Envelope], Awaitable[None]]


@dataclass
class Decoded:
    record: ConsumerRecord
    envelope: Envelope | None = None
    payload: EventPayload | None = None
    failure: str | None = None
    emitted: bool = False


class ConsumerRunner:
    def __init__(
        self,
        *,
        service: str,
        group: str,
        topics: list[str],
        handlers: dict[type[EventPayload], Handler],
        session_factory: async_sessionmaker[AsyncSession],
        outbox: sa.Table,
        processed: sa.Table,
        producer: AIOKafkaProducer,
        bootstrap_servers: str,
        batch_size: int = 500,
        max_retries: int = 3,
        retry_base_seconds: float = 0.05,
        before_offset_commit: Callable[[list[ConsumerRecord]], Awaitable[None]] | None = None,
        dead_letters: str | None = None,
    ):
        self.service = service
        self.group = group
        self.topics = topics
        self.handlers = {model.event_type: handler for model, handler in handlers.items()}
        self._session_factory = session_factory
        self._outbox = outbox
        self._processed = processed
        self._producer = producer
        self._bootstrap = bootstrap_servers
        self._batch_size = batch_size
        self._max_retries = max_retries
        self._retry_base = retry_base_seconds
        self._before_offset_commit = before_offset_commit
        self.dead_letters = dead_letters or dead_letter_topic(group)
        self.ready = asyncio.Event()

    async def run(self) -> None:
        consumer = make_consumer(self._bootstrap, self.group, self.topics, client_id=f"{self.service}-consumer")
        await consumer.start()
        try:
            self.ready.set()
            while True:
                batches = await consumer.getmany(timeout_ms=200, max_records=self._batch_size)
                records = [record for part in batches.values() for record in part]
                if not records:
                    continue
                await self.handle_batch(records)
                if self._before_offset_commit is not None:
                    await self._before_offset_commit(records)
                await consumer.commit()
        finally:
            self.ready.clear()
            await consumer.stop()

    async def handle_batch(self, records: list[ConsumerRecord]) -> None:
        started = time.perf_counter()
        items = [self._decode(record) for record in records]
        for attempt in range(self._max_retries + 1):
            try:
                await self._handle_in_one_transaction(items)
                break
            except (OperationalError, DBAPIError, OSError) as error:
                # The database itself failed (connection lost, serialization): retry the whole batch;
                # past the limit, let the runner stop so offsets stay where they are.
                if attempt == self._max_retries:
                    raise
                log.warning("batch transaction failed; retrying", extra={"error": str(error), "attempt": attempt + 1})
                await asyncio.sleep(self._retry_base * 2**attempt)
        await self._send_dead_letters([item for item in items if item.failure])
        EVENT_HANDLING_SECONDS.labels(self.group).observe(time.perf_counter() - started)

    def _decode(self, record: ConsumerRecord) -> Decoded:
        item = Decoded(record)
        try:
            item.envelope = Envelope.model_validate(json.loads(record.value))
            if item.envelope.event_type in self.handlers:
                item.payload = parse_payload(item.envelope)
        except (ValueError, TypeError, pydantic.ValidationError, UnknownEventType) as error:
            item.failure = f"invalid message: {_describe(error)}"
        return item

    async def _handle_in_one_transaction(self, items: list[Decoded]) -> None:
        async with self._session_factory() as session, session.begin():
            emitted = False
            for item in items:
                if item.payload is None:
                    continue
                item.failure = await self._handle_one(session, item)
                emitted = emitted or item.emitted
            if emitted:
                await session.execute(sa.select(sa.func.pg_notify("outbox", "")))

    async def _handle_one(self, session: AsyncSession, item: Decoded) -> str | None:
        envelope, payload = item.envelope, item.payload
        handler = self.handlers[envelope.event_type]
        token = correlation_id_var.set(envelope.correlation_id)
        try:
            for attempt in range(self._max_retries + 1):
                try:
                    async with session.begin_nested():
                        if not await self._mark_processed(session, envelope):
                            EVENTS_HANDLED.labels(self.group, envelope.event_type, "duplicate").inc()
                            return None
                        uow = UnitOfWork.joining(session, self.service, self._outbox)
                        await handler(uow, payload, envelope)
                        item.emitted = bool(uow.emitted)
                    EVENTS_HANDLED.labels(self.group, envelope.event_type, "handled").inc()
                    return None
                except ClientError as error:
                    EVENTS_HANDLED.labels(self.group, envelope.event_type, "rejected").inc()
                    return f"rejected: {error}"
                except (OperationalError, OSError):
                    raise
                except Exception as error:
                    if attempt == self._max_retries:
                        log.exception("event handling failed", extra={"event_id": str(envelope.event_id)})
                        EVENTS_HANDLED.labels(self.group, envelope.event_type, "failed").inc()
                        return f"failed after {attempt + 1} attempts: {_describe(error)}"
                    await asyncio.sleep(self._retry_base * 2**attempt)
        finally:
            correlation_id_var.reset(token)
        return None

    async def _mark_processed(self, session: AsyncSession, envelope: Envelope) -> bool:
        result = await session.execute(
            insert(self._processed)
            .values(consumer_group=self.group, event_id=envelope.event_id, event_type=envelope.event_type)
            .on_conflict_do_nothing()
            .returning(self._processed.c.event_id)
        )
        return result.first() is not None

    async def _send_dead_letters(self, items: list[Decoded]) -> None:
        deliveries = []
        for item in items:
            record = item.record
            log.warning(
                "message sent to dead letters",
                extra={"topic": record.topic, "offset": record.offset, "reason": item.failure},
            )
            headers = list(record.headers or ()) + [
                ("dlq_reason", item.failure.encode()),
                ("dlq_source_topic", record.topic.encode()),
                ("dlq_source_partition", str(record.partition).encode()),
                ("dlq_source_offset", str(record.offset).encode()),
                ("dlq_consumer_group", self.group.encode()),
                ("dlq_failed_at", datetime.now(timezone.utc).isoformat().encode()),
            ]
            deliveries.append(
                await self._producer.send(
                    self.dead_letters, value=record.value, key=record.key, headers=headers
                )
            )
        await asyncio.gather(*deliveries)


def _describe(error: Exception) -> str:
    if isinstance(error, pydantic.ValidationError):
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:5]]
        return "; ".join(parts)
    return f"{type(error).__name__}: {error}"
