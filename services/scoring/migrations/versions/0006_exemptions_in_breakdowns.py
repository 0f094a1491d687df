"""Breakdown rows name the approved fault-tolerance exemption that removed their deduction.

Revision ID: scoring_0006_exemptions
Revises: scoring_0005_temporary_units
"""

from alembic import op

revision = "scoring_0006_exemptions"
down_revision = "scoring_0005_temporary_units"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database created by scoring_0002 from the current table definitions has the column already.
    op.execute("ALTER TABLE score_contributions ADD COLUMN IF NOT EXISTS exemption_id text")


def downgrade() -> None:
    op.drop_column("score_contributions", "exemption_id")
