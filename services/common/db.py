"""Database plumbing: engines, sessions and the two tables every service has."""

from __future__ import annotations

import ssl

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from services.common.settings import PlatformSettings, get_settings

OUTBOX_CHANNEL = "outbox"

# What asyncpg's `ssl` argument takes: a mode it handles itself, or a context that verifies.
SslOption = ssl.SSLContext | str | bool


def database_ssl(settings: PlatformSettings | None = None) -> SslOption:
    """The one place every PostgreSQL connection of the platform gets its transport from
    (engines, the outbox relay's LISTEN connection, migrations); the process's settings by default.

    `verify-ca` and `verify-full` build the context here rather than leaving them to asyncpg,
    which would read the root certificate from PGSSLROOTCERT or ~/.postgresql, not the settings.
    """
    settings = settings or get_settings()
    mode = settings.database_sslmode_in_effect
    if mode == "disable":
        return False
    if mode in ("allow", "prefer", "require"):
        return mode
    context = ssl.create_default_context(cafile=settings.database_sslrootcert)
    # verify-ca trusts any certificate of that CA; verify-full also needs it to name the host.
    context.check_hostname = mode == "verify-full"
    return context


def make_engine(
    url: str, pool_size: int = 10, settings: PlatformSettings | None = None
) -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args={"ssl": database_ssl(settings)},
    )


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def asyncpg_dsn(url: str) -> str:
    """The same URL in the form asyncpg accepts (for LISTEN and COPY on a raw connection)."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def driver_connection(source: AsyncSession | AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under a session's (or connection's) transaction, for COPY and
    array-parameter bulk statements that must commit with the rest of the transaction."""
    connection = await source.connection() if isinstance(source, AsyncSession) else source
    raw = await connection.get_raw_connection()
    return raw.driver_connection


def _outbox_columns() -> list:
    return [
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("envelope", JSONB, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("published_at", sa.DateTime(timezone=True)),
    ]


def _processed_events_columns() -> list:
    return [
        sa.Column("consumer_group", sa.Text, primary_key=True),
        sa.Column("event_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column(
            "processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    ]


_UNPUBLISHED = sa.text("published_at IS NULL")


def define_platform_tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    """Adds `outbox` and `processed_events` to a service's metadata and returns them."""
    outbox = sa.Table("outbox", metadata, *_outbox_columns())
    sa.Index("outbox_unpublished", outbox.c.id, postgresql_where=_UNPUBLISHED)
    processed = sa.Table("processed_events", metadata, *_processed_events_columns())
    return outbox, processed


def create_platform_tables_v1() -> None:
    """First migration step of every service: the outbox and the processed-events record."""
    from alembic import op

    op.create_table("outbox", *_outbox_columns())
    op.create_index("outbox_unpublished", "outbox", ["id"], postgresql_where=_UNPUBLISHED)
    op.create_table("processed_events", *_processed_events_columns())
