"""Capability profiles as one row per cadre and period (arrays aligned by capability) instead of one
row per capability: a city's profiles are written in a tenth of the rows.

Revision ID: scoring_0003_capability_profiles
Revises: scoring_0002_scoring
"""

from alembic import op

from services.scoring.adapters import tables
from services.scoring.migrations.retired import capability_scores_columns

revision = "scoring_0003_capability_profiles"
down_revision = "scoring_0002_scoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables.capability_profiles.create(op.get_bind())
    op.drop_table("capability_scores")


def downgrade() -> None:
    op.create_table("capability_scores", *capability_scores_columns())
    op.drop_table("capability_profiles")
