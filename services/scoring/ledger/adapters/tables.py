"""Tables of the evidence ledger: the log itself, on a metadata of its own.

The log is three tables: leaves (the exact bytes hashed, and the hash recorded at append time),
the stored perfect subtrees of every fourth level, and the signed checkpoints. A leaf's kind and
record id are columns PostgreSQL derives from the leaf's own header, so an index can never point
at a record the leaf does not hold. The tables live in the database of the service that keeps the
log; its migrations create them with `define_log_tables` and `CREATE_LEAF_LINE_FUNCTION`.
"""

from __future__ import annotations

import sqlalchemy as sa

LEAF_LINE_FUNCTION = "ledger_leaf_line"
# convert_from() is only STABLE because conversions could be redefined; the service's database is
# UTF-8 and the leaf format fixed, so for our leaves the result never changes: IMMUTABLE is true.
CREATE_LEAF_LINE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {LEAF_LINE_FUNCTION}(leaf bytea, line integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT split_part(convert_from(leaf, 'UTF8'), E'\\n', line) $$
"""


def define_log_tables(meta: sa.MetaData) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The leaves, stored subtrees and signed checkpoints, declared on `meta`."""
    leaves = sa.Table(
        "ledger_leaves",
        meta,
        sa.Column("leaf_index", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("leaf_data", sa.LargeBinary, nullable=False),
        sa.Column(
            "leaf_hash",
            sa.LargeBinary,
            sa.CheckConstraint("octet_length(leaf_hash) = 32"),
            nullable=False,
        ),
        sa.Column(
            "kind", sa.Text, sa.Computed(f"{LEAF_LINE_FUNCTION}(leaf_data, 2)", persisted=True)
        ),
        sa.Column(
            "record_id", sa.Text, sa.Computed(f"{LEAF_LINE_FUNCTION}(leaf_data, 3)", persisted=True)
        ),
    )
    sa.Index("ledger_leaves_record", leaves.c.kind, leaves.c.record_id)
    nodes = sa.Table(
        "ledger_nodes",
        meta,
        sa.Column("level", sa.SmallInteger, primary_key=True),
        sa.Column("node_index", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary, nullable=False),
    )
    checkpoints = sa.Table(
        "ledger_checkpoints",
        meta,
        sa.Column(
            "tree_size",
            sa.BigInteger,
            sa.CheckConstraint("tree_size > 0"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("root_hash", sa.LargeBinary, nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    return leaves, nodes, checkpoints


def create_log_tables(connection: sa.Connection) -> None:
    """The log's function and tables as first defined (migrations and scratch schemas)."""
    connection.execute(sa.text(CREATE_LEAF_LINE_FUNCTION))
    scratch = sa.MetaData()
    define_log_tables(scratch)
    scratch.create_all(connection, checkfirst=False)


metadata = sa.MetaData()
ledger_leaves, ledger_nodes, ledger_checkpoints = define_log_tables(metadata)
