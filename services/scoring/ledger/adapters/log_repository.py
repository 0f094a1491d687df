"""Reads and appends of the log. Appends go through COPY; a proof is one round trip."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Sequence

import asyncpg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.common.db import driver_connection
from services.scoring.ledger.adapters.tables import ledger_checkpoints, ledger_leaves, ledger_nodes
from services.scoring.ledger.domain.checkpoint import Checkpoint, SignedCheckpoint
from services.scoring.ledger.domain.tree import Node

# Appends are serialised: one transaction at a time extends the tree. Any constant works as long
# as nothing else in the database takes the same advisory lock.
APPEND_LOCK = 7_441_907


async def lock_for_append(session: AsyncSession) -> None:
    """Held until the transaction ends, so the tree and its checkpoint advance together."""
    await session.execute(sa.select(sa.func.pg_advisory_xact_lock(APPEND_LOCK)))


async def leaf_count(session: AsyncSession) -> int:
    top = (await session.execute(sa.select(sa.func.max(ledger_leaves.c.leaf_index)))).scalar_one()
    return 0 if top is None else top + 1


def _checkpoint(row: sa.Row | asyncpg.Record) -> SignedCheckpoint:
    values = row._mapping if isinstance(row, sa.Row) else row
    return SignedCheckpoint(
        Checkpoint(
            tree_size=values["tree_size"],
            root_hash=bytes(values["root_hash"]),
            signed_at=values["signed_at"],
        ),
        key_id=values["key_id"],
        signature=bytes(values["signature"]),
    )


_LATEST = f"SELECT * FROM {ledger_checkpoints.name} ORDER BY tree_size DESC LIMIT 1"


async def latest_checkpoint(session: AsyncSession) -> SignedCheckpoint | None:
    # Every proof and append starts here: straight on the driver, without the ORM's per-query cost.
    row = await (await driver_connection(session)).fetchrow(_LATEST)
    return _checkpoint(row) if row else None


async def checkpoint_at(session: AsyncSession, tree_size: int) -> SignedCheckpoint | None:
    query = sa.select(ledger_checkpoints).where(ledger_checkpoints.c.tree_size == tree_size)
    row = (await session.execute(query)).first()
    return _checkpoint(row) if row else None


async def checkpoints(
    session: AsyncSession, after_size: int = 0, limit: int = 100
) -> list[SignedCheckpoint]:
    query = (
        sa.select(ledger_checkpoints)
        .where(ledger_checkpoints.c.tree_size > after_size)
        .order_by(ledger_checkpoints.c.tree_size)
        .limit(limit)
    )
    return [_checkpoint(row) for row in await session.execute(query)]


async def add_checkpoint(session: AsyncSession, signed: SignedCheckpoint) -> None:
    await session.execute(
        ledger_checkpoints.insert().values(
            tree_size=signed.tree_size,
            root_hash=signed.root_hash,
            signed_at=signed.checkpoint.signed_at,
            key_id=signed.key_id,
            signature=signed.signature,
        )
    )


_LEAF_ITSELF = -1
# One round trip per proof: the leaf's own bytes (marked level -1), the stored leaf hashes and the
# stored subtrees the proof is rebuilt from.
_PROOF_MATERIAL = f"""
SELECT {_LEAF_ITSELF}::smallint AS level, leaf_index AS node_index, leaf_data AS hash
FROM {ledger_leaves.name} WHERE leaf_index = $1
UNION ALL
SELECT 0::smallint, leaf_index, leaf_hash FROM {ledger_leaves.name} WHERE leaf_index = ANY($2::bigint[])
UNION ALL
SELECT level, node_index, hash
FROM {ledger_nodes.name} JOIN unnest($3::smallint[], $4::bigint[]) AS wanted(level, node_index)
USING (level, node_index)
"""


async def proof_material(
    session: AsyncSession, nodes: Iterable[Node], leaf_index: int = -1
) -> tuple[bytes | None, dict[Node, bytes]]:
    """The bytes of one leaf (when asked for) and the hashes of stored subtrees, in one round trip."""
    wanted = set(nodes)
    upper = [node for node in wanted if node[0] > 0]
    rows = await (await driver_connection(session)).fetch(
        _PROOF_MATERIAL,
        leaf_index,
        [index for level, index in wanted if level == 0],
        [level for level, _ in upper],
        [index for _, index in upper],
    )
    data = next((bytes(row[2]) for row in rows if row[0] == _LEAF_ITSELF), None)
    return data, {(row[0], row[1]): bytes(row[2]) for row in rows if row[0] != _LEAF_ITSELF}


async def stored_hashes(session: AsyncSession, nodes: Iterable[Node]) -> dict[Node, bytes]:
    """Hashes of stored subtrees: level 0 from the leaves, the others from the node table."""
    return (await proof_material(session, nodes))[1]


async def _copy(
    session: AsyncSession, table: str, columns: list[str], records: Iterable[tuple]
) -> None:
    await (await driver_connection(session)).copy_records_to_table(
        table, records=records, columns=columns
    )


async def append_leaves(
    session: AsyncSession, first_index: int, datas: Sequence[bytes], hashes: Sequence[bytes]
) -> None:
    await _copy(
        session,
        ledger_leaves.name,
        ["leaf_index", "leaf_data", "leaf_hash"],
        zip(range(first_index, first_index + len(datas)), datas, hashes),
    )


async def append_nodes(session: AsyncSession, rows: Sequence[tuple[int, int, bytes]]) -> None:
    if rows:
        await _copy(session, ledger_nodes.name, ["level", "node_index", "hash"], rows)


async def leaf(session: AsyncSession, index: int) -> tuple[bytes, bytes] | None:
    """(data, recorded hash) of one leaf."""
    query = sa.select(ledger_leaves.c.leaf_data, ledger_leaves.c.leaf_hash).where(
        ledger_leaves.c.leaf_index == index
    )
    row = (await session.execute(query)).first()
    return (bytes(row.leaf_data), bytes(row.leaf_hash)) if row else None


async def leaves_of(
    session: AsyncSession, kind: str, record_id: str, limit: int = 200
) -> list[tuple[int, bytes]]:
    """(index, data) of every leaf about one record, oldest first."""
    query = (
        sa.select(ledger_leaves.c.leaf_index, ledger_leaves.c.leaf_data)
        .where(ledger_leaves.c.kind == kind, ledger_leaves.c.record_id == record_id)
        .order_by(ledger_leaves.c.leaf_index)
        .limit(limit)
    )
    return [(row.leaf_index, bytes(row.leaf_data)) for row in await session.execute(query)]


async def leaves_in(session: AsyncSession, first: int, limit: int) -> list[tuple[int, bytes]]:
    query = (
        sa.select(ledger_leaves.c.leaf_index, ledger_leaves.c.leaf_data)
        .where(ledger_leaves.c.leaf_index >= first)
        .order_by(ledger_leaves.c.leaf_index)
        .limit(limit)
    )
    return [(row.leaf_index, bytes(row.leaf_data)) for row in await session.execute(query)]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A million rows arrive as a million tracked objects that all live on: the cyclic collector
    would walk them again and again for nothing (it triples the read time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def read_whole_log(
    connection: AsyncConnection,
) -> tuple[list, list, list, list[SignedCheckpoint], dict]:
    """Everything an audit reads: leaves (index, data, recorded hash) in order, checkpoints, stored nodes.

    Straight on the driver: a million rows through the ORM layer would cost more than the audit.
    """
    raw = await driver_connection(connection)
    with _collector_paused():
        rows = await raw.fetch(
            f"SELECT leaf_index, leaf_data, leaf_hash FROM {ledger_leaves.name} ORDER BY leaf_index"
        )
        indices = [row[0] for row in rows]
        datas = [row[1] for row in rows]
        hashes = [row[2] for row in rows]
        del rows
    signed = [
        _checkpoint(row)
        for row in await connection.execute(
            sa.select(ledger_checkpoints).order_by(ledger_checkpoints.c.tree_size)
        )
    ]
    nodes = {
        (row.level, row.node_index): bytes(row.hash)
        for row in await connection.execute(sa.select(ledger_nodes))
    }
    return indices, datas, hashes, signed, nodes
