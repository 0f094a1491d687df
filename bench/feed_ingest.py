"""Sustained ingest of the automatic feed: government systems publish ObservationReported on Kafka,
the scoring service checks each against the list in force, stores it as a new revision and records
the event as processed, all in PostgreSQL.

A producer process publishes at a steady rate for the given time (default 12,000 observations a second
for 60 s) over 1,000 units x 10 automatic indicators x 12 months, so most observations are
resubmissions (new revisions); 0.5% of the messages are the same event delivered again and 0.1% name
an unknown unit (dead letters). The figure is the observations stored per second from the first
message sent to the last one stored; the bench then checks that every valid event was stored exactly
once.

    python bench/feed_ingest.py                        # 12,000/s for 60 s
    python bench/feed_ingest.py --rate 4000 --seconds 10

Runs against the stack in the environment. Figures: observations_per_s, seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaConsumer
from common import emit_figures, heading, line, stack_settings
from rescoring import clear_year, load_lists

from schemas import topics
from services.common.db import asyncpg_dsn
from services.common.kafka import make_producer
from tests.unit.scoring import synthetic

FEED_YEAR = 2028
UNITS = 1000
SOURCE_SYSTEM = "bench-feed"
DUPLICATE_EVERY = 200  # 0.5%
UNKNOWN_UNIT_EVERY = 1000  # 0.1%
_ENVELOPE = (
    '{{"event_id":"{event_id}","event_type":"ObservationReported","schema_version":1,"occurred_at":"{now}",'
    '"producer":"bench-feed","correlation_id":null,"traceparent":null,"payload":{{"unit_id":"{unit}",'
    '"indicator_code":"{code}","period":"{period}","value":{value},"unit_of_measure":"%",'
    '"source_system":"' + SOURCE_SYSTEM + '","reported_at":"{now}"}}}}'
)
_HEADERS = [("event_type", b"ObservationReported"), ("schema_version", b"1")]


NEW, REDELIVERED, UNKNOWN_UNIT = "new", "redelivered", "unknown unit"


def plan(
    total: int, unit_ids: list[str], codes: list[str], year: int, render: bool = True
) -> Iterator[tuple]:
    """The messages in sending order: (key, value or None, what it is: NEW, REDELIVERED or UNKNOWN_UNIT)."""
    now = datetime.now(UTC).isoformat()
    sent, n = 0, 0
    while sent < total:
        unit = unit_ids[n % len(unit_ids)]
        code = codes[(n // len(unit_ids)) % len(codes)]
        month = (n // (len(unit_ids) * len(codes))) % 12 + 1
        unknown = n % UNKNOWN_UNIT_EVERY == UNKNOWN_UNIT_EVERY - 1
        if unknown:
            unit = f"NO-SUCH-UNIT-{n}"
        body = None
        if render:
            value = 80 + (n * 7919) % 2000 / 100
            body = _ENVELOPE.format(
                event_id=uuid.uuid4(),
                now=now,
                unit=unit,
                code=code,
                period=f"{year}-{month:02d}",
                value=value,
            ).encode()
        yield unit.encode(), body, UNKNOWN_UNIT if unknown else NEW
        sent += 1
        if n % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 and sent < total:
            yield unit.encode(), body, REDELIVERED  # the same event delivered again
            sent += 1
        n += 1


def produce(
    bootstrap: str, total: int, unit_ids: list[str], codes: list[str], rate: int, started
) -> None:
    """Runs in its own process so that producing does not steal the measuring loop's time."""

    async def run() -> None:
        producer = make_producer(bootstrap, "bench-feed")
        await producer.start()
        try:
            burst = max(rate // 20, 1)  # 20 bursts a second
            began = time.monotonic()
            started.value = time.time()
            for i, (key, value, _) in enumerate(plan(total, unit_ids, codes, FEED_YEAR)):
                if i % burst == 0:
                    pause = began + i / rate - time.monotonic()
                    if pause > 0:
                        await asyncio.sleep(pause)
                await producer.send(topics.OBSERVATION_FEED, value=value, key=key, headers=_HEADERS)
            await producer.flush()
        finally:
            await producer.stop()

    asyncio.run(run())


async def dead_letter_end(settings) -> int:
    """How many messages the scoring group's dead-letter topic holds."""
    topic = topics.dead_letter_topic(topics.GROUP_SCORING)
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    try:
        deadline = time.monotonic() + 10
        while not consumer.assignment() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return sum((await consumer.end_offsets(list(consumer.assignment()))).values())
    finally:
        await consumer.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=12000, help="observations a second offered")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--units", type=int, default=UNITS)
    args = parser.parse_args()
    settings = stack_settings()
    heading(f"feed ingest: {args.rate}/s offered for {args.seconds} s")

    city = synthetic.city(units=args.units, months=1, cadres_per_unit=0, prefix="F-")
    city.items = [
        replace(item, source_system=SOURCE_SYSTEM, max_value=100.0)
        if item.data_source == "auto_feed"
        else item
        for item in city.items
    ]
    codes = [item.indicator_code for item in city.items if item.data_source == "auto_feed"]
    conn = await asyncpg.connect(asyncpg_dsn(settings.database_url("scoring")))
    try:
        await clear_year(conn, FEED_YEAR)
        await load_lists(conn, city, FEED_YEAR)
        total = args.rate * args.seconds
        kinds = Counter(
            kind for _, _, kind in plan(total, city.unit_ids, codes, FEED_YEAR, render=False)
        )
        valid = kinds[NEW]
        line("units x automatic indicators x months", f"{args.units} x {len(codes)} x 12")
        line(
            "messages sent",
            f"{total}: {valid} new, {kinds[REDELIVERED]} delivered again, {kinds[UNKNOWN_UNIT]} unknown units",
        )
        dead_before = await dead_letter_end(settings)
        start_id = await conn.fetchval("SELECT coalesce(max(observation_id), 0) FROM observations")

        spawn = multiprocessing.get_context("spawn")
        started = spawn.Value("d", 0.0)
        process = spawn.Process(
            target=produce,
            args=(
                settings.kafka_bootstrap_servers,
                total,
                city.unit_ids,
                codes,
                args.rate,
                started,
            ),
        )
        process.start()
        last_progress, stored, finished, shown = time.time(), 0, None, time.time()
        samples = []
        while True:
            await asyncio.sleep(1)
            # Counted on the primary key's index: only the rows added since the start are visited.
            now_stored = await conn.fetchval(
                "SELECT count(*) FROM observations WHERE observation_id > $1", start_id
            )
            if now_stored != stored:
                stored, last_progress = now_stored, time.time()
                samples.append((last_progress, stored))
            if time.time() - shown >= 10:
                shown = time.time()
                line(f"  stored after {shown - started.value:.0f} s", stored)
            if stored >= valid:
                finished = last_progress
                break
            if time.time() - last_progress > 30 and not process.is_alive():
                line("no progress for 30 s", "stopping")
                break
        process.join()
        stored_exact = await conn.fetchval(
            "SELECT count(*) FROM observations WHERE year = $1 AND channel = 'feed' AND observation_id > $2",
            FEED_YEAR,
            start_id,
        )
        distinct_events = await conn.fetchval(
            "SELECT count(DISTINCT event_id) FROM observations WHERE year = $1 AND observation_id > $2",
            FEED_YEAR,
            start_id,
        )
        revisions = await conn.fetchval(
            "SELECT max(revision) FROM observations WHERE year = $1 AND observation_id > $2",
            FEED_YEAR,
            start_id,
        )
    finally:
        await conn.close()
    await asyncio.sleep(2)
    dead = await dead_letter_end(settings) - dead_before
    elapsed = (finished or samples[-1][0]) - started.value
    rate = stored_exact / elapsed
    line("observations stored", stored_exact)
    line("  distinct events among them", distinct_events)
    line("  highest revision", revisions)
    line(
        "  every valid event stored exactly once",
        "yes" if stored_exact == distinct_events == valid else "NO",
    )
    line("dead letters (unknown units)", dead)
    line("first message sent -> last observation stored", f"{elapsed:.1f}", "s")
    line("observations stored per second", f"{rate:.0f}")
    if len(samples) > 2:
        middle = [s for s in samples if samples[0][0] + 5 < s[0] < samples[-1][0] - 5]
        if len(middle) > 1:
            steady = (middle[-1][1] - middle[0][1]) / (middle[-1][0] - middle[0][0])
            line("  steady state (without the first/last 5 s)", f"{steady:.0f}", "/s")
    emit_figures({"observations_per_s": round(rate), "seconds": round(elapsed, 1)})


if __name__ == "__main__":
    asyncio.run(main())
