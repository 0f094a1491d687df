"""The indicator service's tables (its own database)."""

import sqlalchemy as sa

from services.common.db import define_platform_tables

metadata = sa.MetaData()
outbox, processed_events = define_platform_tables(metadata)

units = sa.Table(
    "units",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("district", sa.Text),
    sa.Column("parent_id", sa.Text, sa.ForeignKey("units.id")),
    sa.Column("temporary", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
)

cadres = sa.Table(
    "cadres",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("unit_id", sa.Text, sa.ForeignKey("units.id"), nullable=False, index=True),
    sa.Column("position_level", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("position_level IN ('principal', 'deputy', 'grassroots')", name="cadres_position_level"),
)
