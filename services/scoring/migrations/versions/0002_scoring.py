"""Lists in force, observations with revisions, records of cadres, scores with their breakdowns,
anomalies, monitoring, red and black lists, and the causes already announced.

Revision ID: scoring_0002_scoring
Revises: scoring_0001
"""

from alembic import op

from services.scoring.adapters import tables
from services.scoring.migrations.retired import capability_scores_columns

revision = "scoring_0002_scoring"
down_revision = "scoring_0001"
branch_labels = None
depends_on = None

# Created as adapters/tables.py defines them now: on a new database this creates the current shape,
# so the later migrations of these tables are written to change nothing there (IF EXISTS / IF NOT
# EXISTS); tables later dropped are created from their retired definitions.
TABLES = (
    tables.list_versions,
    tables.lists_in_force,
    tables.series,
    tables.list_items,
    tables.observations,
    tables.public_evaluations,
    tables.daily_records,
    tables.cadre_evaluations,
    tables.cadre_areas,
    tables.assessment_settings,
    tables.scoring_runs,
    tables.unit_scores,
    tables.score_contributions,
    tables.cadre_scores,
    tables.period_lists,
    tables.anomalies,
    tables.monitoring_checks,
    tables.emitted_causes,
    tables.emitted_profiles,
)


def upgrade() -> None:
    tables.metadata.create_all(op.get_bind(), tables=list(TABLES), checkfirst=False)
    op.create_table("capability_scores", *capability_scores_columns())


def downgrade() -> None:
    op.drop_table("capability_scores")
    tables.metadata.drop_all(op.get_bind(), tables=list(TABLES), checkfirst=False)
