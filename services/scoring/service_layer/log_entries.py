"""The records scoring's own handlers put in the ledger, shaped once here.

Each handler calls `ledger.record_many(uow, ...)` with these entries in the unit of work that
stores what they describe: a published list (the unit's commitment), observation revisions, and
the scores a run publishes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from schemas.events import IndicatorListPublished
from services.scoring.ledger import Entry

# The kinds of record scoring keeps in the log; its handlers name theirs with these.
COMMITMENT = "commitment"
OBSERVATION_REVISION = "observation_revision"
EVIDENCE = "evidence"
PUBLISHED_SCORE = "published_score"
LOCKED_CHANGE = "locked_change"
EXEMPTION = "exemption"
APPEAL = "appeal"
RESCORING = "rescoring"
MISSING_DATA_WAIVER = "missing_data_waiver"
COMPETENCY_MODEL = "competency_model"
PORTFOLIO = "portfolio"
DAILY_RECORD = "daily_record"
COMPETENCE_BALLOT = "competence_ballot"
TRAINING_RESULT = "training_result"
TERM_RESULT = "term_result"
KIND_REFERENCE = {
    COMMITMENT: "a unit's published targets (indicator list version)",
    OBSERVATION_REVISION: "one revision of an observed value",
    EVIDENCE: "the SHA-256 of an evidence file",
    PUBLISHED_SCORE: "a published unit or cadre score",
    LOCKED_CHANGE: "a change to a locked period with its M-of-N signatures",
    EXEMPTION: "a step of a fault-tolerance exemption",
    APPEAL: "a step of an appeal",
    RESCORING: "a re-scoring asked for by an upheld appeal, and its completion",
    MISSING_DATA_WAIVER: "an assessor's waiver letting a result without some mandatory data become final",
    COMPETENCY_MODEL: "a published version of the competency model",
    PORTFOLIO: "a cadre's portfolio for a year (dimensions and indicators with shares)",
    DAILY_RECORD: "a daily record of a cadre, or its correction",
    COMPETENCE_BALLOT: "one anonymous 360 ballot (rater group and answers, never the rater)",
    TRAINING_RESULT: "a trainer's result for a cadre's enrolment",
    TERM_RESULT: "a term result of a cadre for a capability",
}

# Score tables whose rows are published results, with the column naming whose result a row is.
PUBLISHED_TABLES = {"unit_scores": ("unit", "unit_id"), "cadre_scores": ("cadre", "cadre_id")}


def commitment(event: IndicatorListPublished) -> Entry:
    """A unit's published targets: the whole list version as the indicator service published it."""
    return Entry(
        COMMITMENT, f"{event.unit_id}/{event.year}/v{event.version}", event.model_dump(mode="json")
    )


def observation_revisions(
    accepted: Sequence[Any],
    stored: Sequence[Any],
    channel: str,
    reported_by: Sequence[str],
    reported_at: Sequence[datetime],
) -> list[Entry]:
    """One leaf per stored revision (`accepted`: checked observations; `stored`: their ids and revisions)."""
    return [
        Entry(
            OBSERVATION_REVISION,
            str(saved.observation_id),
            {
                "observation_id": saved.observation_id,
                "revision": saved.revision,
                "unit_id": item.observation.unit_id,
                "indicator_code": item.observation.indicator_code,
                "period": item.period.text,
                "value": item.observation.value,
                "unit_of_measure": item.observation.unit_of_measure,
                "source": item.observation.source,
                "list_version": item.version,
                "channel": channel,
                "reported_by": by,
                "reported_at": at,
            },
        )
        for item, saved, by, at in zip(accepted, stored, reported_by, reported_at)
    ]


def _plain(value: Any) -> Any:
    """Row values as JSON takes them: numpy scalars as Python numbers, NaN (nothing observed) as null."""
    value = (
        value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value
    )
    return None if isinstance(value, float) and not math.isfinite(value) else value


def published_scores(
    period: str,
    columns: Mapping[str, Sequence[str]],
    records: Mapping[str, Iterable[tuple[Any, ...]]],
) -> list[Entry]:
    """One leaf per unit and cadre score a run publishes for `period`, as written to its table."""
    entries = []
    for table, (subject, key) in PUBLISHED_TABLES.items():
        names = columns[table]
        for row in records.get(table, ()):
            content = {name: _plain(value) for name, value in zip(names, row)}
            entries.append(Entry(PUBLISHED_SCORE, f"{subject}/{content[key]}/{period}", content))
    return entries
