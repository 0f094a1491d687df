"""The access log of reads of cadres' personal data: append-only, hash-chained.

Revision ID: development_0004_access_log
Revises: development_0003_portraits
"""

from services.common.personal_data import create_access_log_tables_v1, drop_access_log_tables_v1

revision = "development_0004_access_log"
down_revision = "development_0003_portraits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_access_log_tables_v1()


def downgrade() -> None:
    drop_access_log_tables_v1()
