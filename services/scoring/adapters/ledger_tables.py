"""Tables of the evidence ledger, its approvals, exemptions and appeals (on the scoring metadata).

The log is three tables: leaves (the exact bytes hashed, and the hash recorded at append time),
the stored perfect subtrees of every fourth level, and the signed checkpoints. A leaf's kind and
record id are columns PostgreSQL derives from the leaf's own header, so an index can never point
at a record the leaf does not hold.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from services.scoring.adapters.tables import metadata

LEAF_LINE_FUNCTION = "ledger_leaf_line"
# convert_from() is only STABLE because conversions could be redefined; the service's database is
# UTF-8 and the leaf format fixed, so for our leaves the result never changes: IMMUTABLE is true.
CREATE_LEAF_LINE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {LEAF_LINE_FUNCTION}(leaf bytea, line integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT split_part(convert_from(leaf, 'UTF8'), E'\\n', line) $$
"""

OPEN_EXEMPTION = "status IN ('submitted', 'approved')"
OPEN_APPEAL = "status IN ('submitted', 'under_review')"


def _stamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _step(prefix: str, nullable: bool = True) -> list[sa.Column]:
    """Who took a step of a case, in which role, and when."""
    return [
        sa.Column(f"{prefix}_by", sa.Text, nullable=nullable),
        sa.Column(f"{prefix}_role", sa.Text, nullable=nullable),
        _stamp(f"{prefix}_at", nullable=nullable),
    ]


def _subject() -> list[sa.Column]:
    return [
        sa.Column(
            "subject_kind",
            sa.Text,
            sa.CheckConstraint("subject_kind IN ('unit', 'cadre')"),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("cadre_id", sa.Text),
        sa.Column("period", sa.Text, nullable=False),
    ]


def define_ledger_tables(meta: sa.MetaData) -> dict[str, sa.Table]:
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
        _stamp("signed_at"),
        sa.Column("key_id", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    approval_keys = sa.Table(
        "approval_keys",
        meta,
        sa.Column("key_id", sa.Text, primary_key=True),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("public_key", sa.Text, nullable=False, unique=True),
        sa.Column("registered_by", sa.Text, nullable=False),
        _stamp("registered_at"),
        sa.Column("revoked_by", sa.Text),
        _stamp("revoked_at", nullable=True),
    )
    approval_policies = sa.Table(
        "approval_policies",
        meta,
        sa.Column("change_kind", sa.Text, primary_key=True),
        sa.Column("required", sa.SmallInteger, sa.CheckConstraint("required >= 1"), nullable=False),
        sa.Column("roles", ARRAY(sa.Text), nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        _stamp("updated_at"),
    )
    authorisations = sa.Table(
        "locked_change_authorisations",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("change_kind", sa.Text, nullable=False),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("signatures", JSONB, nullable=False),
        *_step("authorised", nullable=False),
        sa.Column("leaf_index", sa.BigInteger, nullable=False),
        _stamp("applied_at", nullable=True),
        sa.Column("applied_leaf_index", sa.BigInteger),
    )
    sa.Index("locked_change_record", authorisations.c.change_kind, authorisations.c.record_id)
    categories = sa.Table(
        "exemption_categories",
        meta,
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("conditions", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.SmallInteger, nullable=False, server_default="0"),
        sa.Column("updated_by", sa.Text, nullable=False),
        _stamp("updated_at"),
    )
    exemptions = sa.Table(
        "exemptions",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        *_subject(),
        sa.Column("category_code", sa.Text, sa.ForeignKey(categories.c.code), nullable=False),
        sa.Column("indicator_code", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("evidence", JSONB, nullable=False),
        sa.Column(
            "status",
            sa.Text,
            sa.CheckConstraint("status IN ('submitted', 'approved', 'rejected')"),
            nullable=False,
        ),
        *_step("applied", nullable=False),
        *_step("decided"),
        sa.Column("decision_reason", sa.Text),
    )
    sa.Index("exemptions_period", exemptions.c.period, exemptions.c.status)
    sa.Index(
        "exemptions_one_open",
        exemptions.c.subject_kind,
        exemptions.c.subject_id,
        exemptions.c.period,
        exemptions.c.indicator_code,
        unique=True,
        postgresql_where=sa.text(OPEN_EXEMPTION),
    )
    appeals = sa.Table(
        "appeals",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        *_subject(),
        sa.Column("indicator_code", sa.Text),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column(
            "status",
            sa.Text,
            sa.CheckConstraint("status IN ('submitted', 'under_review', 'upheld', 'rejected')"),
            nullable=False,
        ),
        *_step("submitted", nullable=False),
        *_step("review"),
        *_step("decided"),
        sa.Column("decision_reason", sa.Text),
    )
    sa.Index("appeals_period", appeals.c.period, appeals.c.status)
    sa.Index(
        "appeals_one_open",
        appeals.c.subject_kind,
        appeals.c.subject_id,
        appeals.c.period,
        sa.func.coalesce(appeals.c.indicator_code, ""),
        unique=True,
        postgresql_where=sa.text(OPEN_APPEAL),
    )
    rescoring = sa.Table(
        "rescoring_requests",
        meta,
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        *_subject(),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("cause_id", sa.Text, nullable=False),
        _stamp("requested_at"),
        _stamp("completed_at", nullable=True),
        sa.Column("completed_by_run", sa.Text),
    )
    sa.Index(
        "rescoring_pending", rescoring.c.period, postgresql_where=sa.text("completed_at IS NULL")
    )
    return {
        table.name: table
        for table in (
            leaves,
            nodes,
            checkpoints,
            approval_keys,
            approval_policies,
            authorisations,
            categories,
            exemptions,
            appeals,
            rescoring,
        )
    }


def define_period_locks(meta: sa.MetaData) -> sa.Table:
    """Locked periods: from the lock on, a change to their observations or scores needs M-of-N approval."""
    return sa.Table(
        "period_locks",
        meta,
        sa.Column("period", sa.Text, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        *_step("locked", nullable=False),
        sa.Column("leaf_index", sa.BigInteger, nullable=False),
    )


def create_ledger_tables_v1(connection: sa.Connection) -> None:
    """Migration step creating the ledger's tables as first defined (also used for scratch schemas)."""
    connection.execute(sa.text(CREATE_LEAF_LINE_FUNCTION))
    scratch = sa.MetaData()
    define_ledger_tables(scratch)
    scratch.create_all(connection, checkfirst=False)


def create_period_locks_v2(connection: sa.Connection) -> None:
    define_period_locks(sa.MetaData()).create(connection, checkfirst=False)


_tables = define_ledger_tables(metadata)
ledger_leaves = _tables["ledger_leaves"]
ledger_nodes = _tables["ledger_nodes"]
ledger_checkpoints = _tables["ledger_checkpoints"]
approval_keys = _tables["approval_keys"]
approval_policies = _tables["approval_policies"]
locked_change_authorisations = _tables["locked_change_authorisations"]
exemption_categories = _tables["exemption_categories"]
exemptions = _tables["exemptions"]
appeals = _tables["appeals"]
rescoring_requests = _tables["rescoring_requests"]
period_locks = define_period_locks(metadata)
