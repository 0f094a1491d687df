"""Whether a list's unit is a temporary body (a task force): temporary bodies are assessed in peer
groups of their own.

Revision ID: scoring_0005_temporary_units
Revises: scoring_0004_unchecked_series
"""

from alembic import op

revision = "scoring_0005_temporary_units"
down_revision = "scoring_0004_unchecked_series"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database created by scoring_0002 from the current table definitions has the column already.
    op.execute(
        "ALTER TABLE list_versions ADD COLUMN IF NOT EXISTS unit_temporary boolean NOT NULL DEFAULT false"
    )


def downgrade() -> None:
    op.drop_column("list_versions", "unit_temporary")
