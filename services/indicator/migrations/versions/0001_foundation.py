"""Outbox, processed events, units and cadres.

Revision ID: indicator_0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from services.common.db import create_platform_tables_v1

revision = "indicator_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables_v1()
    op.create_table(
        "units",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("district", sa.Text),
        sa.Column("parent_id", sa.Text, sa.ForeignKey("units.id")),
        sa.Column("temporary", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "cadres",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text, sa.ForeignKey("units.id"), nullable=False, index=True),
        sa.Column("position_level", sa.Text, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint(
            "position_level IN ('principal', 'deputy', 'grassroots')", name="cadres_position_level"
        ),
    )


def downgrade() -> None:
    op.drop_table("cadres")
    op.drop_table("units")
    op.drop_table("processed_events")
    op.drop_table("outbox")
