"""Evidence ledger: bulk appends, inclusion proofs, and a whole-log audit from scratch.

Runs against the stack's scoring database (SCORING_DATABASE_URL from `scripts/stack.py env`), in a
schema of its own that is dropped afterwards, so the service's log is never touched.

    python bench/ledger.py [--leaves 1000000] [--proofs 1000]

Figures: appends_per_s (records appended, with their subtrees and one signed checkpoint, committed),
proof_ms (median time to generate an inclusion proof from PostgreSQL and verify it), audit_1m_s
(reading the whole log and verifying every leaf, the tree and the checkpoints, as the verifier does).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

from common import emit_figures, heading, line, percentile_ms, stack_settings

from services.common.db import make_session_factory
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters.database_schemas import (
    create_log_schema,
    drop_log_schema,
    schema_engine,
)
from services.scoring.adapters.tables import outbox
from services.scoring.ledger.adapters.log_repository import read_whole_log
from services.scoring.ledger.adapters.signing_key import checkpoint_signer
from services.scoring.ledger.domain.audit import StoredLog, audit
from services.scoring.ledger.domain.hashing import leaf_hash
from services.scoring.ledger.domain.signatures import public_key_pem
from services.scoring.ledger.domain.tree import verify_consistency, verify_inclusion
from services.scoring.service_layer import log_entries

UNITS = 500
LATER = 1000  # a second, later append: two checkpoints to prove consistent
INDICATORS = (
    "IND-HOTLINE-12345",
    "IND-PROJECT-APPROVAL-DAYS",
    "IND-WATER-QUALITY",
    "IND-NEW-EMPLOYMENT",
    "IND-PRESCHOOL-FUNDS-EXECUTION",
    "IND-FOREST-COVERAGE",
    "IND-INCOME-GROWTH",
    "IND-SATISFACTION",
)


def observation_revisions(count: int, first: int = 0) -> Iterator[ledger.Entry]:
    """Revisions as the scoring service records them: one per observed value and month."""
    for i in range(first, first + count):
        unit = f"U-{i % UNITS:04d}"
        indicator = INDICATORS[i % len(INDICATORS)]
        month = 1 + (i // (UNITS * len(INDICATORS))) % 12
        yield ledger.Entry(
            log_entries.OBSERVATION_REVISION,
            f"OBS-{i:08d}",
            {
                "unit_id": unit,
                "indicator_code": indicator,
                "period": f"2025-{month:02d}",
                "value": round(50 + (i % 5000) / 100, 2),
                "unit_of_measure": "%",
                "revision": 1 + i % 3,
                "source_system": "12345-hotline",
            },
        )


async def append(sessions, leaves: int, first: int = 0) -> float:
    started = time.perf_counter()
    async with UnitOfWork(sessions, "scoring", outbox) as uow:
        appended = await ledger.record_many(uow, observation_revisions(leaves, first))
    seconds = time.perf_counter() - started
    assert appended.checkpoint.tree_size == first + leaves
    return seconds


async def proofs(sessions, leaves: int, count: int) -> tuple[list[float], list[float]]:
    rng = random.Random(7)
    inclusion, consistency = [], []
    async with sessions() as session:
        for _ in range(20):
            await ledger.inclusion_proof(session, rng.randrange(leaves))
        for _ in range(count):
            index = rng.randrange(leaves)
            started = time.perf_counter()
            proof = await ledger.inclusion_proof(session, index, leaves)
            signed = proof.checkpoint
            assert verify_inclusion(
                leaf_hash(proof.leaf_data), index, signed.tree_size, proof.path, signed.root_hash
            )
            inclusion.append(time.perf_counter() - started)
        for _ in range(min(count, 100)):
            started = time.perf_counter()
            found = await ledger.consistency_proof(session, leaves)
            assert found.new.tree_size == leaves + LATER
            assert verify_consistency(
                found.old.tree_size,
                found.new.tree_size,
                found.old.root_hash,
                found.new.root_hash,
                found.path,
            )
            consistency.append(time.perf_counter() - started)
    return inclusion, consistency


async def audit_from_scratch(engine) -> tuple[float, float, int]:
    signer = checkpoint_signer()
    started = time.perf_counter()
    async with engine.connect() as connection:
        indices, datas, hashes, checkpoints, nodes = await read_whole_log(connection)
    read = time.perf_counter() - started
    report = audit(
        StoredLog(indices, datas, hashes, checkpoints, nodes),
        {signer.key_id: signer.public_key},
        every_checkpoint=True,
    )
    total = time.perf_counter() - started
    assert report.intact, report.findings[:3]
    return total, read, report.leaves


def audit_by_command(url: str, schema: str) -> float:
    """The same audit as an operator runs it: a fresh process, the public key only."""
    key = f"/tmp/{schema}.pem"
    with open(key, "w") as file:
        file.write(public_key_pem(checkpoint_signer().public_key))
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "services.scoring.verify_ledger",
            "audit",
            "--public-key",
            key,
            "--database-url",
            url,
            "--schema",
            schema,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return time.perf_counter() - started


async def main(leaves: int, proof_count: int) -> None:
    settings = stack_settings()
    url = settings.scoring_database_url
    schema = f"bench_ledger_{uuid.uuid4().hex[:8]}"
    heading(f"Evidence ledger: {leaves:,} leaves in schema {schema}")
    await create_log_schema(url, schema)
    engine = schema_engine(url, schema)
    try:
        sessions = make_session_factory(engine)
        append_s = await append(sessions, leaves)
        line("append (COPY, subtrees, 1 signed checkpoint)", f"{append_s:.2f}", "s")
        line("appends", f"{leaves / append_s:,.0f}", "leaves/s")
        later_s = await append(sessions, LATER, first=leaves)
        line(f"a later append of {LATER:,} leaves", f"{later_s * 1000:.0f}", "ms")
        inclusion, consistency = await proofs(sessions, leaves, proof_count)
        line(
            f"inclusion proof + verify, {proof_count} random leaves",
            f"p50 {percentile_ms(inclusion, 50)} / p95 {percentile_ms(inclusion, 95)} / "
            f"max {percentile_ms(inclusion, 100)}",
            "ms",
        )
        line(
            f"consistency proof + verify ({leaves:,} -> {leaves + LATER:,})",
            f"p50 {percentile_ms(consistency, 50)}",
            "ms",
        )
        audit_s, read_s, audited = await audit_from_scratch(engine)
        line(f"audit of {audited:,} leaves (read {read_s:.2f} s + verify)", f"{audit_s:.2f}", "s")
        command_s = audit_by_command(url, schema)
        line("same audit by `verify_ledger audit` (new process)", f"{command_s:.2f}", "s")
    finally:
        await engine.dispose()
        await drop_log_schema(url, schema)
    emit_figures(
        {
            "appends_per_s": round(leaves / append_s),
            "proof_ms": percentile_ms(inclusion, 50),
            "audit_1m_s": round(audit_s * 1_000_000 / audited, 2),
        }
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--proofs", type=int, default=1000)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.leaves, arguments.proofs))
