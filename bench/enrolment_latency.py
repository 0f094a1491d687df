"""Weakness-to-enrolment latency through the real Kafka broker and PostgreSQL.

From the moment a `WeaknessFlagged` is handed to the Kafka producer to the moment the
development service's `EnrolmentCreated` for it is readable on its topic (consumer, placement
in PostgreSQL, outbox, relay, broker, all included). Both times are taken in this process.

    python bench/enrolment_latency.py                # 200 events/s for 60 s, then a rate ramp
    python bench/enrolment_latency.py --seconds 10   # shorter, while developing

A programme of its own (a capability no one else uses) with one big cohort takes every cadre,
so each event becomes one enrolment. The ramp raises the rate until p99 reaches 250 ms (or
events are lost, or the producer cannot keep the rate) twice in a row at one rate; when 200
events/s already misses that, it lowers the rate until one keeps it. Runs against the stack in the
environment (`eval "$(python3 scripts/stack.py env)"`).

Ends with one JSON line: p50_ms, p99_ms, max_events_per_s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from aiokafka import AIOKafkaConsumer

from bench.common import emit_figures, heading, line, percentile_ms, stack_settings
from schemas import topics
from schemas.envelope import Envelope
from schemas.events import WeaknessFlagged
from services.common.auth import Role, mint_token
from services.common.kafka import envelope_headers, make_producer

SUSTAINED_RATE = 200
RAMP = (300, 500, 750, 1000, 1500, 2000, 3000)
RAMP_DOWN = (150, 100, 50)  # when even the sustained rate misses the limit
RAMP_SECONDS = 15.0
P99_LIMIT_MS = 250.0
DRAIN_SECONDS = 10.0


class Bench:
    def __init__(self, settings, run_id: str):
        self.settings = settings
        self.capability = f"bench_{run_id}"
        self.run_id = run_id
        self.sent: dict[str, float] = {}
        self.seen: dict[str, float] = {}
        self.sequence = 0

    async def prepare(self) -> None:
        """A programme and a cohort only this run's weaknesses go to, through the development API."""
        token = mint_token(self.settings, Role.ADMIN, subject="bench")
        url = self.settings.development_url.rstrip("/") + "/graphql"
        programme = f"bench-{self.run_id}"
        mutations = [
            (
                "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }",
                {
                    "i": {
                        "id": programme,
                        "name": f"Benchmark programme {self.run_id}",
                        "kind": "camp",
                        "capabilities": [self.capability],
                    }
                },
            ),
            (
                "mutation($i: CohortInput!) { addCohort(input: $i) { id } }",
                {
                    "i": {
                        "programmeId": programme,
                        "name": "Benchmark cohort",
                        "capacity": 2_000_000_000,
                        "startsOn": (date.today() + timedelta(days=7)).isoformat(),
                        "endsOn": (date.today() + timedelta(days=37)).isoformat(),
                    }
                },
            ),
        ]
        async with httpx.AsyncClient(timeout=30) as client:
            for query, variables in mutations:
                response = await client.post(
                    url,
                    json={"query": query, "variables": variables},
                    headers={"authorization": f"Bearer {token}"},
                )
                body = response.json()
                if response.status_code != 200 or body.get("errors"):
                    raise SystemExit(f"could not prepare the benchmark programme at {url}: {body}")

    def messages(self, count: int) -> list[tuple[str, bytes, list]]:
        """Serialised before timing starts, so the producer loop only sends."""
        built = []
        for _ in range(count):
            self.sequence += 1
            cadre = f"bench-{self.run_id}-{self.sequence}"
            event = WeaknessFlagged(
                cadre_id=cadre,
                capability=self.capability,
                severity="medium",
                period="2025",
                score=48.0,
                threshold=60.0,
                peer_percentile=12.0,
                unit_category="township",
                position_level="deputy",
            )
            envelope = Envelope.wrap(event, producer="bench")
            built.append((cadre, envelope.model_dump_json().encode(), envelope_headers(envelope)))
        return built

    async def read_enrolments(self, ready: asyncio.Event) -> None:
        consumer = AIOKafkaConsumer(
            topics.ENROLMENTS,
            bootstrap_servers=self.settings.kafka_bootstrap_servers,
            enable_auto_commit=False,
            auto_offset_reset="latest",
            fetch_max_wait_ms=20,
        )
        await consumer.start()
        try:
            while not consumer.assignment():
                await asyncio.sleep(0.05)
            for partition in consumer.assignment():
                await consumer.position(partition)  # pins "latest" now, before anything is sent
            ready.set()
            marker = self.capability.encode()
            while True:
                batches = await consumer.getmany(timeout_ms=20)
                now = time.perf_counter()
                for records in batches.values():
                    for record in records:
                        if marker not in record.value or b'"EnrolmentCreated"' not in record.value:
                            continue
                        self.seen.setdefault(json.loads(record.value)["payload"]["cadre_id"], now)
        finally:
            await consumer.stop()

    async def phase(self, producer, rate: int, seconds: float) -> dict:
        batch = self.messages(int(rate * seconds))
        began = time.perf_counter()
        for index, (cadre, value, headers) in enumerate(batch):
            due = began + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            self.sent[cadre] = time.perf_counter()
            await producer.send(topics.WEAKNESSES, value=value, key=cadre.encode(), headers=headers)
        sending = time.perf_counter() - began
        deadline = time.perf_counter() + DRAIN_SECONDS
        cadres = [cadre for cadre, _, _ in batch]
        while time.perf_counter() < deadline and any(c not in self.seen for c in cadres):
            await asyncio.sleep(0.05)
        latencies = [self.seen[c] - self.sent[c] for c in cadres if c in self.seen]
        return {
            "rate": rate,
            "events": len(cadres),
            "received": len(latencies),
            "achieved_rate": round(len(cadres) / sending, 1),
            "p50_ms": percentile_ms(latencies, 50),
            "p99_ms": percentile_ms(latencies, 99),
            "max_ms": percentile_ms(latencies, 100),
        }


