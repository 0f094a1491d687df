"""Whether a list's unit is a temporary body (a task force): temporary bodies are assessed in peer
groups of their own.

Revision ID: scoring_0005_temporary_units
Revises: scoring_0004_unchecked_series
"""

import sqlalchemy as sa
from alembic import op

revision = "scoring_0005_temporary_units"
down_revision = "scoring_0004_unchecked_series"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("list_versions", sa.Column("unit_temporary", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("list_versions", "unit_temporary")
