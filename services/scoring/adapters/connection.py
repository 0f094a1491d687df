"""The asyncpg connection under a SQLAlchemy session, for COPY and array-parameter bulk statements
that run inside the session's transaction."""

from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession


async def driver_connection(session: AsyncSession) -> asyncpg.Connection:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    return raw.driver_connection
