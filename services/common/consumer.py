"""Runs a consumer group: batches in, one transaction per batch, offsets committed after it.

Each message's effect and its `processed_events` row are written in the same transaction, so a
redelivered event changes nothing. A batch is first handled whole (one statement marks every
event processed, no savepoint per message); if any message fails, the batch is handled again
one message at a time, each in its own savepoint with bounded retries, so that one bad message
holds up no other. Messages that do not match their contract, or still fail after the retries,
go to the group's dead-letter topic with the reason in the headers, and consumption goes on.

Nothing is dropped without a trace. A message whose event type has no handler here goes to the
dead letters too, unless its contract names the topic it came on (an event of the topic that this
group does not react to, counted as `ignored`). Copies of one message in a batch (same event id,
same bytes, as an at-least-once relay may send) are one event; a message that reuses an event id
already seen in the batch with other content is a collision and goes to the dead letters, so that
it can neither hide the first nor be hidden by it. A batch retried after a database error starts
again from what its messages said, with no outcome kept from the failed attempt. Every dead letter
is counted in `dead_letters_total` by group and reason and logged once.

High-volume event types can have a batch handler instead: it receives all new events of its type
in the batch at once (their `processed_events` rows are written in bulk, in the same savepoint)
and returns the reasons of those it refused, which go to the dead letters. If it fails for any
other reason, the events are handled one at a time so that one bad event holds up no other.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pydantic
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer, ConsumerRecord
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from schemas.registry import PAYLOAD_MODELS, UnknownEventType, parse_payload
from schemas.topics import dead_letter_topic
from services.common.errors import ClientError
from services.common.kafka import KafkaTarget, make_consumer
from services.common.log import correlation_id_var
from services.common.metrics import DEAD_LETTERS, EVENT_HANDLING_SECONDS, EVENTS_HANDLED
from services.common.unit_of_work import UnitOfWork, notify_relay

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, Any, Envelope], Awaitable[None]]
# Handles the new events of one type in a batch; returns {event_id: reason} for those it refused.
BatchHandler = Callable[[UnitOfWork, list[tuple[Any, Envelope]]], Awaitable[dict[uuid.UUID, str]]]

_MARK_MANY = """
INSERT INTO {table} (consumer_group, event_id, event_type)
SELECT :group, event.id, event.type FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS text[])) AS event(id, type)
ON CONFLICT DO NOTHING
RETURNING event_id
"""
_UNMARK_MANY = (
    "DELETE FROM {table} WHERE consumer_group = :group AND event_id = ANY(CAST(:ids AS uuid[]))"
)


class _Refused(ClientError):
    """A batch handler refused the one event it was given."""


class DeadLetterReason:
    """The `reason` label of `dead_letters_total`; the header carries the full text."""

    INVALID = "invalid"
    UNKNOWN_EVENT_TYPE = "unknown_event_type"
    ID_COLLISION = "id_collision"
    REJECTED = "rejected"
    FAILED = "failed"


@dataclass
class Decoded:
    record: ConsumerRecord
    envelope: Envelope | None = None
    payload: EventPayload | None = None
    # Known before any handling (the message itself is unusable); kept across retries.
    refusal: tuple[str, str] | None = None
    failure: str | None = None
    failure_kind: str | None = None
    emitted: bool = False
    ignored: bool = False

    def refuse(self, kind: str, reason: str) -> None:
        self.refusal = (kind, reason)
        self.failure_kind, self.failure = kind, reason

    def fail(self, reason: str | None) -> None:
        """The outcome of handling: None when handled, else why it goes to the dead letters
        (handling's reasons start with "rejected" or "failed")."""
        self.failure = reason
        if reason is None:
            self.failure_kind = None
        else:
            failed = reason.startswith("failed")
            self.failure_kind = DeadLetterReason.FAILED if failed else DeadLetterReason.REJECTED

    def start_over(self) -> None:
        """Forgets the outcome of an attempt that did not commit."""
        self.emitted = False
        self.failure_kind, self.failure = self.refusal or (None, None)

    @property
    def to_handle(self) -> bool:
        return self.payload is not None and self.refusal is None


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
        # The settings (with their TLS and SASL options) or a PLAINTEXT broker's `host:port`.
        bootstrap_servers: KafkaTarget,
        batch_size: int = 500,
        max_retries: int = 3,
        retry_base_seconds: float = 0.05,
        before_offset_commit: Callable[[list[ConsumerRecord]], Awaitable[None]] | None = None,
        dead_letters: str | None = None,
        batch_handlers: dict[type[EventPayload], BatchHandler] | None = None,
    ):
        self.service = service
        self.group = group
        self.topics = topics
        self.handlers = {model.event_type: handler for model, handler in handlers.items()}
        self.batch_handlers = {
            model.event_type: handler for model, handler in (batch_handlers or {}).items()
        }
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
        consumer = make_consumer(
            self._bootstrap, self.group, self.topics, client_id=f"{self.service}-consumer"
        )
        await consumer.start()
        committing: asyncio.Task | None = None
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
                if committing is not None:
                    await committing
                # The batch's own offsets, not the consumer's position (which moves on with the
                # next fetch); committed while the next batch is handled.
                offsets = {partition: part[-1].offset + 1 for partition, part in batches.items()}
                committing = asyncio.create_task(consumer.commit(offsets))
        finally:
            self.ready.clear()
            if committing is not None and not committing.done():
                await asyncio.gather(committing, return_exceptions=True)
            await consumer.stop()

    async def handle_batch(self, records: list[ConsumerRecord]) -> None:
        started = time.perf_counter()
        items, copies = _without_copies([self._decode(record) for record in records])
        for copy in copies:
            EVENTS_HANDLED.labels(self.group, copy.envelope.event_type, "duplicate").inc()
        for attempt in range(self._max_retries + 1):
            for item in items:
                item.start_over()
            try:
                await self._handle_in_one_transaction(items)
                break
            except (OperationalError, DBAPIError, OSError) as error:
                # The database itself failed (connection lost, serialization): retry the whole batch;
                # past the limit, let the runner stop so offsets stay where they are.
                if attempt == self._max_retries:
                    raise
                log.warning(
                    "batch transaction failed; retrying",
                    extra={"error": str(error), "attempt": attempt + 1},
                )
                await asyncio.sleep(self._retry_base * 2**attempt)
        await self._send_dead_letters([item for item in items if item.failure])
        EVENT_HANDLING_SECONDS.labels(self.group).observe(time.perf_counter() - started)

    def _decode(self, record: ConsumerRecord) -> Decoded:
        item = Decoded(record)
        try:
            item.envelope = Envelope.model_validate_json(record.value)
            if (
                item.envelope.event_type in self.handlers
                or item.envelope.event_type in self.batch_handlers
            ):
                item.payload = parse_payload(item.envelope)
            else:
                self._judge_unhandled(item)
        except (ValueError, TypeError, pydantic.ValidationError, UnknownEventType) as error:
            item.refuse(DeadLetterReason.INVALID, f"invalid message: {_describe(error)}")
        return item

    def _judge_unhandled(self, item: Decoded) -> None:
        """An event this group has no handler for: another group's concern, or lost here."""
        envelope, topic = item.envelope, item.record.topic
        model = PAYLOAD_MODELS.get((envelope.event_type, envelope.schema_version))
        if model is not None and model.topic == topic:
            item.ignored = True
            EVENTS_HANDLED.labels(self.group, envelope.event_type, "ignored").inc()
            return
        item.refuse(
            DeadLetterReason.UNKNOWN_EVENT_TYPE,
            f"no handler for event type {envelope.event_type!r} version "
            f"{envelope.schema_version} on topic {topic} in consumer group {self.group!r}",
        )

    async def _handle_in_one_transaction(self, items: list[Decoded]) -> None:
        async with self._session_factory() as session, session.begin():
            singles: list[Decoded] = []
            grouped: dict[str, list[Decoded]] = {}
            for item in items:
                if not item.to_handle:
                    continue
                if item.envelope.event_type in self.batch_handlers:
                    grouped.setdefault(item.envelope.event_type, []).append(item)
                else:
                    singles.append(item)
            emitted = await self._handle_singles(session, singles)
            for event_type, group in grouped.items():
                emitted = await self._handle_group(session, event_type, group) or emitted
            if emitted:
                await notify_relay(session)

    async def _handle_singles(self, session: AsyncSession, items: list[Decoded]) -> bool:
        """All in one savepoint; message by message, each in its own savepoint, if any of them fails.

        The common case (every message handled) then costs one statement to mark the batch
        processed instead of three round trips per message. Returns whether any event was emitted.
        """
        if not items:
            return False
        try:
            async with session.begin_nested():
                return await self._handle_singles_at_once(session, items)
        except (OperationalError, OSError):
            raise
        except Exception as error:
            log.info(
                "batch handled one message at a time",
                extra={"error": _describe(error), "size": len(items)},
            )
        emitted = False
        for item in items:
            item.start_over()
            item.fail(await self._handle_one(session, item))
            emitted = emitted or item.emitted
        return emitted

    async def _handle_singles_at_once(self, session: AsyncSession, items: list[Decoded]) -> bool:
        new_ids = await self._mark_many(session, items)
        handled: list[str] = []
        for item in items:
            envelope = item.envelope
            if envelope.event_id not in new_ids:
                EVENTS_HANDLED.labels(self.group, envelope.event_type, "duplicate").inc()
                continue
            new_ids.discard(envelope.event_id)  # the same event twice in one batch is handled once
            token = correlation_id_var.set(envelope.correlation_id)
            try:
                uow = UnitOfWork.joining(session, self.service, self._outbox)
                await self.handlers[envelope.event_type](uow, item.payload, envelope)
                item.emitted = bool(uow.emitted)
            finally:
                correlation_id_var.reset(token)
            handled.append(envelope.event_type)
        for event_type in handled:
            EVENTS_HANDLED.labels(self.group, event_type, "handled").inc()
        return any(item.emitted for item in items)

    async def _mark_many(self, session: AsyncSession, items: list[Decoded]) -> set[uuid.UUID]:
        """Records the items' events as processed; returns the ids that were not recorded before."""
        marked = await session.execute(
            sa.text(_MARK_MANY.format(table=self._processed.name)),
            {
                "group": self.group,
                "ids": [item.envelope.event_id for item in items],
                "types": [item.envelope.event_type for item in items],
            },
        )
        return {row[0] for row in marked}

    async def _handle_one(
        self, session: AsyncSession, item: Decoded, handler: Handler | None = None
    ) -> str | None:
        envelope, payload = item.envelope, item.payload
        handler = handler or self.handlers[envelope.event_type]
        token = correlation_id_var.set(envelope.correlation_id)
        try:
            for attempt in range(self._max_retries + 1):
                try:
                    async with session.begin_nested():
                        if not await self._mark_processed(session, envelope):
                            EVENTS_HANDLED.labels(
                                self.group, envelope.event_type, "duplicate"
                            ).inc()
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
                        log.exception(
                            "event handling failed", extra={"event_id": str(envelope.event_id)}
                        )
                        EVENTS_HANDLED.labels(self.group, envelope.event_type, "failed").inc()
                        return f"failed after {attempt + 1} attempts: {_describe(error)}"
                    await asyncio.sleep(self._retry_base * 2**attempt)
        finally:
            correlation_id_var.reset(token)
        return None

    async def _handle_group(
        self, session: AsyncSession, event_type: str, group: list[Decoded]
    ) -> bool:
        """All new events of one type at once; one at a time if that fails. Returns whether any emitted."""
        handler = self.batch_handlers[event_type]
        for attempt in range(self._max_retries + 1):
            try:
                async with session.begin_nested():
                    return await self._handle_group_once(session, event_type, group, handler)
            except (OperationalError, OSError):
                raise
            except Exception as error:
                log.warning(
                    "batch handler failed",
                    extra={
                        "event_type": event_type,
                        "error": _describe(error),
                        "attempt": attempt + 1,
                    },
                )
                if isinstance(error, ClientError):
                    break
                if attempt < self._max_retries:
                    await asyncio.sleep(self._retry_base * 2**attempt)

        async def one(uow: UnitOfWork, payload: Any, envelope: Envelope) -> None:
            refused = await handler(uow, [(payload, envelope)])
            if refused:
                raise _Refused(refused[envelope.event_id])

        emitted = False
        for item in group:
            item.start_over()
            item.fail(await self._handle_one(session, item, one))
            emitted = emitted or item.emitted
        return emitted

    async def _handle_group_once(
        self, session: AsyncSession, event_type: str, group: list[Decoded], handler: BatchHandler
    ) -> bool:
        new_ids = await self._mark_many(session, group)
        fresh: list[Decoded] = []
        for item in group:
            if item.envelope.event_id in new_ids:
                new_ids.discard(item.envelope.event_id)
                fresh.append(item)
        EVENTS_HANDLED.labels(self.group, event_type, "duplicate").inc(len(group) - len(fresh))
        if not fresh:
            return False
        uow = UnitOfWork.joining(session, self.service, self._outbox)
        refused = await handler(uow, [(item.payload, item.envelope) for item in fresh])
        if refused:
            # A refused event is not processed: sent again (from the dead letters), it is handled again.
            await session.execute(
                sa.text(_UNMARK_MANY.format(table=self._processed.name)),
                {"group": self.group, "ids": list(refused)},
            )
            for item in fresh:
                reason = refused.get(item.envelope.event_id)
                if reason is not None:
                    item.fail(f"rejected: {reason}")
        EVENTS_HANDLED.labels(self.group, event_type, "rejected").inc(len(refused))
        EVENTS_HANDLED.labels(self.group, event_type, "handled").inc(len(fresh) - len(refused))
        return bool(uow.emitted)

    async def _mark_processed(self, session: AsyncSession, envelope: Envelope) -> bool:
        result = await session.execute(
            insert(self._processed)
            .values(
                consumer_group=self.group,
                event_id=envelope.event_id,
                event_type=envelope.event_type,
            )
            .on_conflict_do_nothing()
            .returning(self._processed.c.event_id)
        )
        return result.first() is not None

    async def _send_dead_letters(self, items: list[Decoded]) -> None:
        deliveries = []
        for item in items:
            record = item.record
            kind = item.failure_kind or DeadLetterReason.FAILED
            DEAD_LETTERS.labels(self.group, kind).inc()
            log.warning(
                "message sent to dead letters",
                extra={
                    "group": self.group,
                    "topic": record.topic,
                    "partition": record.partition,
                    "offset": record.offset,
                    "event_type": item.envelope.event_type if item.envelope else None,
                    "reason_kind": kind,
                    "reason": item.failure,
                },
            )
            headers = list(record.headers or ()) + [
                ("dlq_reason", item.failure.encode()),
                ("dlq_source_topic", record.topic.encode()),
                ("dlq_source_partition", str(record.partition).encode()),
                ("dlq_source_offset", str(record.offset).encode()),
                ("dlq_consumer_group", self.group.encode()),
                ("dlq_failed_at", datetime.now(UTC).isoformat().encode()),
            ]
            deliveries.append(
                await self._producer.send(
                    self.dead_letters, value=record.value, key=record.key, headers=headers
                )
            )
        await asyncio.gather(*deliveries)


