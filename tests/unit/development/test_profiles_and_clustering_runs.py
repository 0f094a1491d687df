"""Capability profiles kept, training effect measured, clustering runs recorded: against the fakes."""

from __future__ import annotations

import numpy as np
import pytest

from services.common.errors import NotFound, ValidationFailed
from services.development.domain.projection import project
from services.development.service_layer import handlers
from services.development.service_layer.clustering_runs import COMPLETED, NOT_RUN
from tests.unit.development.builders import cohort, profile, programme, weakness
from tests.unit.development.fakes import fake_development

TARGETS = {"digital_governance": 70.0, "investment_attraction": 70.0}


async def test_the_latest_profile_of_a_period_replaces_the_earlier_one():
    development, store = fake_development()
    await development.handle(profile("C-1", "2025", {"digital_governance": 50.0}))
    await development.handle(profile("C-1", "2025", {"digital_governance": 64.0}))
    assert store.profiles[("C-1", "2025")].scores == {"digital_governance": 64.0}


async def test_training_effect_compares_enrolled_cadres_with_their_peers():
    development, _ = fake_development()
    await development.execute(handlers.create_programme, programme("camp"))
    await development.execute(handlers.add_cohort, cohort("camp-1", capacity=5))
    await development.handle(weakness("C-1"))
    for cadre_id, before, after in (("C-1", 40.0, 70.0), ("C-2", 45.0, 50.0)):
        await development.handle(profile(cadre_id, "2024", {"digital_governance": before}))
        await development.handle(profile(cadre_id, "2025", {"digital_governance": after}))
    found, [effect] = await development.execute(
        handlers.measure_training_effect, "camp", "2024", "2025"
    )
    assert found.id == "camp"
    assert effect.difference_in_differences == pytest.approx(30.0 - 5.0)
    assert (effect.enrolled_count, effect.comparison_count) == (1, 1)
    with pytest.raises(ValidationFailed, match="two different periods"):
        await development.execute(handlers.measure_training_effect, "camp", "2025", "2025")
    with pytest.raises(NotFound):
        await development.execute(handlers.measure_training_effect, "none", "2024", "2025")


async def test_a_run_without_profiles_is_recorded_as_not_run():
    development, store = fake_development()
    run_id = await development.retrain_clustering(None, "admin")
    [(values, summaries)] = store.runs
    assert (values["id"], values["status"], values["period"]) == (run_id, NOT_RUN, None)
    assert "no capability profiles" in values["message"] and summaries == []


async def test_a_run_with_too_few_cadres_says_why():
    development, store = fake_development(development_clustering_min_cadres=30)
    for n in range(5):
        await development.handle(profile(f"C-{n}", "2025", {"digital_governance": 50.0 + n}))
    await development.retrain_clustering("2025", "admin")
    [(values, _)] = store.runs
    assert values["status"] == NOT_RUN and values["cadre_count"] == 5
    assert values["message"].startswith("2025: only 5 cadres")


async def test_a_completed_run_keeps_its_clusters_and_model():
    development, store = fake_development(development_clustering_min_cadres=30)
    await development.execute(handlers.create_programme, programme("camp"))
    rng = np.random.default_rng(7)
    for n in range(60):
        weak = n % 2 == 0
        scores = {
            "digital_governance": float(rng.normal(40 if weak else 85, 3)),
            "investment_attraction": float(rng.normal(80 if weak else 45, 3)),
        }
        await development.handle(profile(f"C-{n:03}", "2025", scores, targets=TARGETS))
    run_id = await development.retrain_clustering(None, "admin")
    [(values, summaries)] = store.runs
    assert (values["status"], values["period"], values["k"]) == (COMPLETED, "2025", 2)
    assert values["requested_by"] == "admin" and values["data_snapshot"].startswith("sha256:")
    assert sorted(s.size for s in summaries) == [30, 30]
    [camp] = [s for s in summaries if s.defining_capabilities[0] == "digital_governance"]
    assert camp.recommendation.startswith("open a camp (Camp) for 30 cadres: cluster of 30")
    assert (camp.programme_kind, camp.cohort_size) == ("camp", 30)
    # Half the deputies below each target: no gap is common at the default 70%.
    assert store.common_gaps[run_id] == []
    assert run_id in development.model_store.saved
    with pytest.raises(ValidationFailed):
        await development.retrain_clustering("last year", "admin")


async def test_a_run_keeps_the_common_gaps_also_when_everyone_is_alike():
    development, store = fake_development(development_common_gap_share=0.8)
    for n in range(40):
        # Everyone 20 points short of the digital-governance target: no groups, one common gap.
        await development.handle(
            profile(f"C-{n:03}", "2025", {"digital_governance": 50.0}, targets=TARGETS)
        )
    run_id = await development.retrain_clustering("2025", "admin")
    [(values, summaries)] = store.runs
    assert values["status"] == NOT_RUN and summaries == []
    [gap] = store.common_gaps[run_id]
    assert (gap.capability, gap.position_level, gap.share, gap.cohort_size) == (
        "digital_governance",
        "deputy",
        1.0,
        40,
    )
    assert gap.programme_kind == "camp" and gap.programme_name is None
    assert values["message"].endswith(
        "1 common gap, widest: digital governance: 100% of deputy-level cadres below target "
        "(40 of 40) -> open a camp in digital governance (no programme offers it yet) for 40 cadres"
    )


async def test_a_completed_run_keeps_a_picture_of_its_clusters_apart_on_the_first_axis():
    development, store = fake_development(development_clustering_min_cadres=30)
    rng = np.random.default_rng(11)
    for n in range(60):
        weak = n % 2 == 0
        scores = {
            "digital_governance": float(rng.normal(40 if weak else 85, 3)),
            "investment_attraction": float(rng.normal(80 if weak else 45, 3)),
            "emergency_response": float(rng.normal(60, 3)),
        }
        await development.handle(profile(f"C-{n:03}", "2025", scores))
    run_id = await development.retrain_clustering("2025", "admin")
    picture = store.projections[run_id]
    assert len(picture.cadre_ids) == len(picture.x) == len(picture.y) == 60
    assert sorted(set(picture.clusters)) == [0, 1]
    first_axis = {k: [x for x, c in zip(picture.x, picture.clusters) if c == k] for k in (0, 1)}
    # Two groups differing along one direction: that direction is the first component.
    assert max(first_axis[0]) < min(first_axis[1]) or max(first_axis[1]) < min(first_axis[0])
    assert picture.explained_variance[0] > 0.5 and sum(picture.explained_variance) <= 1.0


def test_a_projection_of_one_capability_draws_it_on_the_first_axis_only():
    scaled = np.array([[-1.0], [-0.9], [1.0], [1.1]])
    picture = project(["a", "b", "c", "d"], scaled, np.array([0, 0, 1, 1]), 10, 42)
    assert picture.y == [0.0] * 4 and picture.explained_variance == [1.0, 0.0]
    assert abs(picture.x[0] - picture.x[3]) > 1.5


def test_a_large_city_is_drawn_from_a_fixed_sample():
    rng = np.random.default_rng(3)
    scaled = rng.normal(size=(500, 4))
    ids = [f"C-{n}" for n in range(500)]
    first = project(ids, scaled, np.zeros(500, int), 50, 42)
    again = project(ids, scaled, np.zeros(500, int), 50, 42)
    assert len(first.cadre_ids) == 50 and first == again
