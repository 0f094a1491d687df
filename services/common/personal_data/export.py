"""A service's part of a cadre's data export: every row it holds about the cadre, as JSON.

A service lists its tables once (`PersonalDataTable`s); each contributes its rows where the
named column is the cadre. The access log contributes the reads of this cadre only, never the
other cadres the same request read.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.personal_data.store import PostgresAccessLog

ACCESS_LOG_PAGE = 10_000  # the export is a download, not a page; this bounds one document


@dataclass(frozen=True)
class PersonalDataTable:
    section: str  # the name the rows have in the document
    table: str
    cadre_column: str = "cadre_id"


def json_value(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


async def rows_about(
    engine: AsyncEngine, metadata: sa.MetaData, tables: tuple[PersonalDataTable, ...], cadre_id: str
) -> dict[str, list[dict]]:
    document: dict[str, list[dict]] = {}
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="REPEATABLE READ")
        for source in tables:
            table = metadata.tables[source.table]
            query = sa.select(table).where(table.c[source.cadre_column] == cadre_id)
            rows = (await conn.execute(query.order_by(*table.primary_key.columns))).mappings()
            document[source.section] = [
                {key: json_value(value) for key, value in row.items()} for row in rows
            ]
    return document


async def reads_about(engine: AsyncEngine, cadre_id: str) -> list[dict]:
    entries = await PostgresAccessLog(engine).about(cadre_id, ACCESS_LOG_PAGE, 0)
    return [
        {
            "seq": stored.seq,
            "at": stored.entry.at.isoformat(),
            "subject": stored.entry.subject,
            "role": stored.entry.role,
            "operation": stored.entry.operation,
            "purpose": stored.entry.purpose,
            "reads": [{"kind": r.kind, "field": r.field} for r in stored.entry.for_cadre(cadre_id)],
            "entryHash": stored.entry_hash.hex(),
        }
        for stored in entries
    ]