def _without_copies(items: list[Decoded]) -> tuple[list[Decoded], list[Decoded]]:
    """Drops exact copies of a message in the batch and refuses other reuses of its event id.

    Two deliveries of the same bytes are one event (the relay publishes at least once), so the
    copy adds nothing: the first is handled or dead-lettered for both. Different content under one
    id is never merged with the first, whatever becomes of the first.
    """
    first: dict[uuid.UUID, Decoded] = {}
    kept: list[Decoded] = []
    copies: list[Decoded] = []
    for item in items:
        if item.envelope is None or item.refusal is not None:
            kept.append(item)
            continue
        event_id = item.envelope.event_id
        earlier = first.get(event_id)
        if earlier is None:
            first[event_id] = item
        elif earlier.record.value == item.record.value:
            copies.append(item)
            continue
        else:
            source = earlier.record
            item.refuse(
                DeadLetterReason.ID_COLLISION,
                f"event id collision: event {event_id} came earlier in this batch with other "
                f"content ({source.topic} partition {source.partition} offset {source.offset})",
            )
        kept.append(item)
    return kept, copies


def _describe(error: Exception) -> str:
    if isinstance(error, pydantic.ValidationError):
        parts = [
            ": ".join(filter(None, (".".join(str(p) for p in e["loc"]), e["msg"])))
            for e in error.errors()[:5]
        ]
        return "; ".join(parts)
    return f"{type(error).__name__}: {error}"
