"""Tables that later migrations replaced, as their migrations created them (kept for those and for
downgrades, since adapters/tables.py only describes the tables in use)."""

import sqlalchemy as sa


def capability_scores_columns() -> list[sa.Column]:
    """One row per cadre, period and capability (replaced by capability_profiles)."""
    return [
        sa.Column("period", sa.Text, primary_key=True),
        sa.Column("cadre_id", sa.Text, primary_key=True),
        sa.Column("capability", sa.Text, primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("peer_percentile", sa.Float, nullable=False),
        sa.Column("peers", sa.Integer, nullable=False),
    ]
