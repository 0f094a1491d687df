"""The indicator catalogue: categories, library, blocklist, schemes, lists and versions, cascades.

Revision ID: indicator_0002_catalogue
Revises: indicator_0001
"""

import sqlalchemy as sa
from alembic import op

from services.indicator.adapters import tables as schema
from services.indicator.domain.categories import DEFAULT_CATEGORIES
from services.indicator.domain.paperwork import DEFAULT_TERMS

revision = "indicator_0002_catalogue"
down_revision = "indicator_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, columns in schema.TABLES.items():
        op.create_table(name, *columns())
    for name, where in (schema.ONE_DRAFT, schema.ONE_IN_FORCE):
        op.create_index(
            name, "indicator_lists", ["unit_id", "year"], unique=True, postgresql_where=where
        )
    # The nine categories and the anti-formalism blocklist hold from the start, seeded or not.
    categories = sa.table(
        "unit_categories",
        *(sa.column(c) for c in ("code", "name", "name_en", "configurable", "position")),
    )
    op.bulk_insert(
        categories,
        [
            {
                "code": c.code,
                "name": c.name,
                "name_en": c.name_en,
                "configurable": c.configurable,
                "position": i,
            }
            for i, c in enumerate(DEFAULT_CATEGORIES)
        ],
    )
    terms = sa.table("paperwork_terms", *(sa.column(c) for c in ("term", "category", "reason")))
    op.bulk_insert(
        terms, [{"term": t.term, "category": t.category, "reason": t.reason} for t in DEFAULT_TERMS]
    )
    op.create_foreign_key("units_category", "units", "unit_categories", ["category"], ["code"])


def downgrade() -> None:
    op.drop_constraint("units_category", "units", type_="foreignkey")
    for name in reversed(schema.TABLES):
        op.drop_table(name)
