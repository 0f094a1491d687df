"""The portrait of an assessment's cadres from their portfolios alone, as the engine's arrays give
them: each cadre answers for the areas of their CadreInputs (share 1), a principal for the whole unit."""

from __future__ import annotations

import numpy as np

from services.scoring.domain.assessment import Assessment, AssessmentInputs
from services.scoring.domain.competency import SOURCES
from services.scoring.domain.portfolio import Portfolios, answered_items, portfolio_records
from services.scoring.domain.portrait import Portrait, PortraitInputs, PortraitRules, portray


def portfolio_portrait(
    inputs: AssessmentInputs, result: Assessment, target: float = 60.0
) -> Portrait:
    cadres = inputs.cadres
    n_indicators = int(inputs.items.indicator.max()) + 1 if len(inputs.items) else 1
    portfolios = Portfolios(
        dimension_cadre=cadres.area_cadre,
        dimension=cadres.area_dimension,
        dimension_share=np.ones(len(cadres.area_cadre)),
        indicator_cadre=np.zeros(0, np.int64),
        indicator=np.zeros(0, np.int64),
        indicator_share=np.zeros(0),
    )
    answered = answered_items(
        inputs.items, cadres.unit, inputs.cadre_level, portfolios, inputs.n_dimensions, n_indicators
    )
    k = inputs.n_capabilities
    records, _ = portfolio_records(
        inputs.items, result.item_scores, inputs.tags, np.arange(k), answered
    )
    weights = np.zeros((k, len(SOURCES)))
    weights[:, 0] = 1.0
    return portray(
        PortraitInputs(
            n_cadres=len(cadres),
            level=inputs.cadre_level,
            peer_group=np.zeros(len(cadres), np.int64),
            targets=np.full((3, k), target),
            weights=weights,
            sources={"portfolio": records},
        ),
        PortraitRules(),
    )
