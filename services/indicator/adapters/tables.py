"""The indicator service's tables (its own database)."""

import sqlalchemy as sa

from services.common.db import define_platform_tables
from services.indicator.adapters import catalogue_schema as schema

metadata = sa.MetaData()
outbox, processed_events = define_platform_tables(metadata)

units = sa.Table(
    "units",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("category", sa.Text, sa.ForeignKey("unit_categories.code"), nullable=False),
    sa.Column("district", sa.Text),
    sa.Column("parent_id", sa.Text, sa.ForeignKey("units.id")),
    sa.Column("temporary", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    ),
)

cadres = sa.Table(
    "cadres",
    metadata,
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

unit_categories = sa.Table("unit_categories", metadata, *schema.unit_category_columns())
indicators = sa.Table("indicators", metadata, *schema.indicator_columns())
paperwork_terms = sa.Table("paperwork_terms", metadata, *schema.paperwork_term_columns())
schemes = sa.Table("schemes", metadata, *schema.scheme_columns())
common_indicators = sa.Table("common_indicators", metadata, *schema.common_indicator_columns())
indicator_lists = sa.Table("indicator_lists", metadata, *schema.indicator_list_columns())
for _name, _where in (schema.ONE_DRAFT, schema.ONE_IN_FORCE):
    sa.Index(
        _name,
        indicator_lists.c.unit_id,
        indicator_lists.c.year,
        unique=True,
        postgresql_where=_where,
    )
list_items = sa.Table("list_items", metadata, *schema.list_item_columns())
target_cascades = sa.Table("target_cascades", metadata, *schema.target_cascade_columns())
target_allocations = sa.Table("target_allocations", metadata, *schema.target_allocation_columns())
