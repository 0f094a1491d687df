"""The development service's tables (its own database)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from services.common.db import define_platform_tables
from services.common.personal_data import define_access_log_tables
from services.common.roster import define_roster_tables

_ACTIVE = sa.text("status IN ('enrolled', 'waitlisted')")


def define_training_tables_v1(metadata: sa.MetaData) -> dict[str, sa.Table]:
    """Programmes, cohorts, enrolments, profiles and clustering runs, as migration 0002 creates them."""
    programmes = sa.Table(
        "programmes",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("capabilities", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("position_levels", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("unit_categories", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("full_time", sa.Boolean, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("priority >= 1", name="programme_priority_positive"),
        sa.CheckConstraint("kind <> 'remedial' OR full_time", name="remedial_is_full_time"),
    )

    cohorts = sa.Table(
        "cohorts",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column(
            "programme_id", sa.Text, sa.ForeignKey("programmes.id"), nullable=False, index=True
        ),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        # Seats held by enrolled or completed cadres; changed only under the cohort's row lock.
        sa.Column("seats_taken", sa.Integer, nullable=False, server_default="0"),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("capacity >= 1", name="cohort_capacity_positive"),
        sa.CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name="cohort_seats_within_capacity"
        ),
        sa.CheckConstraint("ends_on >= starts_on", name="cohort_ends_after_start"),
    )

    enrolments = sa.Table(
        "enrolments",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("cadre_id", sa.Text, nullable=False, index=True),
        sa.Column("programme_id", sa.Text, sa.ForeignKey("programmes.id"), nullable=False),
        sa.Column("cohort_id", sa.Text, sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("capability", sa.Text),
        sa.Column("period", sa.Text),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("full_time", sa.Boolean, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("waitlisted_at", sa.DateTime(timezone=True)),
        sa.Column("seated_at", sa.DateTime(timezone=True)),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        sa.Column("cancel_reason", sa.Text),
        sa.Column("cancelled_by", sa.Text),
        sa.Column("completed_on", sa.Date),
        sa.Column("attendance_rate", sa.Float),
        sa.Column("result_score", sa.Float),
        sa.Column("passed", sa.Boolean),
        sa.Column("trainer_id", sa.Text),
        sa.Column("evaluation_score", sa.Float),
        sa.Column("evaluation_passed", sa.Boolean),
        sa.Column("evaluated_at", sa.DateTime(timezone=True)),
        sa.Column("returned_to_post_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint(
            "status IN ('enrolled', 'waitlisted', 'completed', 'cancelled')",
            name="enrolment_status_known",
        ),
    )
    # At most one active enrolment per cadre and programme, whatever the races.
    sa.Index(
        "enrolment_one_active_per_programme",
        enrolments.c.cadre_id,
        enrolments.c.programme_id,
        unique=True,
        postgresql_where=_ACTIVE,
    )
    sa.Index(
        "enrolment_waitlist",
        enrolments.c.cohort_id,
        enrolments.c.waitlisted_at,
        postgresql_where=sa.text("status = 'waitlisted'"),
    )
    sa.Index("enrolment_by_cohort", enrolments.c.cohort_id, enrolments.c.status)

    # What placed each cadre: the same weakness of the same period (re-delivered or re-scored) places once.
    enrolment_causes = sa.Table(
        "enrolment_causes",
        metadata,
        sa.Column("cadre_id", sa.Text, primary_key=True),
        sa.Column("cause", sa.Text, primary_key=True),
        sa.Column("enrolment_id", sa.Text),
        sa.Column("outcome", sa.Text, nullable=False),
        # The finding itself, so that one no programme could take yet is placed when one opens.
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    sa.Index(
        "enrolment_causes_unplaced",
        enrolment_causes.c.outcome,
        postgresql_where=sa.text("outcome IN ('no_eligible_programme', 'no_open_cohort')"),
    )

    capability_profiles = sa.Table(
        "capability_profiles",
        metadata,
        sa.Column("cadre_id", sa.Text, primary_key=True),
        sa.Column("period", sa.Text, primary_key=True),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("unit_category", sa.Text, nullable=False),
        sa.Column("position_level", sa.Text, nullable=False),
        sa.Column("scores", JSONB, nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    sa.Index("capability_profiles_by_period", capability_profiles.c.period)

    clustering_runs = sa.Table(
        "clustering_runs",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("period", sa.Text),
        sa.Column("status", sa.Text, nullable=False),  # completed | not_run
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("cadre_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("capabilities", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("k", sa.Integer),
        sa.Column("silhouette", sa.Float),
        sa.Column("silhouette_by_k", JSONB, nullable=False, server_default="{}"),
        sa.Column("sklearn_version", sa.Text, nullable=False),
        sa.Column("data_snapshot", sa.Text),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("model", sa.LargeBinary),
        sa.Column("model_location", sa.Text),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )

    clusters = sa.Table(
        "clusters",
        metadata,
        sa.Column(
            "run_id",
            sa.Text,
            sa.ForeignKey("clustering_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("index", sa.Integer, primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("level_shares", JSONB, nullable=False),
        sa.Column("mean_gaps", JSONB, nullable=False),
        sa.Column("defining_capabilities", ARRAY(sa.Text), nullable=False),
        sa.Column("recommendation", sa.Text, nullable=False),
    )
    return {
        table.name: table
        for table in (
            programmes,
            cohorts,
            enrolments,
            enrolment_causes,
            capability_profiles,
            clustering_runs,
            clusters,
        )
    }


def portrait_columns() -> dict[str, list[sa.Column]]:
    """Columns migration 0003 adds to tables of 0002, for portraits with targets and sized recommendations."""
    return {
        "capability_profiles": [
            sa.Column("targets", JSONB, nullable=False, server_default="{}"),
            sa.Column("confidence", JSONB, nullable=False, server_default="{}"),
            sa.Column("evidence_counts", JSONB, nullable=False, server_default="{}"),
        ],
        "clusters": [
            sa.Column("programme_kind", sa.Text),
            sa.Column("cohort_size", sa.Integer, nullable=False, server_default="0"),
        ],
    }


def define_portrait_tables_v1(metadata: sa.MetaData) -> dict[str, sa.Table]:
    """Notes on enrolments and the common gaps of clustering runs, as migration 0003 creates them."""
    enrolment_notes = sa.Table(
        "enrolment_notes",
        metadata,
        sa.Column("enrolment_id", sa.Text, sa.ForeignKey("enrolments.id"), primary_key=True),
        # What the note is about; one note per enrolment and cause, however often the cause is delivered.
        sa.Column("cause", sa.Text, primary_key=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("written_by", sa.Text, nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
    )

    common_gaps = sa.Table(
        "common_gaps",
        metadata,
        sa.Column(
            "run_id",
            sa.Text,
            sa.ForeignKey("clustering_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("capability", sa.Text, primary_key=True),
        sa.Column("position_level", sa.Text, primary_key=True),
        sa.Column("judged", sa.Integer, nullable=False),
        sa.Column("below_target", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("without_target", sa.Integer, nullable=False),
        sa.Column("mean_gap", sa.Float, nullable=False),
        sa.Column("programme_kind", sa.Text, nullable=False),
        sa.Column("programme_name", sa.Text),
        sa.Column("cohort_size", sa.Integer, nullable=False),
        sa.Column("recommendation", sa.Text, nullable=False),
    )
    return {table.name: table for table in (enrolment_notes, common_gaps)}


def define_projection_table(metadata: sa.MetaData) -> sa.Table:
    """A clustering run's picture: sampled cadres on two principal components, arrays aligned
    (one row per run, read whole when drawn)."""
    return sa.Table(
        "cluster_projections",
        metadata,
        sa.Column(
            "run_id",
            sa.Text,
            sa.ForeignKey("clustering_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("explained_variance", ARRAY(sa.Float), nullable=False),
        sa.Column("cadre_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("x", ARRAY(sa.Float), nullable=False),
        sa.Column("y", ARRAY(sa.Float), nullable=False),
        sa.Column("clusters", ARRAY(sa.Integer), nullable=False),
        sa.CheckConstraint(
            "cardinality(cadre_ids) = cardinality(x) AND cardinality(x) = cardinality(y) "
            "AND cardinality(y) = cardinality(clusters)",
            name="cluster_projections_aligned",
        ),
    )


metadata = sa.MetaData()
outbox, processed_events = define_platform_tables(metadata)
unit_roster, cadre_roster = define_roster_tables(metadata)
access_log, access_log_head = define_access_log_tables(metadata)
_training = define_training_tables_v1(metadata)
programmes = _training["programmes"]
cohorts = _training["cohorts"]
enrolments = _training["enrolments"]
enrolment_causes = _training["enrolment_causes"]
capability_profiles = _training["capability_profiles"]
clustering_runs = _training["clustering_runs"]
clusters = _training["clusters"]
for _name, _columns in portrait_columns().items():
    for _column in _columns:
        _training[_name].append_column(_column)
_portraits = define_portrait_tables_v1(metadata)
enrolment_notes = _portraits["enrolment_notes"]
common_gaps = _portraits["common_gaps"]
cluster_projections = define_projection_table(metadata)
