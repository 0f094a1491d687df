"""Reads a query's rows into numpy arrays through PostgreSQL's binary COPY format.

When every column is fixed-width and NOT NULL, each row of the format has the same size (a field
count, then a length and the big-endian value per column), so the whole result is one structured
numpy array: no Python object per row.
"""

from __future__ import annotations

import asyncpg
import numpy as np

_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_TRAILER = b"\xff\xff"


def parse_fixed_rows(data: bytes, columns: tuple[tuple[str, str], ...]) -> dict[str, np.ndarray]:
    if not data.startswith(_SIGNATURE):
        raise ValueError("not PostgreSQL binary COPY data")
    extension = int.from_bytes(data[15:19], "big")
    body = memoryview(data)[19 + extension :]
    if bytes(body[-2:]) != _TRAILER:
        raise ValueError("binary COPY data without its trailer")
    body = body[:-2]
    fields: list[tuple[str, str]] = [("field_count", ">i2")]
    for name, dtype in columns:
        fields += [(f"{name}_length", ">i4"), (name, dtype)]
    row = np.dtype(fields)
    if len(body) % row.itemsize:
        raise ValueError(
            "binary COPY rows are not all of the expected width (a NULL or a wrong column type?)"
        )
    rows = np.frombuffer(body, dtype=row)
    expected = {name: np.dtype(dtype).itemsize for name, dtype in columns}
    for name, size in expected.items():
        if len(rows) and not (rows[f"{name}_length"] == size).all():
            raise ValueError(f"column {name} is not a NOT NULL value of {size} bytes in every row")
    return {name: rows[name] for name, _ in columns}


async def read_fixed_rows(
    conn: asyncpg.Connection, query: str, columns: tuple[tuple[str, str], ...]
) -> dict[str, np.ndarray]:
    chunks: list[bytes] = []

    async def collect(chunk: bytes) -> None:
        chunks.append(chunk)

    await conn.copy_from_query(query, output=collect, format="binary")
    return parse_fixed_rows(b"".join(chunks), columns)
