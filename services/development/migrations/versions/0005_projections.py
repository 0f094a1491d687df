"""Clustering runs keep a 2-D projection of their cadres (cluster_projections).

Revision ID: development_0005_projections
Revises: development_0004_access_log
"""

import sqlalchemy as sa

from services.development.adapters.tables import define_projection_table

revision = "development_0005_projections"
down_revision = "development_0004_access_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from alembic import op

    # The foreign key needs the runs' table in the same metadata; only the new table is created.
    fresh = sa.MetaData()
    sa.Table("clustering_runs", fresh, sa.Column("id", sa.Text, primary_key=True))
    define_projection_table(fresh).create(op.get_bind())


def downgrade() -> None:
    from alembic import op

    op.drop_table("cluster_projections")
