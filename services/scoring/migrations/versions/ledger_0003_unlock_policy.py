"""Unlocking a period is itself a change that needs M-of-N approval (else unlock, edit, relock would
get round every signature).

Revision ID: scoring_ledger_0003
Revises: scoring_ledger_0002
"""

from datetime import UTC, datetime

from alembic import op
from sqlalchemy import text

revision = "scoring_ledger_0003"
down_revision = "scoring_ledger_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind().execute(
        text(
            "INSERT INTO approval_policies (change_kind, required, roles, updated_by, updated_at) "
            "VALUES ('period_unlock', 2, ARRAY['assessor', 'discipline_inspection', 'organisation_department'], "
            "'seed', :now) ON CONFLICT (change_kind) DO NOTHING"
        ),
        {"now": datetime.now(UTC)},
    )


def downgrade() -> None:
    op.execute("DELETE FROM approval_policies WHERE change_kind = 'period_unlock'")
