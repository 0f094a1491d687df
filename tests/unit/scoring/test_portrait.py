"""The individual portrait from hand-made evidence: each source, the fusion, confidence, the 360
floor, the efficiency index and weaknesses."""

from __future__ import annotations

import math

import numpy as np
import pytest

from services.common.errors import ValidationFailed
from services.scoring.domain.competency import (
    SOURCES,
    CapabilitySpec,
    CompetencyModel,
    check_capabilities,
    publish,
)
from services.scoring.domain.portrait import (
    PortraitInputs,
    PortraitRules,
    SourceRecords,
    portray,
)

PORTFOLIO, DAILY, EVALUATION, TRAINING, TERM = range(len(SOURCES))


def records(rows: list[tuple[int, int, float, float, int]]) -> SourceRecords:
    if not rows:
        return SourceRecords.empty()
    cadre, capability, value, weight, count = zip(*rows)
    return SourceRecords(
        np.array(cadre, np.int64),
        np.array(capability, np.int64),
        np.array(value, float),
        np.array(weight, float),
        np.array(count, np.int64),
    )


def inputs(sources: dict[str, SourceRecords], n_cadres: int = 2, group=None) -> PortraitInputs:
    # One capability fed by portfolio 0.4, daily 0.2, evaluation 0.3, training 0.1 (term 0).
    weights = np.array([[0.4, 0.2, 0.3, 0.1, 0.0]])
    return PortraitInputs(
        n_cadres=n_cadres,
        level=np.zeros(n_cadres, np.int64),
        peer_group=np.zeros(n_cadres, np.int64) if group is None else np.array(group),
        targets=np.array([[75.0], [70.0], [60.0]]),
        weights=weights,
        sources=sources,
    )


def test_sources_fuse_by_the_model_weights_and_confidence_counts_backed_weight():
    portrait = portray(
        inputs(
            {
                # Two items: 90 worth 2 x 0.5 and 60 worth 1 x 1: (90 + 60) / 2 = 75.
                "portfolio": records([(0, 0, 90.0, 1.0, 1), (0, 0, 60.0, 1.0, 1)]),
                # 80 + 5 - 10 = 75, two records of the three for full confidence.
                "daily": records([(0, 0, 5.0, 1.0, 1), (0, 0, -10.0, 1.0, 1)]),
                # Groups: superiors 80 (0.4), peers 70 (0.3), subordinates 60 (0.3) -> 71; 6 raters.
                "evaluation": records(
                    [(0, 0, 80.0, 0.4, 2), (0, 0, 70.0, 0.3, 2), (0, 0, 60.0, 0.3, 2)]
                ),
            }
        ),
        PortraitRules(),
    )
    assert portrait.by_source[:3, 0, 0].tolist() == [75.0, 75.0, 71.0]
    assert math.isnan(portrait.by_source[TRAINING, 0, 0])
    # (0.4 x 75 + 0.2 x 75 + 0.3 x 71) / 0.9 = 73.6667 (4 decimals, as unit scores) (training has no score: left out).
    assert portrait.score[0, 0] == 73.6667
    assert portrait.evidence[0, 0] == 2 + 2 + 6
    # (0.4 x 1 + 0.2 x 2/3 + 0.3 x 1 + 0.1 x 0) / 1.0 = 0.83
    assert portrait.confidence[0, 0] == 0.83
    assert portrait.gap[0, 0] == 1.3333
    # Cadre 1 has nothing: no score, no confidence, no efficiency index.
    assert math.isnan(portrait.score[1, 0]) and portrait.confidence[1, 0] == 0.0
    assert math.isnan(portrait.efficiency[1])
    # Alone in the group with a score: percentile 50; 0.7 x (100 x 73.6667 / 75) + 0.3 x 50.
    assert portrait.efficiency[0] == round(0.7 * (100 * 73.6667 / 75) + 0.3 * 50, 4)


def test_fewer_raters_than_the_floor_show_no_evaluation_and_count_nothing():
    answers = records([(0, 0, 20.0, 0.4, 2), (0, 0, 30.0, 0.3, 2)])  # 4 raters
    portrait = portray(inputs({"evaluation": answers}), PortraitRules(min_raters=5))
    assert math.isnan(portrait.by_source[EVALUATION, 0, 0])
    assert portrait.counts[EVALUATION, 0, 0] == 0 and portrait.hidden[0, 0]
    assert math.isnan(portrait.score[0, 0]) and portrait.weaknesses.cadre.tolist() == []
    shown = portray(inputs({"evaluation": answers}), PortraitRules(min_raters=4))
    assert shown.by_source[EVALUATION, 0, 0] == round((0.4 * 20 + 0.3 * 30) / 0.7, 4)


def test_weak_only_below_the_target_on_enough_confidence():
    low = {"portfolio": records([(0, 0, 40.0, 1.0, 1), (1, 0, 90.0, 1.0, 1)])}
    # Portfolio alone backs 0.4 of the weight: under a floor of 0.5 nobody is weak.
    assert len(portray(inputs(low), PortraitRules()).weaknesses.cadre) == 0
    weak = portray(inputs(low), PortraitRules(min_confidence=0.4)).weaknesses
    assert weak.cadre.tolist() == [0] and weak.severity.tolist() == [1]  # medium: below only
    # A tolerance of 40 points under the target (75 - 40 = 35) clears it.
    tolerant = portray(inputs(low), PortraitRules(min_confidence=0.4, weakness_gap=40.0))
    assert len(tolerant.weaknesses.cadre) == 0


def test_the_bottom_of_a_large_group_is_weak_even_above_target():
    scores = [(c, 0, 80.0 + c, 1.0, 1) for c in range(6)]
    portrait = portray(
        inputs({"portfolio": records(scores)}, n_cadres=6),
        PortraitRules(min_confidence=0.4, bottom_share=0.2, min_group=5),
    )
    assert portrait.percentile[:, 0].tolist() == [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    assert portrait.weaknesses.cadre.tolist() == [0]
    assert portrait.weaknesses.severity.tolist() == [0]  # low: bottom share only


def spec(code: str = "digital_governance", **changes) -> CapabilitySpec:
    values = {
        "code": code,
        "name_zh": "数字治理",
        "name_en": "Digital governance",
        "targets": {"principal": 80.0, "deputy": 75.0, "grassroots": 65.0},
        "sources": {"portfolio": 0.4, "evaluation": 0.6},
    }
    return CapabilitySpec(**{**values, **changes})


def test_a_model_names_every_broken_field():
    with pytest.raises(ValidationFailed) as refused:
        check_capabilities(
            [
                spec(),
                spec(),
                spec("Bad Code", targets={"principal": 120.0, "deputy": 70.0}),
                spec("x_ok", sources={"rumour": 1.0}),
            ]
        )
    fields = {(p.field, p.rule) for p in refused.value.problems}
    assert ("capabilities[1].code", "distinct") in fields
    assert ("capabilities[2].code", "pattern") in fields
    assert ("capabilities[2].targets.principal", "range") in fields
    assert ("capabilities[2].targets.grassroots", "required") in fields
    assert ("capabilities[3].sources.rumour", "one_of") in fields
    assert ("capabilities[3].sources", "required") in fields


def test_publishing_supersedes_the_version_in_force_and_only_drafts_publish():
    old = CompetencyModel(1, "published", (spec(),))
    new, superseded = publish(CompetencyModel(2, "draft", (spec(),)), old)
    assert (new.status, superseded and superseded.status) == ("published", "superseded")
    with pytest.raises(ValidationFailed):
        publish(new, None)
