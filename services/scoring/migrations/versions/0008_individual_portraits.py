"""The individual capability portrait: the competency model, individual evidence (portfolio shares
and indicators, capability tags and corrections of daily records, 360 ballots and answers, training
and term results), the portrait's figures and breakdown, and the weaknesses that stand.

Revision ID: scoring_0008_portraits
Revises: scoring_0007_missing_data
"""

from alembic import op

from services.scoring.adapters import tables

revision = "scoring_0008_portraits"
down_revision = "scoring_0007_missing_data"
branch_labels = None
depends_on = None

NEW_TABLES = (
    tables.portfolio_indicators,
    tables.competence_ballots,
    tables.competence_answers,
    tables.training_results,
    tables.term_results,
    tables.competency_models,
    tables.portrait_evidence,
    tables.open_weaknesses,
)
# A database created by scoring_0002/0003 from the current table definitions has these already.
NEW_COLUMNS = (
    "ALTER TABLE daily_records ADD COLUMN IF NOT EXISTS capabilities text[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE daily_records ADD COLUMN IF NOT EXISTS leaf_index bigint",
    "ALTER TABLE daily_records ADD COLUMN IF NOT EXISTS corrected_by text",
    "ALTER TABLE daily_records ADD COLUMN IF NOT EXISTS corrected_at timestamptz",
    "ALTER TABLE cadre_areas ADD COLUMN IF NOT EXISTS share double precision NOT NULL DEFAULT 1",
    "ALTER TABLE cadre_areas ADD COLUMN IF NOT EXISTS leaf_index bigint",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS targets double precision[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS gaps double precision[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS confidence double precision[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS evidence_counts integer[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS source_scores jsonb NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS withheld text[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS efficiency_index double precision",
    "ALTER TABLE capability_profiles ADD COLUMN IF NOT EXISTS model_version integer",
)


def upgrade() -> None:
    for statement in NEW_COLUMNS:
        op.execute(statement)
    op.execute(
        "DO $$ BEGIN ALTER TABLE cadre_areas ADD CONSTRAINT cadre_areas_share "
        "CHECK (share > 0 AND share <= 1); EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    tables.metadata.create_all(op.get_bind(), tables=list(NEW_TABLES), checkfirst=True)


def downgrade() -> None:
    tables.metadata.drop_all(op.get_bind(), tables=list(NEW_TABLES), checkfirst=True)
    for table, column in (
        ("daily_records", "capabilities"),
        ("daily_records", "leaf_index"),
        ("daily_records", "corrected_by"),
        ("daily_records", "corrected_at"),
        ("cadre_areas", "share"),
        ("cadre_areas", "leaf_index"),
    ):
        op.drop_column(table, column)
    for column in (
        "targets",
        "gaps",
        "confidence",
        "evidence_counts",
        "source_scores",
        "withheld",
        "efficiency_index",
        "model_version",
    ):
        op.drop_column("capability_profiles", column)
