"""What scoring's handlers put in the ledger: the entries are plain JSON whatever the rows hold."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import numpy as np

from schemas.events import IndicatorListPublished
from schemas.events.indicator import ListItem
from services.scoring.ledger.domain.leaves import leaf_bytes, read_leaf
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.period_locks import observation_change

AT = datetime(2025, 3, 31, tzinfo=UTC)


def test_a_published_list_is_the_units_commitment() -> None:
    item = ListItem(
        indicator_code="IND-FOREST-COVERAGE",
        name="Forest coverage",
        dimension="ecology",
        kind="scored",
        direction="higher_is_better",
        unit_of_measure="%",
        weight=100,
        target=74.49,
        data_source="auto_feed",
        frequency="annual",
    )
    event = IndicatorListPublished(
        list_id="L-1",
        unit_id="U-JISHOU",
        unit_category="municipal_department",
        year=2025,
        version=2,
        effective_from=date(2025, 1, 1),
        items=(item,),
    )
    entry = log_entries.commitment(event)
    assert (entry.kind, entry.record_id) == ("commitment", "U-JISHOU/2025/v2")
    assert entry.content["items"][0]["target"] == 74.49


def test_observation_revisions_name_the_stored_revision() -> None:
    observation = SimpleNamespace(
        unit_id="U-1",
        indicator_code="IND-PRESCHOOL-FUNDS-EXECUTION",
        value=89.44,
        unit_of_measure="%",
        source="reported",
    )
    accepted = [
        SimpleNamespace(observation=observation, period=SimpleNamespace(text="2023"), version=1)
    ]
    stored = [SimpleNamespace(observation_id=7, revision=2)]
    [entry] = log_entries.observation_revisions(accepted, stored, "graphql", ["reporter-1"], [AT])
    assert (entry.record_id, entry.content["revision"], entry.content["value"]) == ("7", 2, 89.44)
    assert observation_change("U-1", "IND-PRESCHOOL-FUNDS-EXECUTION", "2023", 89.44, "%") == (
        "U-1/IND-PRESCHOOL-FUNDS-EXECUTION/2023",
        {"value": 89.44, "unit_of_measure": "%"},
    )


def test_published_scores_turn_numpy_and_missing_values_into_json() -> None:
    columns = {
        "unit_scores": ("period", "unit_id", "score", "satisfaction", "rank"),
        "cadre_scores": ("period", "cadre_id", "total"),
    }
    records = {
        "unit_scores": [("2025", "U-1", np.float64(91.5), float("nan"), np.int64(3))],
        "cadre_scores": [("2025", "C-1", 88.0)],
        "score_contributions": [("ignored",)],
    }
    entries = log_entries.published_scores("2025", columns, records)
    assert [e.record_id for e in entries] == ["unit/U-1/2025", "cadre/C-1/2025"]
    content = read_leaf(
        leaf_bytes(entries[0].kind, entries[0].record_id, entries[0].content, "t")
    ).content
    assert content == {
        "period": "2025",
        "unit_id": "U-1",
        "score": 91.5,
        "satisfaction": None,
        "rank": 3,
    }
