"""The indicator service's tables (its own database).

The catalogue's columns are functions that migration indicator_0002 also builds its tables from;
rules the domain checks are also constraints here, so no other writer can break them.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from services.common.db import define_platform_tables

_NOW = sa.func.now()
KINDS_SQL = "'scored', 'red_line', 'deduction', 'veto_excellence', 'veto'"


def _created() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW)


def unit_category_columns() -> list:
    return [
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("configurable", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("position", sa.SmallInteger, nullable=False, server_default="0"),
        _created(),
    ]


def indicator_columns() -> list:
    return [
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text),
        sa.Column("dimension", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("unit_of_measure", sa.Text, nullable=False),
        sa.Column("data_source", sa.Text, nullable=False),
        sa.Column("source_system", sa.Text),
        sa.Column("frequency", sa.Text, nullable=False),
        sa.Column("rule", JSONB, nullable=False),
        sa.Column("capability_tags", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("min_value", sa.Float),
        sa.Column("max_value", sa.Float),
        sa.Column("assessed_at_year_end", sa.Boolean, nullable=False),
        sa.Column("on_site_check", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("description", sa.Text),
        _created(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW),
        sa.CheckConstraint(f"kind IN ({KINDS_SQL})", name="indicators_kind"),
        sa.CheckConstraint(
            "direction IN ('higher_is_better', 'lower_is_better')", name="indicators_direction"
        ),
        sa.CheckConstraint(
            "data_source IN ('auto_feed', 'manual_report', 'survey', 'third_party')",
            name="indicators_data_source",
        ),
        sa.CheckConstraint(
            "frequency IN ('daily', 'monthly', 'quarterly', 'annual')", name="indicators_frequency"
        ),
        sa.CheckConstraint(
            "data_source <> 'auto_feed' OR (source_system IS NOT NULL AND NOT on_site_check)",
            name="indicators_auto_feed_source",
        ),
        sa.CheckConstraint(
            "NOT (frequency = 'daily' AND assessed_at_year_end)",
            name="indicators_no_double_assessment",
        ),
    ]


def paperwork_term_columns() -> list:
    return [
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        _created(),
    ]


def scheme_columns() -> list:
    return [
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("dimension_minimums", JSONB, nullable=False, server_default="{}"),
        _created(),
    ]


def common_indicator_columns() -> list:
    return [
        sa.Column("category", sa.Text, sa.ForeignKey("unit_categories.code"), primary_key=True),
        sa.Column("indicator_code", sa.Text, sa.ForeignKey("indicators.code"), primary_key=True),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("target", sa.Float),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    ]


def indicator_list_columns() -> list:
    return [
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("unit_id", sa.Text, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("scheme_code", sa.Text, sa.ForeignKey("schemes.code")),
        sa.Column("effective_from", sa.Date),
        sa.Column("effective_to", sa.Date),
        sa.Column("supersedes_version", sa.Integer),
        # The published payload (IndicatorListPublished): what scoring scored against, frozen.
        sa.Column("snapshot", JSONB),
        _created(),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("superseded_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("unit_id", "year", "version", name="indicator_lists_version"),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'superseded')", name="indicator_lists_status"
        ),
        sa.CheckConstraint(
            "status = 'draft' OR (snapshot IS NOT NULL AND effective_from IS NOT NULL)",
            name="indicator_lists_published_snapshot",
        ),
        sa.CheckConstraint(
            "version >= 1 AND year BETWEEN 2000 AND 2100", name="indicator_lists_numbers"
        ),
    ]


# One draft and one version in force per unit and year.
ONE_DRAFT = ("indicator_lists_one_draft", sa.text("status = 'draft'"))
ONE_IN_FORCE = ("indicator_lists_one_in_force", sa.text("status = 'published'"))


def list_item_columns() -> list:
    return [
        sa.Column(
            "list_id",
            sa.Text,
            sa.ForeignKey("indicator_lists.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("indicator_code", sa.Text, sa.ForeignKey("indicators.code"), primary_key=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("target", sa.Float),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("origin IN ('common', 'individual')", name="list_items_origin"),
        sa.CheckConstraint("weight >= 0 AND weight <= 100", name="list_items_weight"),
    ]


def target_cascade_columns() -> list:
    return [
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("indicator_code", sa.Text, sa.ForeignKey("indicators.code")),
        sa.Column("unit_of_measure", sa.Text, nullable=False),
        sa.Column("total", sa.Numeric, nullable=False),
        sa.Column("parent_code", sa.Text, sa.ForeignKey("target_cascades.code")),
        sa.Column("parent_unit_id", sa.Text, sa.ForeignKey("units.id")),
        _created(),
        sa.CheckConstraint(
            "(parent_code IS NULL) = (parent_unit_id IS NULL)", name="target_cascades_parent"
        ),
    ]


def target_allocation_columns() -> list:
    return [
        sa.Column(
            "cascade_code",
            sa.Text,
            sa.ForeignKey("target_cascades.code", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("unit_id", sa.Text, sa.ForeignKey("units.id"), primary_key=True, index=True),
        sa.Column("amount", sa.Numeric, nullable=False),
        sa.CheckConstraint("amount >= 0", name="target_allocations_amount"),
    ]


TABLES = {
    "unit_categories": unit_category_columns,
    "indicators": indicator_columns,
    "paperwork_terms": paperwork_term_columns,
    "schemes": scheme_columns,
    "common_indicators": common_indicator_columns,
    "indicator_lists": indicator_list_columns,
    "list_items": list_item_columns,
    "target_cascades": target_cascade_columns,
    "target_allocations": target_allocation_columns,
}


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

unit_categories = sa.Table("unit_categories", metadata, *unit_category_columns())
indicators = sa.Table("indicators", metadata, *indicator_columns())
paperwork_terms = sa.Table("paperwork_terms", metadata, *paperwork_term_columns())
schemes = sa.Table("schemes", metadata, *scheme_columns())
common_indicators = sa.Table("common_indicators", metadata, *common_indicator_columns())
indicator_lists = sa.Table("indicator_lists", metadata, *indicator_list_columns())
for _name, _where in (ONE_DRAFT, ONE_IN_FORCE):
    sa.Index(
        _name,
        indicator_lists.c.unit_id,
        indicator_lists.c.year,
        unique=True,
        postgresql_where=_where,
    )
list_items = sa.Table("list_items", metadata, *list_item_columns())
target_cascades = sa.Table("target_cascades", metadata, *target_cascade_columns())
target_allocations = sa.Table("target_allocations", metadata, *target_allocation_columns())
