"""The access log in PostgreSQL: one statement appends a request's entry and links it to the chain."""

from __future__ import annotations

import json
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.personal_data.chain import StoredEntry
from services.common.personal_data.reads import AccessEntry, Read


class AccessLogStore(Protocol):
    async def append(self, entry: AccessEntry) -> int: ...

    async def about(self, cadre_id: str, limit: int, offset: int) -> list[StoredEntry]: ...


# Moving the head takes its row lock: a concurrent append waits, then sees the moved head, so
# each entry gets the next number and the hash of the one before, all in one round trip.
_APPEND = sa.text(
    """
    WITH head AS (
      UPDATE access_log_head
         SET seq = seq + 1, previous_hash = hash, hash = sha256(hash || :digest)
      RETURNING seq, previous_hash, hash
    )
    INSERT INTO access_log
      (seq, at, subject, role, operation, purpose, reads, cadre_ids, previous_hash, entry_hash)
    SELECT head.seq, :at, :subject, :role, :operation, :purpose, CAST(:reads AS jsonb),
           CAST(:cadre_ids AS text[]), head.previous_hash, head.hash
      FROM head
    RETURNING seq
    """
)
_COLUMNS = "seq, at, subject, role, operation, purpose, reads, previous_hash, entry_hash"
_ABOUT = sa.text(
    f"SELECT {_COLUMNS} FROM access_log WHERE cadre_ids @> CAST(:cadres AS text[])"
    " ORDER BY seq DESC LIMIT :limit OFFSET :offset"
)
_ALL = sa.text(f"SELECT {_COLUMNS} FROM access_log ORDER BY seq")
_HEAD = sa.text("SELECT seq, hash FROM access_log_head")


def stored_entry(row: sa.Row) -> StoredEntry:
    entry = AccessEntry(
        at=row.at,
        subject=row.subject,
        role=row.role,
        operation=row.operation,
        purpose=row.purpose,
        reads=tuple(
            Read(item["kind"], item["field"], tuple(item["cadreIds"])) for item in row.reads
        ),
    )
    return StoredEntry(row.seq, entry, bytes(row.previous_hash), bytes(row.entry_hash))


class PostgresAccessLog:
    def __init__(self, engine: AsyncEngine):
        self._engine = engine

    async def append(self, entry: AccessEntry) -> int:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                _APPEND,
                {
                    "digest": entry.digest(),
                    "at": entry.at,
                    "subject": entry.subject,
                    "role": entry.role,
                    "operation": entry.operation,
                    "purpose": entry.purpose,
                    "reads": json.dumps([read.as_json() for read in entry.reads]),
                    "cadre_ids": entry.cadre_ids,
                },
            )
            return int(result.scalar_one())

    async def about(self, cadre_id: str, limit: int, offset: int) -> list[StoredEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                _ABOUT, {"cadres": [cadre_id], "limit": limit, "offset": offset}
            )
            return [stored_entry(row) for row in rows]

    async def whole(self) -> tuple[list[StoredEntry], int, bytes]:
        """Every entry and the head, read in one snapshot, for checking the chain."""
        async with self._engine.connect() as conn:
            await conn.execution_options(isolation_level="REPEATABLE READ")
            rows = [stored_entry(row) for row in await conn.execute(_ALL)]
            head = (await conn.execute(_HEAD)).one()
            return rows, int(head.seq), bytes(head.hash)
