"""A run's results as table rows: scores with what explains them, and the red and black lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import numpy as np

from services.scoring.domain.assessment import POSITION_LEVELS, Assessment
from services.scoring.domain.engine import EFFECT_EXEMPTED, EFFECTS
from services.scoring.domain.grading import GRADES
from services.scoring.domain.period_lists import ListEntry
from services.scoring.domain.rules import AGGREGATES, KINDS
from services.scoring.service_layer.run_context import RunContext

GRADE_CAPS = ("none", "competent (veto of excellence)", "basically competent (full veto)")


def _optional(values: np.ndarray) -> list[Any]:
    """Floats with None where NaN (SQL NULL)."""
    out = values.astype(object)
    out[np.isnan(values)] = None
    plain: list[Any] = out.tolist()
    return plain


def _cited(column: np.ndarray, cited: np.ndarray) -> list[Any]:
    """The column's value at each cited observation (0 where none is cited)."""
    if not len(column):
        return [0] * len(cited)
    values: list[Any] = np.where(cited >= 0, column[np.maximum(cited, 0)], 0).tolist()
    return values


def _unreported(context: RunContext, result: Assessment) -> tuple[dict[int, list[str]], ...]:
    """Per unit, the codes of its unreported items and of its unreported red lines and vetoes (the
    items are in code order within a unit, so the lists are too)."""
    missing: dict[int, list[str]] = defaultdict(list)
    mandatory: dict[int, list[str]] = defaultdict(list)
    scores, unit_of = result.item_scores, context.inputs.items.unit
    codes = context.item_codes
    for item in np.flatnonzero(~scores.observed).tolist():
        missing[int(unit_of[item])].append(codes[item])
        if scores.mandatory_missing[item]:
            mandatory[int(unit_of[item])].append(codes[item])
    return missing, mandatory


def unit_rows(
    context: RunContext, result: Assessment, run_id: int, block_missing: bool = False
) -> list[tuple[Any, ...]]:
    """`block_missing`: results with unreported red lines or vetoes are blocked (the setting)."""
    units, grading = result.units, result.unit_grading
    missing, mandatory = _unreported(context, result)
    rows = []
    satisfaction = _optional(units.satisfaction)
    period = context.period.text
    for u in np.flatnonzero(units.scored).tolist():
        unit_id = context.unit_ids[u]
        rows.append(
            (
                period,
                unit_id,
                run_id,
                context.rows.units.version[u],
                context.rows.units.scheme[u],
                context.unit_category(u),
                units.weighted_sum[u],
                units.deductions[u],
                units.list_score[u],
                satisfaction[u],
                context.rows.satisfaction.get(unit_id, (None, 0))[1],
                units.public_weight[u],
                units.score[u],
                int(units.red_lines_failed[u]),
                bool(units.veto_excellence[u]),
                bool(units.veto[u]),
                GRADES[grading.by_threshold[u]],
                GRADES[grading.grade[u]],
                int(grading.rank[u]),
                int(grading.group_size[u]),
                int(grading.excellent_slots[u]),
                units.completeness[u],
                missing.get(u, []),
                mandatory.get(u, []),
                block_missing and u in mandatory,
            )
        )
    return [tuple(float(v) if isinstance(v, np.floating) else v for v in row) for row in rows]


def contribution_rows(
    context: RunContext, result: Assessment, run_id: int
) -> list[tuple[Any, ...]]:
    items, scores, aggregates = context.inputs.items, result.item_scores, result.aggregates
    observations = context.inputs.observations
    builder = context.rows.items
    has_cited = aggregates.cited >= 0
    cited_id = _cited(observations.observation_id, aggregates.cited)
    cited_revision = _cited(observations.revision, aggregates.cited)
    descriptions: dict[tuple[Any, ...], str] = {}
    weight, target = items.weight.tolist(), _optional(items.target)
    value = _optional(aggregates.value)
    kinds = items.take("kind").tolist()
    aggregate_names = items.take("aggregate").tolist()
    rule_numbers = items.rule.tolist()
    versions = context.rows.units.version
    period = context.period.text
    # An exemption is named where it removed a deduction, not on every item it would cover.
    exemption_ids = context.exempted.named(scores.effect == EFFECT_EXEMPTED)
    columns = zip(
        items.unit.tolist(),
        context.item_codes,
        items.dimension.tolist(),
        rule_numbers,
        weight,
        target,
        value,
        scores.fraction.tolist(),
        scores.points.tolist(),
        scores.deducted.tolist(),
        scores.effect.tolist(),
        has_cited.tolist(),
        cited_id,
        cited_revision,
        aggregates.count.tolist(),
        kinds,
        aggregate_names,
        exemption_ids,
    )
    rows = []
    for (
        unit,
        code,
        dimension,
        rule,
        w,
        t,
        v,
        fraction,
        points,
        deducted,
        effect,
        cites,
        obs_id,
        revision,
        used,
        kind,
        aggregate,
        exemption_id,
    ) in columns:
        key = (rule, w, t)
        description = descriptions.get(key)
        if description is None:
            description = descriptions[key] = replace(
                builder.rules[rule], weight=w, target=t
            ).describe()
        rows.append(
            (
                period,
                context.unit_ids[unit],
                code,
                run_id,
                versions[unit],
                context.dimensions[dimension],
                KINDS[kind],
                description,
                AGGREGATES[aggregate],
                w,
                t,
                v,
                round(fraction, 6),
                points,
                deducted,
                EFFECTS[effect],
                obs_id if cites else None,
                revision if cites else None,
                used,
                exemption_id,
            )
        )
    return rows


def cadre_rows(context: RunContext, result: Assessment, run_id: int) -> list[tuple[Any, ...]]:
    scores, grading, cadres = result.cadres, result.cadre_grading, context.inputs.cadres
    scored = np.flatnonzero(~np.isnan(scores.total)).tolist()
    own, term = _optional(scores.own), _optional(scores.term)
    w = {name: values.tolist() for name, values in scores.weights.items()}
    period = context.period.text
    rows = []
    for c in scored:
        unit = int(cadres.unit[c])
        rows.append(
            (
                period,
                context.cadre_ids[c],
                run_id,
                context.unit_ids[unit],
                context.unit_category(unit),
                POSITION_LEVELS[context.inputs.cadre_level[c]],
                float(scores.work[c]),
                float(scores.area[c]),
                own[c],
                float(scores.annual[c]),
                float(scores.daily[c]),
                float(cadres.daily_points[c]),
                term[c],
                float(scores.total[c]),
                w["work"][c],
                w["area"][c],
                w["own"][c],
                w["daily"][c],
                w["annual"][c],
                w["term"][c],
                GRADES[grading.by_threshold[c]],
                GRADE_CAPS[result.cadre_cap[c]],
                GRADES[grading.grade[c]],
                int(grading.rank[c]),
                int(grading.group_size[c]),
                int(grading.excellent_slots[c]),
            )
        )
    return rows


def list_rows(context: RunContext, entries: list[ListEntry], run_id: int) -> list[tuple[Any, ...]]:
    return [(context.period.text, e.list_name, e.unit_id, list(e.reasons), run_id) for e in entries]
