"""A log in a schema of its own: for auditing a restored copy, for benchmarks and for tests.

Such a log has its own outbox table, so its checkpoints are never published next to the
service's (a second history signed with the same key would look like a split view).
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from services.common.db import database_ssl, define_platform_tables
from services.scoring import ledger
from services.scoring.adapters.tables import metadata
from services.scoring.migrations.evidence_ledger_tables import (
    create_ledger_tables_v1,
    create_period_locks_v2,
)

SCHEMA_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _checked(schema: str) -> str:
    if not SCHEMA_PATTERN.match(schema):
        raise ValueError(f"schema name {schema!r} must be lower-case letters, digits and '_'")
    return schema


def schema_engine(database_url: str, schema: str | None = None, pool_size: int = 2) -> AsyncEngine:
    """An engine whose sessions see `schema` alone (the service's default schema when None).

    Nothing falls through to the service's own tables: a name missing from `schema` is an error.
    """
    settings: dict = {"server_settings": {"search_path": _checked(schema)}} if schema else {}
    return create_async_engine(
        database_url, pool_size=pool_size, connect_args={"ssl": database_ssl(), **settings}
    )


def _create(connection: sa.Connection, service_tables: bool) -> None:
    if service_tables:
        # Every table of the service and of its log, as their metadata declare them now.
        ledger.create_log_tables(connection)
        metadata.create_all(connection, checkfirst=False)
        return
    platform = sa.MetaData()
    define_platform_tables(platform)
    platform.create_all(connection, checkfirst=False)
    create_ledger_tables_v1(connection)
    create_period_locks_v2(connection)


async def create_log_schema(database_url: str, schema: str, service_tables: bool = False) -> None:
    """A log with its outbox; with `service_tables`, all the scoring service's tables around it."""
    engine = schema_engine(database_url, schema)
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text(f"CREATE SCHEMA {_checked(schema)}"))
            await connection.run_sync(_create, service_tables)
    finally:
        await engine.dispose()


async def drop_log_schema(database_url: str, schema: str) -> None:
    engine = create_async_engine(database_url, connect_args={"ssl": database_ssl()})
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {_checked(schema)} CASCADE"))
    finally:
        await engine.dispose()