def report(result: dict) -> None:
    line(
        f"{result['rate']} events/s x {result['events'] // result['rate']} s",
        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms; "
        f"{result['received']}/{result['events']} enrolled; sent at {result['achieved_rate']}/s",
    )


def keeps_up(result: dict) -> bool:
    return (
        result["received"] == result["events"]
        and result["p99_ms"] < P99_LIMIT_MS
        and result["achieved_rate"] >= 0.95 * result["rate"]
    )


async def holds(bench: Bench, producer, rate: int, seconds: float) -> bool:
    """Whether the rate keeps p99 under the limit; a miss is tried once more, since the machine is
    shared and one neighbour's burst should not end the ramp."""
    for _attempt in range(2):
        await asyncio.sleep(1)
        result = await bench.phase(producer, rate, seconds)
        report(result)
        if keeps_up(result):
            return True
    return False


async def run(seconds: float, ramp_seconds: float) -> dict:
    settings = stack_settings()
    bench = Bench(settings, uuid.uuid4().hex[:10])
    heading(
        "weakness-to-enrolment latency (WeaknessFlagged published -> EnrolmentCreated readable)"
    )
    line("Kafka", settings.kafka_bootstrap_servers)
    line("development service", settings.development_url)
    await bench.prepare()
    ready = asyncio.Event()
    reader = asyncio.create_task(bench.read_enrolments(ready))
    await asyncio.wait(
        [reader, asyncio.create_task(ready.wait())], return_when=asyncio.FIRST_COMPLETED
    )
    if reader.done():
        reader.result()  # the reader failed to start: show why
    producer = make_producer(settings.kafka_bootstrap_servers, "bench-enrolment-latency")
    await producer.start()
    try:
        report(await bench.phase(producer, 50, 2))  # warm-up, not counted
        sustained = await bench.phase(producer, SUSTAINED_RATE, seconds)
        report(sustained)
        best = SUSTAINED_RATE if keeps_up(sustained) else 0
        if best:
            line("ramp up", f"{ramp_seconds:g} s per rate until p99 >= {P99_LIMIT_MS:g} ms")
            for rate in RAMP:
                if not await holds(bench, producer, rate, ramp_seconds):
                    break
                best = rate
        else:
            line("ramp down", f"{ramp_seconds:g} s per rate until p99 < {P99_LIMIT_MS:g} ms")
            for rate in RAMP_DOWN:
                if await holds(bench, producer, rate, ramp_seconds):
                    best = rate
                    break
    finally:
        await producer.stop()
        reader.cancel()
        await asyncio.gather(reader, return_exceptions=True)
    line("highest rate with p99 under 250 ms", f"{best} events/s")
    return {"p50_ms": sustained["p50_ms"], "p99_ms": sustained["p99_ms"], "max_events_per_s": best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=60, help=f"duration at {SUSTAINED_RATE} events/s"
    )
    parser.add_argument(
        "--ramp-seconds", type=float, default=RAMP_SECONDS, help="duration of each ramp step"
    )
    args = parser.parse_args()
    emit_figures(asyncio.run(run(args.seconds, args.ramp_seconds)))


if __name__ == "__main__":
    main()
