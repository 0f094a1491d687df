"""End-to-end event pipeline: a state change committed in the indicator service, relayed through
its outbox and Kafka, and its effect committed by the scoring service's consumer.

The load generator commits, in the indicator database, exactly what the indicator service's
`register_cadre` handler commits (a `cadres` row and its `CadreRegistered` outbox row, with the
NOTIFY that wakes the relay), as one atomic statement: the generator shares the two cores with
the pipeline it measures, so it must cost little itself.

Latency is commit-to-commit: the source transaction's commit time and the effect transaction's
commit time, both read from PostgreSQL (`track_commit_timestamp`, one server clock); where the
server does not track commit times, the benchmark falls back to client-side timing (commit
returned -> effect first seen by a 2 ms poll) and says so.

    python bench/event_pipeline.py                  # 200 events/s for 60 s, then a rate ramp
    python bench/event_pipeline.py --seconds 10     # shorter

Runs against the stack in the environment (`eval "$(python3 scripts/stack.py env)"`; `make bench`
starts the dev stack). Figures: p50_ms, p99_ms, max_events_per_s.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from dataclasses import dataclass, field

import asyncpg
from common import emit_figures, heading, line, percentile_ms, stack_settings

from schemas.envelope import Envelope
from schemas.events import CadreRegistered
from services.common.db import asyncpg_dsn, make_engine, make_session_factory
from services.indicator.adapters.tables import outbox
from services.indicator.domain.units import Unit
from services.indicator.service_layer.handlers import register_unit
from services.indicator.service_layer.unit_of_work import SqlIndicatorUnitOfWork

# What register_cadre writes, in one statement (so one round trip and one commit).
REGISTER_CADRES = """
WITH cadre AS (
    INSERT INTO cadres (id, name, unit_id, position_level)
    SELECT id, '基准', $2, 'grassroots' FROM unnest($1::text[]) AS id
), event AS (
    INSERT INTO outbox (event_id, topic, key, event_type, envelope)
    SELECT e.id, $3, e.key, 'CadreRegistered', e.envelope::jsonb
    FROM unnest($4::uuid[], $1::text[], $5::text[]) AS e(id, key, envelope)
)
SELECT pg_notify('outbox', '')
"""
RAMP = (500, 1000, 2000, 3000, 4000, 6000)
SUSTAINED_P99_S = 1.0
DRAIN_S = 10.0


@dataclass
class Phase:
    rate: int
    seconds: float
    committed: dict[str, float] = field(
        default_factory=dict
    )  # cadre id -> client time after commit
    elapsed: float = 0.0

    @property
    def achieved_rate(self) -> float:
        return len(self.committed) / self.elapsed if self.elapsed else 0.0


class Pipeline:
    def __init__(self, settings, run_id: str):
        self.settings = settings
        self.run_id = run_id
        self.unit_id = f"BENCH-{run_id}"
        self.sequence = 0
        self.pool: asyncpg.Pool | None = None

    async def prepare(self) -> None:
        engine = make_engine(self.settings.indicator_database_url, pool_size=1)
        async with SqlIndicatorUnitOfWork(make_session_factory(engine), "indicator", outbox) as uow:
            await register_unit(
                uow, Unit(id=self.unit_id, name="基准测试单位", category="municipal_department")
            )
        await engine.dispose()
        self.pool = await asyncpg.create_pool(
            asyncpg_dsn(self.settings.indicator_database_url), min_size=8, max_size=16
        )

    async def commit_changes(self, count: int, phase: Phase) -> None:
        ids, event_ids, envelopes = [], [], []
        for _ in range(count):
            self.sequence += 1
            cadre_id = f"{self.unit_id}-{self.sequence}"
            event = CadreRegistered(
                cadre_id=cadre_id,
                name="基准",
                unit_id=self.unit_id,
                unit_category="municipal_department",
                position_level="grassroots",
            )
            envelope = Envelope.wrap(event, producer="indicator")
            ids.append(cadre_id)
            event_ids.append(envelope.event_id)
            envelopes.append(envelope.model_dump_json())
        await self.pool.fetchval(
            REGISTER_CADRES, ids, self.unit_id, CadreRegistered.topic, event_ids, envelopes
        )
        done = time.perf_counter()
        for cadre_id in ids:
            phase.committed[cadre_id] = done

    async def run_phase(self, phase: Phase) -> None:
        """Open-loop: changes are started on schedule whether or not earlier ones finished."""
        per_transaction = max(1, phase.rate // 250)
        interval = per_transaction / phase.rate
        started = time.perf_counter()
        pending: set[asyncio.Task] = set()
        tick = 0
        while (now := time.perf_counter()) - started < phase.seconds:
            due = started + tick * interval
            if now < due:
                await asyncio.sleep(due - now)
            task = asyncio.create_task(self.commit_changes(per_transaction, phase))
            pending.add(task)
            task.add_done_callback(pending.discard)
            tick += 1
        await asyncio.gather(*pending)
        phase.elapsed = time.perf_counter() - started

    async def close(self) -> None:
        await self.pool.close()


class EffectClock:
    """Finds when each change's effect committed in the scoring database."""

    def __init__(self, settings):
        self.settings = settings
        self.indicator: asyncpg.Connection | None = None
        self.scoring: asyncpg.Connection | None = None
        self.server_clock = False

    async def open(self) -> None:
        self.indicator = await asyncpg.connect(asyncpg_dsn(self.settings.indicator_database_url))
        self.scoring = await asyncpg.connect(asyncpg_dsn(self.settings.scoring_database_url))
        self.server_clock = (await self.scoring.fetchval("SHOW track_commit_timestamp")) == "on"

    async def watch(self, phase: Phase, done: asyncio.Event) -> dict[str, float]:
        """Polls for effects while the phase runs and until they drained; returns when each was seen."""
        seen: dict[str, float] = {}
        deadline = None
        while True:
            missing = [i for i in phase.committed if i not in seen]
            if done.is_set():
                deadline = deadline or time.perf_counter() + DRAIN_S
                if not missing or time.perf_counter() > deadline:
                    return seen
            if missing:
                rows = await self.scoring.fetch(
                    "SELECT cadre_id FROM cadre_roster WHERE cadre_id = ANY($1)", missing
                )
                now = time.perf_counter()
                for row in rows:
                    seen[row["cadre_id"]] = now
            await asyncio.sleep(0.002)

    async def latencies(self, phase: Phase, seen: dict[str, float]) -> tuple[list[float], int]:
        """Commit-to-commit latencies (s) of the phase's changes, and how many never took effect."""
        ids = list(phase.committed)
        if self.server_clock:
            source = dict(
                await self.indicator.fetch(
                    "SELECT id, extract(epoch FROM pg_xact_commit_timestamp(xmin)) FROM cadres WHERE id = ANY($1)",
                    ids,
                )
            )
            effect = dict(
                await self.scoring.fetch(
                    "SELECT cadre_id, extract(epoch FROM pg_xact_commit_timestamp(xmin)) FROM cadre_roster "
                    "WHERE cadre_id = ANY($1)",
                    ids,
                )
            )
            values = [float(effect[i] - source[i]) for i in ids if i in effect and i in source]
        else:
            values = [seen[i] - phase.committed[i] for i in ids if i in seen]
        return values, len(ids) - len(values)

    async def close(self) -> None:
        await self.indicator.close()
        await self.scoring.close()


