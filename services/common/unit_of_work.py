"""A unit of work is one database transaction; the events it emits are outbox rows in it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from types import TracebackType

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from schemas.envelope import Envelope, EventPayload
from services.common.db import OUTBOX_CHANNEL, driver_connection
from services.common.log import current_correlation_id

# From this many rows on, COPY beats a multi-row INSERT (its setup costs a round trip of its own).
BULK_ROWS = 100


class UnitOfWork:
    """`async with UnitOfWork(...) as uow:` commits on success and rolls back on any error.

    Events emitted with `emit` are written to the outbox in the same transaction, so they are
    published if and only if the state change commits.
    """

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession] | None,
        producer: str,
        outbox: sa.Table,
        session: AsyncSession | None = None,
    ):
        self._session_factory = session_factory
        self.producer = producer
        self._outbox = outbox
        self.session: AsyncSession | None = session
        self.emitted: list[Envelope] = []

    @classmethod
    def joining(cls, session: AsyncSession, producer: str, outbox: sa.Table) -> UnitOfWork:
        """A unit of work inside a transaction someone else commits (a consumer's batch)."""
        return cls(None, producer, outbox, session=session)

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        await self.session.begin()
        self.emitted = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.session is not None
        try:
            if exc_type is None:
                await self._notify_relay()
                await self.session.commit()
            else:
                await self.session.rollback()
                self.emitted = []
        finally:
            await self.session.close()

    async def emit(self, payload: EventPayload, key: str) -> Envelope:
        return (await self.emit_many([(payload, key)]))[0]

    async def emit_many(
        self,
        events: Sequence[tuple[EventPayload, str]],
        event_ids: Sequence[uuid.UUID | None] | None = None,
    ) -> list[Envelope]:
        """Emits many (payload, key) events with one bulk write to the outbox (a city's lists at once).

        `event_ids` gives events the ids claimed for them beforehand (a cause announced once).
        """
        assert self.session is not None, "emit() outside `async with`"
        correlation_id = current_correlation_id()
        ids = event_ids if event_ids is not None else [None] * len(events)
        envelopes = [
            Envelope.wrap(
                payload, producer=self.producer, correlation_id=correlation_id, event_id=event_id
            )
            for (payload, _), event_id in zip(events, ids, strict=True)
        ]
        rows = [
            (payload.topic, key, envelope) for (payload, key), envelope in zip(events, envelopes)
        ]
        if rows:
            await write_outbox_rows(self.session, self._outbox, rows)
        self.emitted.extend(envelopes)
        return envelopes

    async def _notify_relay(self) -> None:
        if self.emitted:
            await notify_relay(self.session)


async def notify_relay(session: AsyncSession) -> None:
    """Wakes the outbox relay once the transaction commits (NOTIFY is not delivered on rollback)."""
    await session.execute(sa.select(sa.func.pg_notify(OUTBOX_CHANNEL, "")))


async def write_outbox_rows(
    session: AsyncSession, outbox: sa.Table, rows: Sequence[tuple[str, str, Envelope]]
) -> None:
    """The one writer of outbox rows (topic, key, envelope), for every unit of work.

    The envelope goes in as JSON text that PostgreSQL parses: pydantic writes it in one pass,
    several times faster than a Python dict through json.dumps when many large events go at once.
    From BULK_ROWS rows on (a scoring run's thousands of events) the rows go by COPY, one round
    trip for all of them.
    """
    if len(rows) >= BULK_ROWS:
        conn = await driver_connection(session)
        await conn.copy_records_to_table(
            outbox.name,
            schema_name=outbox.schema,
            records=[
                (envelope.event_id, topic, key, envelope.event_type, envelope.model_dump_json())
                for topic, key, envelope in rows
            ],
            columns=("event_id", "topic", "key", "event_type", "envelope"),
        )
        return
    statement = outbox.insert().values(
        envelope=sa.cast(sa.bindparam("envelope_json", type_=sa.Text), JSONB)
    )
    await session.execute(
        statement,
        [
            {
                "event_id": envelope.event_id,
                "topic": topic,
                "key": key,
                "event_type": envelope.event_type,
                "envelope_json": envelope.model_dump_json(),
            }
            for topic, key, envelope in rows
        ],
    )
