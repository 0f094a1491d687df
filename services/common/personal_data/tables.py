"""The access log's tables, and the PostgreSQL rules that keep them append-only.

Each service that serves personal data keeps its own log in its own database:
- `access_log`: one row per request that read someone else's personal data; `cadre_ids` (GIN
  indexed) names every cadre the row concerns, `reads` says which kind and field per cadre.
- `access_log_head`: one row, the chain's last sequence number and hash. Appending takes its row
  lock, so concurrent requests get consecutive numbers and each links to the one before.
A trigger refuses UPDATE, DELETE and TRUNCATE of the log, whoever asks (the service's own role
included, which owns the table and so could grant itself back any revoked privilege); the head
only moves forward one entry at a time and is never deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from services.common.personal_data.reads import GENESIS


def _log_columns() -> list:
    return [
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("operation", sa.Text, nullable=False),
        sa.Column("purpose", sa.Text),
        sa.Column("reads", JSONB, nullable=False),
        sa.Column("cadre_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("previous_hash", sa.LargeBinary, nullable=False),
        sa.Column("entry_hash", sa.LargeBinary, nullable=False, unique=True),
    ]


def _head_columns() -> list:
    return [
        sa.Column("one", sa.Boolean, primary_key=True, server_default=sa.true()),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.LargeBinary, nullable=False),
        sa.Column("previous_hash", sa.LargeBinary, nullable=False),
        sa.CheckConstraint("one", name="access_log_head_one_row"),
    ]


def define_access_log_tables(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    log = sa.Table(
        "access_log",
        metadata,
        *_log_columns(),
        sa.Index("access_log_by_cadre", "cadre_ids", postgresql_using="gin"),
    )
    return log, sa.Table("access_log_head", metadata, *_head_columns())


# One statement each: asyncpg prepares what it runs, and a prepared statement is one command.
_RULES = (
    """CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the access log is append-only: % of access_log refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()""",
    """CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()""",
    """CREATE FUNCTION access_log_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.seq = OLD.seq + 1 AND NEW.previous_hash = OLD.hash THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'the access log head only moves forward by one entry'
        USING ERRCODE = 'insufficient_privilege';
    END $$""",
    """CREATE TRIGGER access_log_head_forward BEFORE UPDATE OR DELETE ON access_log_head
      FOR EACH ROW EXECUTE FUNCTION access_log_head_forward_only()""",
    """CREATE TRIGGER access_log_head_no_truncate BEFORE TRUNCATE ON access_log_head
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_head_forward_only()""",
)


def create_access_log_tables_v1() -> None:
    """Migration step: the tables, the append-only rules, and the head at the genesis hash."""
    from alembic import op

    fresh = sa.MetaData()
    _, head = define_access_log_tables(fresh)
    fresh.create_all(op.get_bind())
    for statement in _RULES:
        op.execute(statement)
    op.execute(head.insert().values(one=True, seq=0, hash=GENESIS, previous_hash=GENESIS))


def drop_access_log_tables_v1() -> None:
    from alembic import op

    op.execute("DROP TABLE access_log_head, access_log")
    op.execute("DROP FUNCTION access_log_refuse_change()")
    op.execute("DROP FUNCTION access_log_head_forward_only()")
