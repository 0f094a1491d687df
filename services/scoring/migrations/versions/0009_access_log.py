"""The access log of reads of cadres' personal data: append-only, hash-chained.

Revision ID: scoring_0009_access_log
Revises: scoring_0008_portraits
"""

from services.common.personal_data import create_access_log_tables_v1, drop_access_log_tables_v1

revision = "scoring_0009_access_log"
down_revision = "scoring_0008_portraits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_access_log_tables_v1()


def downgrade() -> None:
    drop_access_log_tables_v1()
