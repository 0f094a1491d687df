"""Portraits with targets, notes on enrolments, sized recommendations and the common gaps of a run.

Revision ID: development_0003_portraits
Revises: development_0002_training
"""

import sqlalchemy as sa

from services.development.adapters.tables import (
    define_portrait_tables_v1,
    define_training_tables_v1,
    portrait_columns,
)

revision = "development_0003_portraits"
down_revision = "development_0002_training"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from alembic import op

    for table, columns in portrait_columns().items():
        for column in columns:
            op.add_column(table, column)
    # The new tables refer to 0002's, so those are described alongside (and not created again).
    fresh = sa.MetaData()
    define_training_tables_v1(fresh)
    new = define_portrait_tables_v1(fresh)
    fresh.create_all(op.get_bind(), tables=list(new.values()))


def downgrade() -> None:
    from alembic import op

    op.drop_table("common_gaps")
    op.drop_table("enrolment_notes")
    for table, columns in portrait_columns().items():
        for column in columns:
            op.drop_column(table, column.name)
