"""Programmes, cohorts, enrolments and their causes, capability profiles, clustering runs.

Revision ID: development_0002_training
Revises: development_0001
"""

import sqlalchemy as sa

from services.development.adapters.tables import define_training_tables_v1

revision = "development_0002_training"
down_revision = "development_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from alembic import op

    fresh = sa.MetaData()
    define_training_tables_v1(fresh)
    fresh.create_all(op.get_bind())


def downgrade() -> None:
    from alembic import op

    for table in (
        "clusters",
        "clustering_runs",
        "capability_profiles",
        "enrolment_causes",
        "enrolments",
        "cohorts",
        "programmes",
    ):
        op.drop_table(table)
