"""The vectorised engine against the per-observation loop, on a synthetic city of 60 units."""

import math

import numpy as np
import pytest

from services.scoring.domain.assessment import assess
from services.scoring.domain.grading import GRADES
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring import synthetic
from tests.unit.scoring.naive_reference import naive_assessment, plain
from tests.unit.scoring.portfolio_portrait import portfolio_portrait


@pytest.fixture(scope="module")
def both():
    # Lower grade thresholds than the defaults, so that the quota has candidates to turn away.
    settings = AssessmentSettings(
        excellent_from=80.0,
        competent_from=70.0,
        basically_competent_from=60.0,
        cumulative_indicators=synthetic.CUMULATIVE,
    )
    city = synthetic.city(units=60, seed=11)
    inputs, rules = synthetic.inputs_of(city, settings)
    return assess(inputs, settings), naive_assessment(plain(inputs, rules), settings), city


@pytest.fixture(scope="module")
def portrait(both):
    engine, _, city = both
    inputs, _ = synthetic.inputs_of(
        city, AssessmentSettings(cumulative_indicators=synthetic.CUMULATIVE)
    )
    return portfolio_portrait(inputs, engine)


def test_unit_scores_and_grades_match(both):
    engine, naive, _ = both
    assert engine.units.score.tolist() == naive["unit_score"]
    assert [GRADES[g] for g in engine.unit_grading.grade] == naive["unit_grade"]
    assert engine.unit_grading.rank.tolist() == naive["unit_rank"]


def test_cadre_totals_grades_and_ranks_match(both):
    engine, naive, city = both
    assert len(naive["cadre_total"]) == len(city.cadre_ids)
    for c, total in naive["cadre_total"].items():
        assert engine.cadres.total[c] == total, c
        assert GRADES[engine.cadre_grading.grade[c]] == naive["cadre_grade"][c]
        assert engine.cadre_grading.rank[c] == naive["cadre_rank"][c]
    assert set(np.flatnonzero(engine.bottom_ranked).tolist()) == naive["bottom_ranked"]


def test_portfolio_portraits_match(both, portrait):
    _, naive, city = both
    scores = portrait.by_source[0]
    # Principals and deputies have portfolios, grassroots staff none: both kinds are compared.
    assert 0 < len(naive["profiles"]) < len(city.cadre_ids)
    for c in range(scores.shape[0]):
        present = {k: v for k, v in enumerate(scores[c].tolist()) if not math.isnan(v)}
        assert present == naive["profiles"].get(c, {}), c


def test_the_synthetic_city_exercises_every_rule(both):
    """Vetoes, failed red lines, quotas and resubmissions all occur, so the comparison means something."""
    engine, _, city = both
    assert engine.units.veto.any() and engine.units.veto_excellence.any()
    assert engine.item_scores.failed.any() and (engine.item_scores.deducted > 0).any()
    grades = engine.cadre_grading
    assert ((grades.capped == 0) & (grades.grade == 1)).any(), (
        "no excellent candidate lost out to the quota"
    )
    assert (city.obs_revision > 1).any()
