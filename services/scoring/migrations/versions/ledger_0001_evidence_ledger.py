"""Evidence ledger (leaves, stored subtrees, signed checkpoints), M-of-N approval of changes after a
period is locked, fault-tolerance exemptions with their seven categories, appeals and re-scoring.

Revision ID: scoring_ledger_0001
Revises: scoring_0001
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

from services.scoring.migrations.evidence_ledger_tables import create_ledger_tables_v1

revision = "scoring_ledger_0001"
down_revision = "scoring_0001"
branch_labels = ("ledger",)
depends_on = None

# The published list of seven exemption categories ("duty-performance risk list"). The first two
# are the ones the Urumqi reform names; the other five are examples in the same spirit, data the
# department edits (saveExemptionCategory) rather than code.
CATEGORIES = [
    (
        "investment_compliant_below_expectation",
        "Investment attraction compliant but below expectation",
        "Investment attraction followed the prescribed procedure but the result fell short of expectation "
        "(招商引资流程合规但未达预期).",
        [
            "the project went through the prescribed approval and due-diligence steps",
            "the shortfall comes from the investor's or the market's decisions, not from the unit's conduct",
            "nobody gained personally",
        ],
    ),
    (
        "research_without_output_in_cycle",
        "Research project without output within its cycle",
        "A research project produced no result within its cycle (科研项目周期内未产出成果).",
        [
            "the project was approved and funded through the regular procedure",
            "the work plan was carried out and documented",
            "the funds were spent as budgeted",
        ],
    ),
    (
        "reform_pilot_without_precedent",
        "Reform pilot without precedent fell short",
        "An exploratory reform or first-of-its-kind measure, approved by the level above, did not reach its target.",
        [
            "the pilot was approved by the competent level before it started",
            "there was no precedent or rule to follow",
            "problems were reported and corrected as soon as they appeared",
        ],
    ),
    (
        "emergency_decision_under_time_pressure",
        "Emergency decision under time pressure",
        "An urgent, difficult or dangerous task was handled under time pressure and a reasonable decision "
        "still led to a loss.",
        [
            "the decision was reasonable on the information available at the time",
            "the decision and its grounds were recorded when it was taken",
            "the loss was contained and reported",
        ],
    ),
    (
        "policy_or_external_shock",
        "Policy change or external shock",
        "A target was missed because a higher-level policy changed or an external shock (market, supply, "
        "funding withdrawn by the level above) made it unattainable.",
        [
            "the change or shock came after the target was set",
            "the unit adjusted its plan and reported the effect in time",
        ],
    ),
    (
        "force_majeure",
        "Natural disaster or public emergency",
        "A natural disaster, public-health event or other force majeure prevented the planned work.",
        ["the event is officially recorded", "resources were redirected to the emergency response"],
    ),
    (
        "inherited_problem_under_rectification",
        "Inherited problem under rectification",
        "A problem created before the current term (debt, stalled project, legacy case) depresses the result "
        "while its rectification follows an approved plan.",
        [
            "the problem predates the current leadership's term",
            "a rectification plan was approved and its milestones are met",
        ],
    ),
]

# Who must sign a change to a locked period: two of the unit, the assessor and the discipline
# inspection office, each with a key of their own.
POLICIES = [
    ("observation", 2, ["unit", "assessor", "discipline_inspection"]),
    ("score", 2, ["unit", "assessor", "discipline_inspection"]),
]


def upgrade() -> None:
    now = datetime.now(UTC)
    create_ledger_tables_v1(op.get_bind())
    categories = sa.table(
        "exemption_categories",
        sa.column("code"),
        sa.column("name"),
        sa.column("description"),
        sa.column("conditions", ARRAY(sa.Text)),
        sa.column("position"),
        sa.column("updated_by"),
        sa.column("updated_at"),
    )
    op.bulk_insert(
        categories,
        [
            {
                "code": code,
                "name": name,
                "description": description,
                "conditions": conditions,
                "position": position,
                "updated_by": "seed",
                "updated_at": now,
            }
            for position, (code, name, description, conditions) in enumerate(CATEGORIES, start=1)
        ],
    )
    policies = sa.table(
        "approval_policies",
        sa.column("change_kind"),
        sa.column("required"),
        sa.column("roles", ARRAY(sa.Text)),
        sa.column("updated_by"),
        sa.column("updated_at"),
    )
    op.bulk_insert(
        policies,
        [
            {
                "change_kind": kind,
                "required": required,
                "roles": roles,
                "updated_by": "seed",
                "updated_at": now,
            }
            for kind, required, roles in POLICIES
        ],
    )


def downgrade() -> None:
    for table in (
        "rescoring_requests",
        "appeals",
        "exemptions",
        "exemption_categories",
        "locked_change_authorisations",
        "approval_policies",
        "approval_keys",
        "ledger_checkpoints",
        "ledger_nodes",
        "ledger_leaves",
    ):
        op.drop_table(table)
    op.execute("DROP FUNCTION IF EXISTS ledger_leaf_line(bytea, integer)")
