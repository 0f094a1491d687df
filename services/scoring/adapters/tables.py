"""The scoring service's tables (its own database)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from services.common.db import define_platform_tables
from services.common.personal_data import define_access_log_tables
from services.common.roster import define_roster_tables

metadata = sa.MetaData()
outbox, processed_events = define_platform_tables(metadata)
unit_roster, cadre_roster = define_roster_tables(metadata)
access_log, access_log_head = define_access_log_tables(metadata)

_now = sa.func.now()


def _created(name: str = "recorded_at") -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False, server_default=_now)


# --- Lists in force: what indicator publishes, and the version each unit is scored against.

list_versions = sa.Table(
    "list_versions",
    metadata,
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("list_id", sa.Text, nullable=False),
    sa.Column("unit_category", sa.Text, nullable=False),
    sa.Column("unit_temporary", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("scheme_code", sa.Text),
    sa.Column("effective_from", sa.Date, nullable=False),
    sa.Column("effective_to", sa.Date),
    sa.Column("supersedes_version", sa.Integer),
    sa.Column("event_id", UUID(as_uuid=True)),
    _created("received_at"),
)

lists_in_force = sa.Table(
    "lists_in_force",
    metadata,
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    _created("in_force_since"),
    sa.ForeignKeyConstraint(
        ["unit_id", "year", "version"],
        [list_versions.c.unit_id, list_versions.c.year, list_versions.c.version],
    ),
)

# One series per (unit, indicator): the integer key observations and the engine use.
series = sa.Table(
    "series",
    metadata,
    sa.Column("series_key", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("indicator_code", sa.Text, nullable=False),
    sa.UniqueConstraint("unit_id", "indicator_code", name="series_unit_indicator"),
)

list_items = sa.Table(
    "list_items",
    metadata,
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("indicator_code", sa.Text, primary_key=True),
    sa.Column("series_key", sa.Integer, sa.ForeignKey(series.c.series_key), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("dimension", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("direction", sa.Text, nullable=False),
    sa.Column("unit_of_measure", sa.Text, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("target", sa.Float),
    sa.Column("rule", JSONB, nullable=False),
    sa.Column("data_source", sa.Text, nullable=False),
    sa.Column("source_system", sa.Text),
    sa.Column("frequency", sa.Text, nullable=False),
    sa.Column("capability_tags", ARRAY(sa.Text), nullable=False),
    sa.Column("min_value", sa.Float),
    sa.Column("max_value", sa.Float),
    sa.ForeignKeyConstraint(
        ["unit_id", "year", "version"],
        [list_versions.c.unit_id, list_versions.c.year, list_versions.c.version],
    ),
)

# --- Observations: every revision is kept; the newest of a (series, period) counts.

CHANNELS = ("graphql", "upload", "feed")

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("observation_id", sa.BigInteger, sa.Identity(), primary_key=True),
    # No foreign key: a per-row check would cost the feed a third of its insert time, and every key
    # stored comes from the list in force the observation was checked against.
    sa.Column("series_key", sa.Integer, nullable=False),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("year", sa.SmallInteger, nullable=False),
    sa.Column("month", sa.SmallInteger, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit_of_measure", sa.Text, nullable=False),
    sa.Column("list_version", sa.Integer, nullable=False),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("reported_by", sa.Text, nullable=False),
    sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
    _created(),
    sa.Column("event_id", UUID(as_uuid=True)),
    sa.UniqueConstraint("series_key", "period", "source", "revision", name="observations_revision"),
    sa.CheckConstraint("revision >= 1", name="observations_revision_positive"),
    sa.CheckConstraint(f"channel IN {CHANNELS}", name="observations_channel"),
    sa.CheckConstraint("month BETWEEN 1 AND 12", name="observations_month"),
)

# --- What people record besides indicator values.

public_evaluations = sa.Table(
    "public_evaluations",
    metadata,
    sa.Column("evaluation_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("respondent_digest", sa.Text, nullable=False),
    sa.Column("satisfaction", sa.Float, nullable=False),
    sa.Column("submitted_by", sa.Text, nullable=False),
    _created("submitted_at"),
    sa.UniqueConstraint(
        "unit_id", "period", "respondent_digest", name="public_evaluations_one_per_respondent"
    ),
    sa.CheckConstraint("satisfaction BETWEEN 0 AND 100", name="public_evaluations_satisfaction"),
    sa.Index("public_evaluations_by_submitter", "submitted_by", "submitted_at"),
)

daily_records = sa.Table(
    "daily_records",
    metadata,
    sa.Column("record_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("occurred_on", sa.Date, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
    _created(),
    # The capabilities the event shows (positive points) or lacks (negative): portrait evidence.
    sa.Column("capabilities", ARRAY(sa.Text), nullable=False, server_default="{}"),
    sa.Column("leaf_index", sa.BigInteger),
    sa.Column("corrected_by", sa.Text),
    sa.Column("corrected_at", sa.DateTime(timezone=True)),
    sa.Index("daily_records_by_cadre", "cadre_id", "occurred_on"),
)

cadre_evaluations = sa.Table(
    "cadre_evaluations",
    metadata,
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("kind", sa.Text, primary_key=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("evaluated_by", sa.Text, nullable=False),
    _created("evaluated_at"),
    sa.CheckConstraint("kind IN ('own', 'term')", name="cadre_evaluations_kind"),
    sa.CheckConstraint("score BETWEEN 0 AND 100", name="cadre_evaluations_score"),
)

cadre_areas = sa.Table(
    "cadre_areas",
    metadata,
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("dimension", sa.Text, primary_key=True),
    sa.Column("assigned_by", sa.Text, nullable=False),
    _created("assigned_at"),
    # Share of responsibility for the dimension's results (a deputy may share an area).
    sa.Column("share", sa.Float, nullable=False, server_default="1"),
    sa.Column("leaf_index", sa.BigInteger),
    sa.CheckConstraint("share > 0 AND share <= 1", name="cadre_areas_share"),
)

# --- Individual evidence of the portrait, besides daily records and areas in charge.

# Single indicators of a cadre's portfolio, outside (or overriding) a whole dimension.
portfolio_indicators = sa.Table(
    "portfolio_indicators",
    metadata,
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("year", sa.SmallInteger, primary_key=True),
    sa.Column("indicator_code", sa.Text, primary_key=True),
    sa.Column("share", sa.Float, nullable=False),
    sa.Column("assigned_by", sa.Text, nullable=False),
    _created("assigned_at"),
    sa.Column("leaf_index", sa.BigInteger),
    sa.CheckConstraint("share > 0 AND share <= 1", name="portfolio_indicators_share"),
)

# One rater's 360 ballot: who recorded it and when, never who the rater is.
competence_ballots = sa.Table(
    "competence_ballots",
    metadata,
    sa.Column("ballot_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("year", sa.SmallInteger, nullable=False),
    sa.Column("rater_group", sa.Text, nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
    _created(),
    sa.Column("leaf_index", sa.BigInteger),
    sa.CheckConstraint(
        "rater_group IN ('superior', 'peer', 'subordinate')", name="competence_ballots_group"
    ),
)

# A ballot's answers, with the ballot's cadre, year and group so a run aggregates in one scan.
competence_answers = sa.Table(
    "competence_answers",
    metadata,
    sa.Column("ballot_id", sa.BigInteger, primary_key=True),
    sa.Column("capability", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("year", sa.SmallInteger, nullable=False),
    sa.Column("rater_group", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.CheckConstraint("score BETWEEN 0 AND 100", name="competence_answers_score"),
    sa.Index("competence_answers_by_year", "year", "cadre_id"),
)

training_results = sa.Table(
    "training_results",
    metadata,
    sa.Column("enrolment_id", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("programme_id", sa.Text, nullable=False),
    sa.Column("programme_kind", sa.Text, nullable=False),
    sa.Column("capability", sa.Text),
    sa.Column("result_score", sa.Float, nullable=False),
    sa.Column("passed", sa.Boolean, nullable=False),
    sa.Column("completed_on", sa.Date, nullable=False),
    sa.Column("trainer_id", sa.Text, nullable=False),
    _created(),
    sa.Column("leaf_index", sa.BigInteger),
)

# Long-run results of a cadre's work (3-year survival of projects brought in), per capability.
term_results = sa.Table(
    "term_results",
    metadata,
    sa.Column("result_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("year", sa.SmallInteger, nullable=False),
    sa.Column("capability", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("recorded_by", sa.Text, nullable=False),
    _created(),
    sa.Column("leaf_index", sa.BigInteger),
    sa.CheckConstraint("score BETWEEN 0 AND 100", name="term_results_score"),
)

# The competency model's versions: a draft is edited, publishing supersedes the one in force.
competency_models = sa.Table(
    "competency_models",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("capabilities", JSONB, nullable=False),
    sa.Column("edited_by", sa.Text, nullable=False),
    _created("edited_at"),
    sa.Column("published_by", sa.Text),
    sa.Column("published_at", sa.DateTime(timezone=True)),
    sa.Column("leaf_index", sa.BigInteger),
    sa.CheckConstraint(
        "status IN ('draft', 'published', 'superseded')", name="competency_models_status"
    ),
    sa.Index(
        "competency_models_one_in_force",
        "status",
        unique=True,
        postgresql_where=sa.text("status IN ('draft', 'published')"),
    ),
)

assessment_settings = sa.Table(
    "assessment_settings",
    metadata,
    sa.Column("settings_id", sa.SmallInteger, primary_key=True),
    sa.Column("settings", JSONB, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
    _created("updated_at"),
)

# --- Results of the latest run of each period, with what explains them.

scoring_runs = sa.Table(
    "scoring_runs",
    metadata,
    sa.Column("run_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("requested_by", sa.Text, nullable=False),
    _created("started_at"),
    sa.Column("seconds", sa.Float),
    sa.Column("observations", sa.Integer),
    sa.Column("units", sa.Integer),
    sa.Column("cadres", sa.Integer),
    sa.Column("events", sa.Integer),
    sa.Column("settings", JSONB, nullable=False),
)

unit_scores = sa.Table(
    "unit_scores",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("list_version", sa.Integer, nullable=False),
    sa.Column("scheme_code", sa.Text),
    sa.Column("unit_category", sa.Text, nullable=False),
    sa.Column("weighted_sum", sa.Float, nullable=False),
    sa.Column("deductions", sa.Float, nullable=False),
    sa.Column("list_score", sa.Float, nullable=False),
    sa.Column("satisfaction", sa.Float),
    sa.Column("evaluations", sa.Integer, nullable=False),
    sa.Column("public_weight", sa.Float, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("red_lines_failed", sa.Integer, nullable=False),
    sa.Column("veto_excellence", sa.Boolean, nullable=False),
    sa.Column("veto", sa.Boolean, nullable=False),
    sa.Column("grade_by_threshold", sa.Text, nullable=False),
    sa.Column("grade", sa.Text, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("peer_group_size", sa.Integer, nullable=False),
    sa.Column("excellent_places", sa.Integer, nullable=False),
    # Share of the list's items reported for the period, and the items nobody reported: a result
    # always says how much of it rests on data.
    sa.Column("completeness", sa.Float, nullable=False),
    sa.Column("missing_items", ARRAY(sa.Text), nullable=False),
    # The unreported red lines and vetoes: finalising the result needs a waiver for each.
    sa.Column("missing_mandatory", ARRAY(sa.Text), nullable=False),
    # Under missingMandatory = block, a result with missing mandatory data cannot be finalised at all.
    sa.Column("blocked", sa.Boolean, nullable=False),
)

# An assessor's recorded decision that a result may be finalised although these red lines or vetoes
# went unreported (each also a ledger leaf, `leaf_index`).
missing_data_waivers = sa.Table(
    "missing_data_waivers",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("indicator_codes", ARRAY(sa.Text), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("waived_by", sa.Text, nullable=False),
    sa.Column("waived_role", sa.Text, nullable=False),
    sa.Column("waived_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("leaf_index", sa.BigInteger, nullable=False),
    sa.Index("missing_data_waivers_result", "period", "unit_id"),
)

score_contributions = sa.Table(
    "score_contributions",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("indicator_code", sa.Text, primary_key=True),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("list_version", sa.Integer, nullable=False),
    sa.Column("dimension", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("aggregate", sa.Text, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("target", sa.Float),
    sa.Column("value", sa.Float),
    sa.Column("fraction", sa.Float, nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("deducted", sa.Float, nullable=False),
    sa.Column("effect", sa.Text, nullable=False),
    sa.Column("observation_id", sa.BigInteger),
    sa.Column("observation_revision", sa.Integer),
    sa.Column("observations_used", sa.Integer, nullable=False),
    # The approved exemption that removed this item's deduction (effect "exempted"). No foreign key:
    # exemptions live in the ledger's branch of migrations, which this chain does not depend on.
    sa.Column("exemption_id", sa.Text),
)

cadre_scores = sa.Table(
    "cadre_scores",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("unit_category", sa.Text, nullable=False),
    sa.Column("position_level", sa.Text, nullable=False),
    sa.Column("work", sa.Float, nullable=False),
    sa.Column("area", sa.Float, nullable=False),
    sa.Column("own", sa.Float),
    sa.Column("annual", sa.Float, nullable=False),
    sa.Column("daily", sa.Float, nullable=False),
    sa.Column("daily_points", sa.Float, nullable=False),
    sa.Column("term", sa.Float),
    sa.Column("total", sa.Float, nullable=False),
    sa.Column("w_work", sa.Float, nullable=False),
    sa.Column("w_area", sa.Float, nullable=False),
    sa.Column("w_own", sa.Float, nullable=False),
    sa.Column("w_daily", sa.Float, nullable=False),
    sa.Column("w_annual", sa.Float, nullable=False),
    sa.Column("w_term", sa.Float, nullable=False),
    sa.Column("grade_by_threshold", sa.Text, nullable=False),
    sa.Column("grade_cap", sa.Text, nullable=False),
    sa.Column("grade", sa.Text, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False),
    sa.Column("peer_group_size", sa.Integer, nullable=False),
    sa.Column("excellent_places", sa.Integer, nullable=False),
    sa.Index("cadre_scores_by_peer_group", "period", "unit_category", "position_level", "rank"),
)

# One row per cadre and period: the profile's capabilities in name order, each with its score, its
# mid-rank percentile in the peer group and how many peers had data.
capability_profiles = sa.Table(
    "capability_profiles",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.Column("capabilities", ARRAY(sa.Text), nullable=False),
    sa.Column("scores", ARRAY(sa.Float), nullable=False),
    sa.Column("peer_percentiles", ARRAY(sa.Float), nullable=False),
    sa.Column("peers", ARRAY(sa.Integer), nullable=False),
    # The portrait's figures, aligned with `capabilities` like the scores.
    sa.Column("targets", ARRAY(sa.Float), nullable=False, server_default="{}"),
    sa.Column("gaps", ARRAY(sa.Float), nullable=False, server_default="{}"),
    sa.Column("confidence", ARRAY(sa.Float), nullable=False, server_default="{}"),
    sa.Column("evidence_counts", ARRAY(sa.Integer), nullable=False, server_default="{}"),
    # Per source, the source's score of each capability (null where it has none) and its records.
    sa.Column("source_scores", JSONB, nullable=False, server_default="{}"),
    # Capabilities whose 360 answers are withheld: fewer raters than the floor answered.
    sa.Column("withheld", ARRAY(sa.Text), nullable=False, server_default="{}"),
    sa.Column("efficiency_index", sa.Float),
    sa.Column("model_version", sa.Integer),
    sa.CheckConstraint(
        "cardinality(capabilities) = cardinality(scores) AND cardinality(scores) = cardinality(peer_percentiles) "
        "AND cardinality(scores) = cardinality(peers)",
        name="capability_profiles_aligned",
    ),
)

period_lists = sa.Table(
    "period_lists",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("list_name", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("reasons", ARRAY(sa.Text), nullable=False),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    sa.CheckConstraint("list_name IN ('red', 'black')", name="period_lists_name"),
)

anomalies = sa.Table(
    "anomalies",
    metadata,
    sa.Column("anomaly_id", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("indicator_codes", ARRAY(sa.Text), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("run_id", sa.BigInteger, nullable=False),
    _created("detected_at"),
    sa.UniqueConstraint(
        "period", "unit_id", "rule", "indicator_codes", name="anomalies_once_per_cause"
    ),
    sa.Index("anomalies_by_unit", "unit_id", "period"),
)

monitoring_checks = sa.Table(
    "monitoring_checks",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("indicator_code", sa.Text, primary_key=True),
    sa.Column("list_version", sa.Integer, nullable=False),
    sa.Column("actual", sa.Float, nullable=False),
    sa.Column("planned", sa.Float, nullable=False),
    sa.Column("shortfall", sa.Float, nullable=False),
    sa.Column("behind", sa.Boolean, nullable=False),
    sa.Column("observation_id", sa.BigInteger, nullable=False),
    sa.Column("observation_revision", sa.Integer, nullable=False),
    _created("checked_at"),
)

# Events that must go out once per cause (weakness, bottom rank, interview, anomaly), even when a
# period is scored again: the natural key of each cause, recorded with the event that announced it.
emitted_causes = sa.Table(
    "emitted_causes",
    metadata,
    sa.Column("event_type", sa.Text, primary_key=True),
    sa.Column("subject_id", sa.Text, primary_key=True),
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("cause", sa.Text, primary_key=True),
    sa.Column("event_id", UUID(as_uuid=True), nullable=False),
    _created("emitted_at"),
)

# Every record behind a portrait score: (source, reference) names the record (a daily record's id, an
# item's unit/indicator, an enrolment, a term result) or, for 360 answers, only the rater group.
portrait_evidence = sa.Table(
    "portrait_evidence",
    metadata,
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("cadre_id", sa.Text, nullable=False),
    sa.Column("capability", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reference", sa.Text, nullable=False),
    sa.Column("leaf_index", sa.BigInteger),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Index("portrait_evidence_by_cadre", "period", "cadre_id"),
)

# Weaknesses that stand now per period: a run flags what is new here and clears what is gone.
open_weaknesses = sa.Table(
    "open_weaknesses",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("capability", sa.Text, primary_key=True),
    sa.Column("severity", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("threshold", sa.Float, nullable=False),
    # What the weakness was judged against, to say why it later cleared.
    sa.Column("rules_digest", sa.Text, nullable=False),
    sa.Column("event_id", UUID(as_uuid=True), nullable=False),
    _created("flagged_at"),
)

# The capability profile last announced per cadre and period: a re-run announces only changes.
emitted_profiles = sa.Table(
    "emitted_profiles",
    metadata,
    sa.Column("period", sa.Text, primary_key=True),
    sa.Column("cadre_id", sa.Text, primary_key=True),
    sa.Column("digest", sa.Text, nullable=False),
    _created("emitted_at"),
)


# --- Cases the evidence ledger records: approvals of changes to locked periods, exemptions, appeals
# and the re-scoring upheld appeals ask for. Defined by functions so migrations can create them as
# first defined on a scratch metadata.

OPEN_EXEMPTION = "status IN ('submitted', 'approved')"
OPEN_APPEAL = "status IN ('submitted', 'under_review')"


def _stamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _step(prefix: str, nullable: bool = True) -> list[sa.Column]:
    """Who took a step of a case, in which role, and when."""
    return [
        sa.Column(f"{prefix}_by", sa.Text, nullable=nullable),
        sa.Column(f"{prefix}_role", sa.Text, nullable=nullable),
        _stamp(f"{prefix}_at", nullable=nullable),
    ]


def _subject() -> list[sa.Column]:
    return [
        sa.Column(
            "subject_kind",
            sa.Text,
            sa.CheckConstraint("subject_kind IN ('unit', 'cadre')"),
            nullable=False,
        ),
        sa.Column("subject_id", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("cadre_id", sa.Text),
        sa.Column("period", sa.Text, nullable=False),
    ]


def define_case_tables(meta: sa.MetaData) -> dict[str, sa.Table]:
    approval_keys = sa.Table(
        "approval_keys",
        meta,
        sa.Column("key_id", sa.Text, primary_key=True),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("public_key", sa.Text, nullable=False, unique=True),
        sa.Column("registered_by", sa.Text, nullable=False),
        _stamp("registered_at"),
        sa.Column("revoked_by", sa.Text),
        _stamp("revoked_at", nullable=True),
    )
    approval_policies = sa.Table(
        "approval_policies",
        meta,
        sa.Column("change_kind", sa.Text, primary_key=True),
        sa.Column("required", sa.SmallInteger, sa.CheckConstraint("required >= 1"), nullable=False),
        sa.Column("roles", ARRAY(sa.Text), nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        _stamp("updated_at"),
    )
    authorisations = sa.Table(
        "locked_change_authorisations",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("change_kind", sa.Text, nullable=False),
        sa.Column("record_id", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text),
        sa.Column("content", JSONB, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("digest", sa.Text, nullable=False),
        sa.Column("signatures", JSONB, nullable=False),
        *_step("authorised", nullable=False),
        sa.Column("leaf_index", sa.BigInteger, nullable=False),
        _stamp("applied_at", nullable=True),
        sa.Column("applied_leaf_index", sa.BigInteger),
    )
    sa.Index("locked_change_record", authorisations.c.change_kind, authorisations.c.record_id)
    categories = sa.Table(
        "exemption_categories",
        meta,
        sa.Column("code", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("conditions", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("position", sa.SmallInteger, nullable=False, server_default="0"),
        sa.Column("updated_by", sa.Text, nullable=False),
        _stamp("updated_at"),
    )
    exemptions = sa.Table(
        "exemptions",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        *_subject(),
        sa.Column("category_code", sa.Text, sa.ForeignKey(categories.c.code), nullable=False),
        sa.Column("indicator_code", sa.Text, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("evidence", JSONB, nullable=False),
        sa.Column(
            "status",
            sa.Text,
            sa.CheckConstraint("status IN ('submitted', 'approved', 'rejected')"),
            nullable=False,
        ),
        *_step("applied", nullable=False),
        *_step("decided"),
        sa.Column("decision_reason", sa.Text),
    )
    sa.Index("exemptions_period", exemptions.c.period, exemptions.c.status)
    sa.Index(
        "exemptions_one_open",
        exemptions.c.subject_kind,
        exemptions.c.subject_id,
        exemptions.c.period,
        exemptions.c.indicator_code,
        unique=True,
        postgresql_where=sa.text(OPEN_EXEMPTION),
    )
    appeals = sa.Table(
        "appeals",
        meta,
        sa.Column("id", sa.Text, primary_key=True),
        *_subject(),
        sa.Column("indicator_code", sa.Text),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column(
            "status",
            sa.Text,
            sa.CheckConstraint("status IN ('submitted', 'under_review', 'upheld', 'rejected')"),
            nullable=False,
        ),
        *_step("submitted", nullable=False),
        *_step("review"),
        *_step("decided"),
        sa.Column("decision_reason", sa.Text),
    )
    sa.Index("appeals_period", appeals.c.period, appeals.c.status)
    sa.Index(
        "appeals_one_open",
        appeals.c.subject_kind,
        appeals.c.subject_id,
        appeals.c.period,
        sa.func.coalesce(appeals.c.indicator_code, ""),
        unique=True,
        postgresql_where=sa.text(OPEN_APPEAL),
    )
    rescoring = sa.Table(
        "rescoring_requests",
        meta,
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        *_subject(),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("cause_id", sa.Text, nullable=False),
        _stamp("requested_at"),
        _stamp("completed_at", nullable=True),
        sa.Column("completed_by_run", sa.Text),
    )
    sa.Index(
        "rescoring_pending", rescoring.c.period, postgresql_where=sa.text("completed_at IS NULL")
    )
    return {
        table.name: table
        for table in (
            approval_keys,
            approval_policies,
            authorisations,
            categories,
            exemptions,
            appeals,
            rescoring,
        )
    }


def define_period_locks(meta: sa.MetaData) -> sa.Table:
    """Locked periods: from the lock on, a change to their observations or scores needs M-of-N approval."""
    return sa.Table(
        "period_locks",
        meta,
        sa.Column("period", sa.Text, primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        *_step("locked", nullable=False),
        sa.Column("leaf_index", sa.BigInteger, nullable=False),
    )


_cases = define_case_tables(metadata)
approval_keys = _cases["approval_keys"]
approval_policies = _cases["approval_policies"]
locked_change_authorisations = _cases["locked_change_authorisations"]
exemption_categories = _cases["exemption_categories"]
exemptions = _cases["exemptions"]
appeals = _cases["appeals"]
rescoring_requests = _cases["rescoring_requests"]
period_locks = define_period_locks(metadata)
