"""Outbox, processed events and the roster of units and cadres.

Revision ID: scoring_0001
Revises:
"""

from services.common.db import create_platform_tables_v1
from services.common.roster import create_roster_tables_v1

revision = "scoring_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables_v1()
    create_roster_tables_v1()


def downgrade() -> None:
    from alembic import op

    for table in ("cadre_roster", "unit_roster", "processed_events", "outbox"):
        op.drop_table(table)