async def measure(
    pipeline: Pipeline, clock: EffectClock, rate: int, seconds: float
) -> tuple[Phase, list[float], int]:
    phase = Phase(rate=rate, seconds=seconds)
    done = asyncio.Event()
    watcher = asyncio.create_task(clock.watch(phase, done))
    await pipeline.run_phase(phase)
    done.set()
    seen = await watcher
    values, lost = await clock.latencies(phase, seen)
    return phase, values, lost


async def main(seconds: float, ramp_seconds: float) -> None:
    settings = stack_settings()
    heading("Event pipeline: indicator commit -> outbox -> Kafka -> scoring effect commit")
    line("Kafka", settings.kafka_bootstrap_servers)
    pipeline = Pipeline(settings, uuid.uuid4().hex[:8])
    clock = EffectClock(settings)
    await clock.open()
    await pipeline.prepare()
    line(
        "latency clock",
        "PostgreSQL commit timestamps" if clock.server_clock else "client-side, 2 ms poll",
    )
    try:
        steady, values, lost = await measure(pipeline, clock, 200, seconds)
        p50, p99 = percentile_ms(values, 50), percentile_ms(values, 99)
        print(f"\nsteady load: 200 events/s for {seconds:.0f} s")
        line("events committed", len(steady.committed))
        line("offered rate achieved", f"{steady.achieved_rate:.0f}", "events/s")
        line("p50 latency", p50, "ms")
        line("p90 latency", percentile_ms(values, 90), "ms")
        line("p99 latency", p99, "ms")
        line("max latency", percentile_ms(values, 100), "ms")
        line("effects missing after drain", lost)

        print(
            f"\nrate ramp: {ramp_seconds:.0f} s per step; sustained = offered >= 95%, p99 < "
            f"{SUSTAINED_P99_S * 1000:.0f} ms, every effect within {DRAIN_S:.0f} s"
        )
        best = 0.0
        for rate in RAMP:
            phase, values, lost = await measure(pipeline, clock, rate, ramp_seconds)
            p99_step = percentile_ms(values, 99)
            sustained = (
                phase.achieved_rate >= 0.95 * rate
                and not lost
                and p99_step < SUSTAINED_P99_S * 1000
            )
            line(
                f"{rate:>5}/s offered",
                f"achieved {phase.achieved_rate:7.0f}/s  p50 {percentile_ms(values, 50):8.1f} ms  "
                f"p99 {p99_step:8.1f} ms  lost {lost}  {'sustained' if sustained else 'NOT sustained'}",
            )
            if not sustained:
                break
            best = max(best, phase.achieved_rate)
        line("highest sustained rate", f"{best:.0f}", "events/s")
    finally:
        await clock.close()
        await pipeline.close()
    emit_figures({"p50_ms": p50, "p99_ms": p99, "max_events_per_s": round(best)})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds", type=float, default=60, help="length of the 200 events/s phase"
    )
    parser.add_argument(
        "--ramp-seconds", type=float, default=10, help="length of each step of the rate ramp"
    )
    args = parser.parse_args()
    asyncio.run(main(args.seconds, args.ramp_seconds))
