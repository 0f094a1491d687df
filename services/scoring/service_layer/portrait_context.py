"""Turns a run's evidence rows into the portrait's arrays, and keeps what names each record.

The portrait's capabilities are the competency model's, in its order, then any capability the
lists' items are tagged with that the model does not name (judged from the portfolio alone against
the weakness threshold, see competency.tag_only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from services.scoring.adapters.portrait_input_repository import EvidenceRows
from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.domain.competency import SOURCES, CapabilitySpec, tag_only
from services.scoring.domain.portfolio import Portfolios, answered_items, portfolio_records
from services.scoring.domain.portrait import PortraitInputs, PortraitRules, SourceRecords
from services.scoring.domain.settings import AssessmentSettings
from services.scoring.service_layer.run_context import RunContext

RATER_GROUPS = ("superior", "peer", "subordinate")


@dataclass
class PortraitContext:
    specs: list[CapabilitySpec]
    model_version: int | None
    inputs: PortraitInputs
    rules: PortraitRules
    # Per source, aligned with its SourceRecords: the reference and ledger leaf of each row.
    references: dict[str, list[str]]
    leaves: dict[str, list[int | None]]
    # Per portfolio row: the item, and the revision of the observation its value cites (-1: none).
    portfolio_items: np.ndarray
    portfolio_revisions: np.ndarray

    @property
    def capabilities(self) -> list[str]:
        return [spec.code for spec in self.specs]


def rules_of(settings: AssessmentSettings) -> PortraitRules:
    return PortraitRules(
        daily_base=settings.daily_base,
        min_raters=settings.evaluation_min_raters,
        full_evidence=tuple(settings.portrait_full_evidence),
        min_confidence=settings.weakness_min_confidence,
        weakness_gap=settings.weakness_gap,
        bottom_share=settings.weakness_bottom_share,
        min_group=settings.min_peer_group,
        attainment_weight=settings.efficiency_attainment_weight,
        peer_weight=settings.efficiency_peer_weight,
    )


def _records(
    cadre_of: dict[str, int],
    code_of: dict[str, int],
    rows: list[tuple[Any, ...]],
    value_at: int,
) -> tuple[SourceRecords, list[int]]:
    """Rows with (.., cadre at 1, capability at 2, ..) of cadres and capabilities of the run."""
    kept = [i for i, row in enumerate(rows) if row[1] in cadre_of and row[2] in code_of]
    cadre = np.array([cadre_of[rows[i][1]] for i in kept], np.int64)
    capability = np.array([code_of[rows[i][2]] for i in kept], np.int64)
    value = np.array([rows[i][value_at] for i in kept], float)
    ones = np.ones(len(kept))
    return SourceRecords(cadre, capability, value, ones, ones.astype(np.int64)), kept


def build(
    context: RunContext, result: Assessment, rows: EvidenceRows, settings: AssessmentSettings
) -> PortraitContext:
    model = rows.model
    specs = list(model.capabilities) if model else []
    named = {spec.code for spec in specs}
    specs += [
        tag_only(code, settings.weakness_threshold)
        for code in sorted(set(context.capabilities) - named)
    ]
    code_of = {spec.code: k for k, spec in enumerate(specs)}
    cadre_of = {cadre_id: i for i, cadre_id in enumerate(context.cadre_ids)}
    run = context.inputs
    references: dict[str, list[str]] = {}
    leaves: dict[str, list[int | None]] = {}
    sources: dict[str, SourceRecords] = {}

    # The portfolio: unit item results through what each cadre answers for.
    dims = context.rows.items.dimensions
    codes = context.rows.items.indicators
    d_rows = [r for r in rows.dimensions if r[0] in cadre_of and dims.get(r[1]) >= 0]
    i_rows = [r for r in rows.indicators if r[0] in cadre_of and codes.get(r[1]) >= 0]
    portfolios = Portfolios(
        dimension_cadre=np.array([cadre_of[r[0]] for r in d_rows], np.int64),
        dimension=np.array([dims.get(r[1]) for r in d_rows], np.int64),
        dimension_share=np.array([r[2] for r in d_rows], float),
        indicator_cadre=np.array([cadre_of[r[0]] for r in i_rows], np.int64),
        indicator=np.array([codes.get(r[1]) for r in i_rows], np.int64),
        indicator_share=np.array([r[2] for r in i_rows], float),
    )
    answered = answered_items(
        run.items,
        run.cadres.unit,
        run.cadre_level,
        portfolios,
        max(len(dims), 1),
        max(len(codes), 1),
    )
    capability_of_tag = np.array([code_of[c] for c in context.capabilities] or [0], np.int64)
    sources["portfolio"], item = portfolio_records(
        run.items, result.item_scores, run.tags, capability_of_tag, answered
    )
    units, item_codes = context.unit_ids, context.item_codes
    references["portfolio"] = [
        f"{units[u]}/{item_codes[i]}" for u, i in zip(run.items.unit[item].tolist(), item.tolist())
    ]
    leaves["portfolio"] = [None] * len(item)
    cited = result.aggregates.cited[item]
    revisions = (
        np.where(cited >= 0, run.observations.revision[np.maximum(cited, 0)], -1)
        if len(cited)
        else np.zeros(0, np.int64)
    )

    for source, source_rows, prefix in (
        ("daily", rows.daily, "daily"),
        ("training", rows.training, "enrolment"),
        ("term", rows.term, "term"),
    ):
        sources[source], kept = _records(cadre_of, code_of, source_rows, 3)
        references[source] = [f"{prefix}/{source_rows[i][0]}" for i in kept]
        leaves[source] = [source_rows[i][4] for i in kept]

    # 360: one row per rater group, its mean weighted by the group's weight.
    group_weight = dict(zip(RATER_GROUPS, settings.rater_group_weights))
    ev = [r for r in rows.evaluations if r[0] in cadre_of and r[1] in code_of]
    sources["evaluation"] = SourceRecords(
        cadre=np.array([cadre_of[r[0]] for r in ev], np.int64),
        capability=np.array([code_of[r[1]] for r in ev], np.int64),
        value=np.array([r[4] / r[3] for r in ev], float),
        weight=np.array([group_weight.get(r[2], 0.0) for r in ev], float),
        count=np.array([r[3] for r in ev], np.int64),
    )
    references["evaluation"] = [f"360/{r[2]}" for r in ev]
    leaves["evaluation"] = [None] * len(ev)

    category = np.array(
        [context.unit_category(u) for u in range(len(context.unit_ids))] or ["-"], object
    )
    categories = {name: i for i, name in enumerate(sorted(set(category.tolist())))}
    unit = run.cadres.unit
    category_number = np.array([categories[c] for c in category.tolist()], np.int64)
    peer_group = np.where(
        unit >= 0,
        category_number[np.maximum(unit, 0)] * len(POSITION_LEVELS) + run.cadre_level,
        -1,
    )
    inputs = PortraitInputs(
        n_cadres=len(context.cadre_ids),
        level=run.cadre_level,
        peer_group=peer_group,
        targets=np.array(
            [[spec.targets[level] for spec in specs] for level in POSITION_LEVELS], float
        ).reshape(len(POSITION_LEVELS), len(specs)),
        weights=np.array(
            [[spec.sources.get(source, 0.0) for source in SOURCES] for spec in specs], float
        ).reshape(len(specs), len(SOURCES)),
        sources=sources,
    )
    return PortraitContext(
        specs=specs,
        model_version=model.version if model else None,
        inputs=inputs,
        rules=rules_of(settings),
        references=references,
        leaves=leaves,
        portfolio_items=item,
        portfolio_revisions=revisions,
    )
