"""A log of its own per test: a fresh schema in the stack's scoring database, dropped afterwards.

Tampering happens in these schemas only, so the service's own log stays intact for every other
test; their outbox is their own, so their checkpoints never reach Kafka. The tests that go through
the scoring service read its settings (runs, rescoring), so every test here holds them still.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from services.common.db import make_session_factory
from services.common.settings import PlatformSettings
from services.scoring import ledger
from services.scoring.adapters.database_schemas import (
    create_log_schema,
    drop_log_schema,
    schema_engine,
)
from services.scoring.adapters.tables import outbox
from services.scoring.ledger.adapters.signing_key import checkpoint_signer
from services.scoring.ledger.domain.signatures import public_key_pem
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork
from tests.support import require_url, unique


@dataclass
class ScratchLog:
    database_url: str
    schema: str
    engine: AsyncEngine
    sessions: async_sessionmaker
    public_key: Path

    def unit_of_work(self) -> SqlScoringUnitOfWork:
        return SqlScoringUnitOfWork(self.sessions, "scoring", outbox)

    async def record(self, kind: str, record_id: str, content: dict) -> ledger.LeafRef:
        async with self.unit_of_work() as uow:
            return await ledger.record(uow, kind, record_id, content)

    async def tamper(self, sql: str) -> None:
        """Changes the stored log behind the service's back, as a database user could."""
        async with self.engine.begin() as connection:
            await connection.exec_driver_sql(sql)

    def verifier(self, *args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "services.scoring.verify_ledger", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def audit(self, *extra: str) -> subprocess.CompletedProcess:
        return self.verifier(
            "audit",
            "--public-key",
            str(self.public_key),
            "--database-url",
            self.database_url,
            "--schema",
            self.schema,
            *extra,
        )


@pytest.fixture(autouse=True)
def _settings_held_still(assessment_settings_read: None) -> None:
    """See `assessment_settings_read` in tests/conftest.py."""


@pytest.fixture
async def scratch_logs(
    settings: PlatformSettings, tmp_path: Path
) -> AsyncIterator[Callable[..., Awaitable[ScratchLog]]]:
    """Makes as many separate logs as a test needs; all are dropped afterwards."""
    url = settings.scoring_database_url
    require_url("PostgreSQL (scoring database)", url.replace("+asyncpg", ""))
    key = tmp_path / "checkpoint-key.pem"
    key.write_text(public_key_pem(checkpoint_signer().public_key))
    made: list[ScratchLog] = []

    async def new(service_tables: bool = False) -> ScratchLog:
        schema = unique("ledger_test").replace("-", "_")
        await create_log_schema(url, schema, service_tables)
        engine = schema_engine(url, schema)
        made.append(ScratchLog(url, schema, engine, make_session_factory(engine), key))
        return made[-1]

    try:
        yield new
    finally:
        for log in made:
            await log.engine.dispose()
            await drop_log_schema(url, log.schema)


@pytest.fixture
async def scratch_log(scratch_logs: Callable[..., Awaitable[ScratchLog]]) -> ScratchLog:
    return await scratch_logs()
