"""Locked periods: once locked, observations and scores of the period change only with M-of-N approval.

Revision ID: scoring_ledger_0002
Revises: scoring_ledger_0001
"""

from alembic import op

from services.scoring.migrations.evidence_ledger_tables import create_period_locks_v2

revision = "scoring_ledger_0002"
down_revision = "scoring_ledger_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_period_locks_v2(op.get_bind())


def downgrade() -> None:
    op.drop_table("period_locks")
