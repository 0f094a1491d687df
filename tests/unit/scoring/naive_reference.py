"""The scoring rules written the obvious way: a Python loop over every observation, then over items,
units and cadres. The vectorised engine must give the same figures (tests), and the rescoring
benchmark times both on the same data."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from services.scoring.domain.assessment import AssessmentInputs
from services.scoring.domain.rules import ItemRule
from services.scoring.domain.settings import AssessmentSettings

GRADES = ("excellent", "competent", "basically_competent", "incompetent")


def r4(value: float) -> float:
    return float(np.round(value, 4))


@dataclass
class PlainInputs:
    """The engine's inputs as Python lists and tuples."""

    items: list[
        tuple
    ]  # (unit, series_key, indicator, dimension, weight, target or None, rule number)
    rules: list[ItemRule]
    tags: list[tuple[int, int]]  # (item, capability)
    observations: list[tuple]  # (series_key, month, value, revision, observation_id)
    as_of_month: int
    categories: list[str]
    unit_category: list[int]
    satisfaction: list[float | None]
    cadres: list[tuple]  # (unit, level, own, term, daily points, weights dict)
    areas: list[tuple[int, int]]  # (cadre, dimension)
    n_capabilities: int


def plain(inputs: AssessmentInputs, rules: list[ItemRule]) -> PlainInputs:
    items = inputs.items
    target = [None if math.isnan(t) else t for t in items.target.tolist()]
    c = inputs.cadres
    weights = [
        {"work": a, "area": b, "own": d, "daily": e, "annual": f, "term": g}
        for a, b, d, e, f, g in zip(
            c.w_work.tolist(),
            c.w_area.tolist(),
            c.w_own.tolist(),
            c.w_daily.tolist(),
            c.w_annual.tolist(),
            c.w_term.tolist(),
        )
    ]
    o = inputs.observations
    return PlainInputs(
        items=list(
            zip(
                items.unit.tolist(),
                items.series_key.tolist(),
                items.indicator.tolist(),
                items.dimension.tolist(),
                items.weight.tolist(),
                target,
                items.rule.tolist(),
            )
        ),
        rules=list(rules),
        tags=list(zip(inputs.tags.item.tolist(), inputs.tags.capability.tolist())),
        observations=list(
            zip(
                o.series_key.tolist(),
                o.month.tolist(),
                o.value.tolist(),
                o.revision.tolist(),
                o.observation_id.tolist(),
            )
        ),
        as_of_month=inputs.as_of_month,
        categories=list(inputs.categories),
        unit_category=inputs.unit_category.tolist(),
        satisfaction=[None if math.isnan(s) else s for s in inputs.satisfaction.tolist()],
        cadres=[
            (
                u,
                level,
                None if math.isnan(own) else own,
                None if math.isnan(term) else term,
                points,
                w,
            )
            for u, level, own, term, points, w in zip(
                c.unit.tolist(),
                inputs.cadre_level.tolist(),
                c.own.tolist(),
                c.term.tolist(),
                c.daily_points.tolist(),
                weights,
            )
        ],
        areas=list(zip(c.area_cadre.tolist(), c.area_dimension.tolist())),
        n_capabilities=inputs.n_capabilities,
    )


def _aggregate(rule: ItemRule, months: list[tuple[int, float]]) -> float | None:
    if not months:
        return None
    values = [v for _, v in sorted(months)]
    return {
        "last": values[-1],
        "sum": sum(values),
        "mean": sum(values) / len(values),
        "max": max(values),
        "min": min(values),
    }[rule.aggregate]


def _reaches(rule: ItemRule, value: float, goal: float) -> bool:
    return value >= goal if rule.higher_is_better else value <= goal


