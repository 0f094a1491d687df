"""Alembic migrations per service, run at start-up (`upgrade heads`) or by `python -m services.<name>.migrate`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa
from alembic import command, context
from alembic.config import Config
from sqlalchemy.ext.asyncio import create_async_engine

from services.common.db import database_ssl
from services.common.settings import PlatformSettings

SERVICES_DIR = Path(__file__).resolve().parent.parent
# Any constant works; it only has to be the same for every replica of every service.
_MIGRATION_LOCK = 7_441_220


def alembic_config(
    service: str, database_url: str, settings: PlatformSettings | None = None
) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    config.attributes["database_url"] = database_url
    # Migrations connect as the service does, certificate checks included.
    config.attributes["database_ssl"] = database_ssl(settings)
    return config


def upgrade(service: str, database_url: str, settings: PlatformSettings | None = None) -> None:
    """Blocking: call it from a thread when an event loop is running."""
    command.upgrade(alembic_config(service, database_url, settings), "heads")


def run_env(target_metadata: sa.MetaData) -> None:
    """The body of every service's `migrations/env.py`."""
    url = context.config.attributes["database_url"]
    attributes = context.config.attributes
    ssl_option = attributes["database_ssl"] if "database_ssl" in attributes else database_ssl()

    def migrate(connection: sa.Connection) -> None:
        # Replicas starting together must not run the same migration twice.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        context.configure(
            connection=connection, target_metadata=target_metadata, transaction_per_migration=False
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, connect_args={"ssl": ssl_option})
        try:
            async with engine.begin() as connection:
                await connection.run_sync(migrate)
        finally:
            await engine.dispose()

    asyncio.run(run())
