"""Observations without a foreign-key check on their series: the check fired once per row and cost
a third of the feed's insert time, and every series key stored comes from the list in force the
observation was checked against (series are never deleted).

Revision ID: scoring_0004_unchecked_series
Revises: scoring_0003_capability_profiles
"""

from alembic import op

revision = "scoring_0004_unchecked_series"
down_revision = "scoring_0003_capability_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE observations DROP CONSTRAINT IF EXISTS observations_series_key_fkey")


def downgrade() -> None:
    op.create_foreign_key(
        "observations_series_key_fkey", "observations", "series", ["series_key"], ["series_key"]
    )