def _score_item(
    rule: ItemRule, weight: float, target: float | None, value: float | None, s: AssessmentSettings
) -> tuple:
    """(fraction, points, deducted, failed, effect)"""
    if value is None:
        if rule.kind in ("veto_excellence", "veto") and s.missing_mandatory == "fail":
            return 0.0, 0.0, 0.0, False, "missing_data"
        if rule.kind == "red_line" and s.missing_mandatory == "fail":
            deducted = r4(s.red_line_points) if s.red_line_effect == "deduct" else 0.0
            return 0.0, 0.0, deducted, True, "missing_data"
        mandatory = rule.kind in ("red_line", "veto_excellence", "veto")
        return 0.0, 0.0, 0.0, False, "missing_data" if mandatory else "missing"
    if rule.kind == "deduction":
        deducted = r4(min(value * rule.points_per_incident, rule.max_points))
        return 0.0, 0.0, deducted, False, "deduct" if deducted > 0 else "none"
    reached = _reaches(rule, value, rule.threshold) if rule.method == "pass_fail" else False
    if rule.kind in ("veto_excellence", "veto"):
        return 0.0, 0.0, 0.0, False, ("none" if reached else rule.kind)
    if rule.method == "attainment":
        if rule.higher_is_better:
            ratio = value / target
        else:
            ratio = target / value if value > 0 else math.inf
        fraction = min(max(ratio, 0.0), rule.cap)
    elif rule.method == "bands":
        fraction = max(
            [band.share for band in rule.bands if _reaches(rule, value, band.bound)], default=0.0
        )
    else:
        fraction = 1.0 if reached else 0.0
    points = r4(weight * fraction)
    if rule.kind == "red_line" and not reached:
        deducted = r4(s.red_line_points) if s.red_line_effect == "deduct" else 0.0
        return fraction, points, deducted, True, s.red_line_effect
    return fraction, points, 0.0, False, "none"


def _grade(score: float, s: AssessmentSettings) -> int:
    if score >= s.excellent_from:
        return 0
    if score >= s.competent_from:
        return 1
    if score >= s.basically_competent_from:
        return 2
    return 3


def _grade_groups(members: dict, scores: dict, caps: dict, quota_of, s: AssessmentSettings):
    """members: group -> [row]; returns row -> (grade, rank, size, place from top)."""
    result = {}
    for group, rows in members.items():
        ordered = sorted(rows, key=lambda r: (-scores[r], r))
        size = len(ordered)
        places = math.floor(size * quota_of(group) + 0.5 + 1e-9)
        excellent_seen = 0
        rank = 0
        for position, row in enumerate(ordered):
            if position == 0 or scores[row] != scores[ordered[position - 1]]:
                rank = position + 1
            grade = max(_grade(scores[row], s), caps[row])
            if grade == 0:
                if excellent_seen >= places:
                    grade = 1
                excellent_seen += 1
            result[row] = (grade, rank, size, position)
    return result


