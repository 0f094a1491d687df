"""Missing data on every unit result (completeness, the items nobody reported, the unreported red
lines and vetoes, blocked) and the waivers that let an assessor finalise such a result.

Results stored before this revision get their figures from their own breakdown rows, where an item
with no observation used is exactly an unreported one.

Revision ID: scoring_0007_missing_data
Revises: scoring_0006_exemptions
"""

from alembic import op

from services.scoring.adapters import tables

revision = "scoring_0007_missing_data"
down_revision = "scoring_0006_exemptions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A database created by scoring_0002 from the current table definitions has the columns already.
    op.execute(
        """
        ALTER TABLE unit_scores
            ADD COLUMN IF NOT EXISTS completeness double precision,
            ADD COLUMN IF NOT EXISTS missing_items text[],
            ADD COLUMN IF NOT EXISTS missing_mandatory text[],
            ADD COLUMN IF NOT EXISTS blocked boolean
        """
    )
    op.execute(
        """
        UPDATE unit_scores u SET
            completeness = b.completeness,
            missing_items = b.missing_items,
            missing_mandatory = b.missing_mandatory,
            blocked = false
        FROM (
            SELECT period, unit_id,
                   round((count(*) FILTER (WHERE observations_used > 0))::numeric / count(*), 4)::float
                       AS completeness,
                   coalesce(array_agg(indicator_code ORDER BY indicator_code)
                       FILTER (WHERE observations_used = 0), '{}') AS missing_items,
                   coalesce(array_agg(indicator_code ORDER BY indicator_code)
                       FILTER (WHERE observations_used = 0
                               AND kind IN ('red_line', 'veto_excellence', 'veto')), '{}')
                       AS missing_mandatory
            FROM score_contributions GROUP BY period, unit_id
        ) b
        WHERE u.period = b.period AND u.unit_id = b.unit_id AND u.completeness IS NULL
        """
    )
    op.execute(
        "UPDATE unit_scores SET completeness = 0, missing_items = '{}', missing_mandatory = '{}', "
        "blocked = false WHERE completeness IS NULL"
    )
    for column in ("completeness", "missing_items", "missing_mandatory", "blocked"):
        op.execute(f"ALTER TABLE unit_scores ALTER COLUMN {column} SET NOT NULL")
    tables.missing_data_waivers.create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    op.drop_table("missing_data_waivers")
    for column in ("completeness", "missing_items", "missing_mandatory", "blocked"):
        op.drop_column("unit_scores", column)
