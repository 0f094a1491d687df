"""Publishes committed outbox rows to Kafka, woken by LISTEN/NOTIFY or a short poll.

Rows are marked published only after Kafka acknowledged them, so a crash between commit and
publish, or between publish and marking, publishes the event (at least once) after restart;
consumers deduplicate by event id.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

import asyncpg
from aiokafka import AIOKafkaProducer

from services.common.db import OUTBOX_CHANNEL, SslOption, asyncpg_dsn, database_ssl
from services.common.metrics import OUTBOX_LAG_SECONDS, OUTBOX_PENDING, OUTBOX_PUBLISHED

# Claims and marks in one statement; the mark commits only after Kafka acknowledged every row.
_CLAIM = """
UPDATE outbox SET published_at = now()
WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
RETURNING id, topic, key, event_type, envelope::text AS envelope,
          envelope->>'schema_version' AS schema_version, envelope->>'correlation_id' AS correlation_id
"""
_LAG = """
SELECT count(*) AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS lag
FROM outbox WHERE published_at IS NULL
"""
_PRUNE = "DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)"
GAUGE_SECONDS = 5
PRUNE_SECONDS = 15 * 60


class OutboxRelay:
    def __init__(
        self,
        service: str,
        database_url: str,
        producer: AIOKafkaProducer,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        retention_hours: int = 72,
        ssl: SslOption | None = None,
    ):
        self.service = service
        self._dsn = asyncpg_dsn(database_url)
        self._ssl = database_ssl() if ssl is None else ssl
        self._producer = producer
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._retention_hours = retention_hours
        self._wake = asyncio.Event()
        self._last_gauges = 0.0
        self._last_prune = 0.0

    async def run(self) -> None:
        """Runs until cancelled or until PostgreSQL or Kafka fail; the service's supervisor restarts it."""
        listener = await asyncpg.connect(self._dsn, ssl=self._ssl)
        worker = await asyncpg.connect(self._dsn, ssl=self._ssl)
        try:
            await listener.add_listener(OUTBOX_CHANNEL, lambda *_: self._wake.set())
            while True:
                self._wake.clear()
                published = await self.publish_pending(worker)
                await self._housekeeping(worker)
                if published < self._batch_size:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self._poll_seconds)
        finally:
            await listener.close()
            await worker.close()

    async def publish_pending(self, conn: asyncpg.Connection) -> int:
        async with conn.transaction():
            rows = sorted(await conn.fetch(_CLAIM, self._batch_size), key=lambda row: row["id"])
            if not rows:
                return 0
            deliveries = [await self._send(row) for row in rows]
            await asyncio.gather(*deliveries)
        OUTBOX_PUBLISHED.labels(self.service).inc(len(rows))
        return len(rows)

    async def _send(self, row: asyncpg.Record) -> asyncio.Future:
        headers = [
            ("event_type", row["event_type"].encode()),
            ("schema_version", row["schema_version"].encode()),
        ]
        if row["correlation_id"]:
            headers.append(("correlation_id", row["correlation_id"].encode()))
        return await self._producer.send(
            row["topic"], value=row["envelope"].encode(), key=row["key"].encode(), headers=headers
        )

    async def _housekeeping(self, conn: asyncpg.Connection) -> None:
        now = time.monotonic()
        if now - self._last_gauges >= GAUGE_SECONDS:
            self._last_gauges = now
            stats = await conn.fetchrow(_LAG)
            OUTBOX_PENDING.labels(self.service).set(stats["pending"])
            OUTBOX_LAG_SECONDS.labels(self.service).set(float(stats["lag"]))
        # Pruning scans the published rows and holds up publishing while it runs: rarely.
        if now - self._last_prune >= PRUNE_SECONDS:
            self._last_prune = now
            await conn.execute(_PRUNE, self._retention_hours)