def naive_assessment(p: PlainInputs, s: AssessmentSettings) -> dict:
    n_units = len(p.unit_category)
    item_of_series = {item[1]: i for i, item in enumerate(p.items)}
    newest: dict[tuple[int, int], tuple[float, int]] = {}
    for series_key, month, value, _revision, observation_id in p.observations:
        if month > p.as_of_month:
            continue
        item = item_of_series.get(series_key)
        if item is None:
            continue
        known = newest.get((item, month))
        if known is None or observation_id > known[1]:
            newest[(item, month)] = (value, observation_id)
    months: dict[int, list] = defaultdict(list)
    for (item, month), (value, _) in newest.items():
        months[item].append((month, value))

    scored = []
    for i, (_unit, _series, _indicator, _dimension, weight, target, rule_number) in enumerate(
        p.items
    ):
        rule = p.rules[rule_number]
        scored.append(_score_item(rule, weight, target, _aggregate(rule, months.get(i, [])), s))

    weighted = [0.0] * n_units
    deductions = [0.0] * n_units
    vetoes = [0] * n_units
    has_items = [False] * n_units
    for (unit, *_, rule_number), (_, points, deducted, _failed, effect) in zip(p.items, scored):
        weighted[unit] += points
        deductions[unit] += deducted
        has_items[unit] = True
        if effect == "missing_data" and s.missing_mandatory == "fail":
            # Unreported: the item does what its failure would do.
            kind = p.rules[rule_number].kind
            effect = s.red_line_effect if kind == "red_line" else kind
        if effect == "veto":
            vetoes[unit] = 2
        elif effect == "veto_excellence":
            vetoes[unit] = max(vetoes[unit], 1)
    unit_score = []
    for u in range(n_units):
        listed = min(max(r4(r4(weighted[u]) - r4(deductions[u])), 0.0), 100.0)
        if p.satisfaction[u] is not None:
            listed = r4((1 - s.public_weight) * listed + s.public_weight * p.satisfaction[u])
        unit_score.append(listed)

    area_points: dict[tuple[int, int], float] = defaultdict(float)
    area_weight: dict[tuple[int, int], float] = defaultdict(float)
    for (unit, _s, _i, dimension, weight, _t, rule_number), (_, points, *_rest) in zip(
        p.items, scored
    ):
        if p.rules[rule_number].kind in ("scored", "red_line") and weight > 0:
            area_points[(unit, dimension)] += points
            area_weight[(unit, dimension)] += weight
    areas_of: dict[int, list[int]] = defaultdict(list)
    for cadre, dimension in p.areas:
        areas_of[cadre].append(dimension)

    totals = {}
    for c, (unit, _level, own, term, points, w) in enumerate(p.cadres):
        if unit < 0 or not has_items[unit]:
            continue
        work = unit_score[unit]
        area = work
        if areas_of.get(c):
            possible = sum(area_weight[(unit, d)] for d in areas_of[c])
            if possible > 0:
                area = r4(
                    min(
                        max(
                            100.0 * sum(area_points[(unit, d)] for d in areas_of[c]) / possible, 0.0
                        ),
                        100.0,
                    )
                )
        annual = _fuse([(w["work"], work), (w["area"], area), (w["own"], own)])
        daily = r4(min(max(s.daily_base + points, 0.0), 100.0))
        totals[c] = _fuse([(w["daily"], daily), (w["annual"], annual), (w["term"], term)])

    unit_groups: dict[int, list[int]] = defaultdict(list)
    for u in range(n_units):
        unit_groups[p.unit_category[u] if has_items[u] else -1].append(u)
    unit_grades = _grade_groups(
        unit_groups,
        dict(enumerate(unit_score)),
        {u: min(vetoes[u], 2) for u in range(n_units)},
        lambda group: s.unit_excellent_quota,
        s,
    )
    cadre_groups: dict[int, list[int]] = defaultdict(list)
    for c in totals:
        unit, level = p.cadres[c][0], p.cadres[c][1]
        cadre_groups[p.unit_category[unit] * 3 + level].append(c)
    caps = {c: (min(vetoes[p.cadres[c][0]], 2) if p.cadres[c][1] in (0, 1) else 0) for c in totals}
    cadre_grades = _grade_groups(
        cadre_groups, totals, caps, lambda group: s.excellent_quota_for(p.categories[group // 3]), s
    )

    # Portfolio portraits: a principal answers for every item of the unit, anyone else for the
    # items of their areas; a cadre without either has no portfolio evidence.
    tags_of: dict[int, list[int]] = defaultdict(list)
    for item, capability in p.tags:
        tags_of[item].append(capability)
    profiles: dict[int, dict[int, float]] = {}
    for c, (unit, level, *_rest) in enumerate(p.cadres):
        earned: dict[int, float] = defaultdict(float)
        possible: dict[int, float] = defaultdict(float)
        for item, (item_unit, _s, _i, dimension, weight, _t, rule_number) in enumerate(p.items):
            answers = level == 0 or (dimension in areas_of.get(c, []))
            if item_unit != unit or not answers:
                continue
            if p.rules[rule_number].kind not in ("scored", "red_line") or item not in months:
                continue
            w = weight if weight > 0 else 1.0
            for capability in tags_of[item]:
                earned[capability] += w * 100.0 * min(scored[item][0], 1.0)
                possible[capability] += w
        if possible:
            profiles[c] = {k: r4(earned[k] / possible[k]) for k in sorted(possible)}

    bottom = set()
    for members in cadre_groups.values():
        size = len(members)
        places = math.ceil(size * s.bottom_ranked_share - 1e-9)
        for c in members:
            if size >= s.min_peer_group and cadre_grades[c][3] >= size - places:
                bottom.add(c)
    in_force, reported = [0] * n_units, [0] * n_units
    for i, (unit, *_rest) in enumerate(p.items):
        in_force[unit] += 1
        reported[unit] += i in months
    return {
        "item_effect": [effect for *_, effect in scored],
        "item_failed": [failed for _, _, _, failed, _ in scored],
        "completeness": [
            r4(reported[u] / in_force[u]) if in_force[u] else 0.0 for u in range(n_units)
        ],
        "unit_score": unit_score,
        "unit_grade": [GRADES[unit_grades[u][0]] for u in range(n_units)],
        "unit_rank": [unit_grades[u][1] for u in range(n_units)],
        "cadre_total": totals,
        "cadre_grade": {c: GRADES[g[0]] for c, g in cadre_grades.items()},
        "cadre_rank": {c: g[1] for c, g in cadre_grades.items()},
        "profiles": profiles,
        "bottom_ranked": bottom,
    }


def _fuse(parts: list[tuple[float, float | None]]) -> float:
    available = sum(w for w, v in parts if v is not None)
    return r4(sum(w / available * v for w, v in parts if v is not None))
