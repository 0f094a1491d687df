"""A synthetic city-year for the engine's equivalence test and the rescoring benchmark: units of the
nine categories, each with a 40-indicator list (scored items of every rule, red lines, deductions,
vetoes), a year of monthly observations with some resubmissions, and ten cadres per unit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.scoring.domain.rules import ItemSpec

CATEGORIES = (
    "township",
    "street_office",
    "state_owned_enterprise",
    "development_zone",
    "municipal_department",
    "education",
    "health",
    "public_institution",
    "task_force",
)
CAPABILITIES = (
    "digital_governance",
    "investment_attraction",
    "project_management",
    "emergency_response",
    "rural_revitalisation",
    "public_service",
    "political_capability",
    "fiscal_management",
)
DIMENSIONS = ("high_quality_development", "livelihood", "ecology", "party_building", "safety")
LEVELS = ("principal", "deputy", "deputy", *("grassroots",) * 7)


def catalogue() -> list[ItemSpec]:
    """40 indicators in the indicator service's rule shapes; the scored ones' weights sum to 100."""
    items: list[ItemSpec] = []
    weights = [4.0] * 20 + [2.0] * 10  # 80 + 20 = 100
    rules = [
        {"type": "target_attainment", "cap": 1.0},
        {"type": "target_attainment", "cap": 1.2},
        {
            "type": "threshold_bands",
            "bands": [
                {"bound": 98, "score": 100},
                {"bound": 95, "score": 80},
                {"bound": 90, "score": 50},
            ],
        },
        {"type": "pass_fail", "threshold": 95},
        {"type": "target_attainment", "cap": 1.5},
    ]
    for n, weight in enumerate(weights):
        rule = rules[n % len(rules)]
        lower = n % 7 == 3 and rule["type"] == "target_attainment"
        items.append(
            ItemSpec(
                indicator_code=f"SCORED-{n:02d}",
                name=f"Scored indicator {n}",
                dimension=DIMENSIONS[n % 5],
                kind="scored",
                direction="lower_is_better" if lower else "higher_is_better",
                unit_of_measure="%",
                weight=weight,
                target=100.0 if rule["type"] == "target_attainment" else None,
                rule=rule,
                data_source="auto_feed" if n % 3 == 0 else "manual_report",
                frequency="monthly",
                capability_tags=(CAPABILITIES[n % 8], CAPABILITIES[(n * 3 + 1) % 8]),
            )
        )
    for n in range(4):
        items.append(
            ItemSpec(
                indicator_code=f"RED-LINE-{n}",
                name=f"Red line {n}",
                dimension="safety",
                kind="red_line",
                direction="higher_is_better",
                unit_of_measure="%",
                weight=0.0,
                target=None,
                rule={"type": "pass_fail", "threshold": 80.0},
                frequency="monthly",
                capability_tags=(CAPABILITIES[n],),
            )
        )
    for n in range(3):
        items.append(
            ItemSpec(
                indicator_code=f"DEDUCTION-{n}",
                name=f"Deduction {n}",
                dimension="safety",
                kind="deduction",
                direction="lower_is_better",
                unit_of_measure="incidents",
                weight=0.0,
                target=None,
                rule={"type": "per_incident", "points": 0.5 + n, "max_points": 5},
                frequency="monthly",
            )
        )
    for n, kind in enumerate(("veto_excellence", "veto_excellence", "veto")):
        items.append(
            ItemSpec(
                indicator_code=f"{kind.upper().replace('_', '-')}-{n}",
                name=f"{kind} {n}",
                dimension="safety",
                kind=kind,
                direction="lower_is_better",
                unit_of_measure="incidents",
                weight=0.0,
                target=None,
                rule={"type": "pass_fail", "threshold": 0},
                frequency="monthly",
            )
        )
    return items


# Progress-to-date indicators of the synthetic lists (their latest report counts).
CUMULATIVE = ("SCORED-00", "SCORED-05", "SCORED-10", "RED-LINE-1")


@dataclass
class City:
    unit_ids: list[str]
    categories: list[str]
    items: list[ItemSpec]
    # observations, one row each: unit index, item index, month, value, observation id
    obs_unit: np.ndarray
    obs_item: np.ndarray
    obs_month: np.ndarray
    obs_value: np.ndarray
    obs_id: np.ndarray
    obs_revision: np.ndarray
    cadre_ids: list[str]
    cadre_unit: np.ndarray
    cadre_level: list[str]
    own: np.ndarray
    term: np.ndarray
    daily_points: np.ndarray
    satisfaction: np.ndarray


def city(
    units: int, months: int = 12, cadres_per_unit: int = 10, seed: int = 7, prefix: str = "U"
) -> City:
    rng = np.random.default_rng(seed)
    items = catalogue()
    n_items = len(items)
    unit_ids = [f"{prefix}{u:05d}" for u in range(units)]
    categories = [CATEGORIES[u % len(CATEGORIES)] for u in range(units)]
    unit = np.repeat(np.arange(units), n_items * months)
    item = np.tile(np.repeat(np.arange(n_items), months), units)
    month = np.tile(np.arange(1, months + 1), units * n_items)
    kind = np.array([spec.kind for spec in items])[item]
    ability = rng.normal(0.95, 0.05, units)[unit]
    value = np.round(100 * np.clip(ability + rng.normal(0, 0.06, len(unit)), 0.3, 1.3), 2)
    counted = np.isin(kind, ("deduction", "veto_excellence", "veto"))
    vetoing = np.isin(kind, ("veto_excellence", "veto"))
    incidents = rng.poisson(np.where(vetoing, 0.002, 0.03)).astype(float)
    value = np.where(counted, incidents, value)
    # About 1% of the observations were resubmitted: the revision comes later and counts.
    again = np.flatnonzero(rng.random(len(unit)) < 0.01)
    all_unit = np.r_[unit, unit[again]]
    all_item = np.r_[item, item[again]]
    all_month = np.r_[month, month[again]]
    all_value = np.r_[
        value, np.where(counted[again], value[again], np.round(value[again] * 1.02, 2))
    ]
    revision = np.r_[np.ones(len(unit), np.int64), np.full(len(again), 2)]
    n_cadres = units * cadres_per_unit
    return City(
        unit_ids=unit_ids,
        categories=categories,
        items=items,
        obs_unit=all_unit,
        obs_item=all_item,
        obs_month=all_month,
        obs_value=all_value,
        obs_id=np.arange(1, len(all_unit) + 1, dtype=np.int64),
        obs_revision=revision,
        cadre_ids=[
            f"{prefix}{u:05d}-C{c:02d}" for u in range(units) for c in range(cadres_per_unit)
        ],
        cadre_unit=np.repeat(np.arange(units), cadres_per_unit),
        cadre_level=[LEVELS[c % len(LEVELS)] for _ in range(units) for c in range(cadres_per_unit)],
        own=np.round(rng.uniform(70, 98, n_cadres), 1),
        term=np.where(
            rng.random(n_cadres) < 0.3, np.round(rng.uniform(70, 95, n_cadres), 1), np.nan
        ),
        daily_points=np.where(rng.random(n_cadres) < 0.2, rng.integers(-4, 9, n_cadres), 0).astype(
            float
        ),
        satisfaction=np.where(
            rng.random(units) < 0.5, np.round(rng.uniform(75, 99, units), 2), np.nan
        ),
    )


def series_key(city: City, unit: np.ndarray | int, item: np.ndarray | int):
    return unit * len(city.items) + item + 1


def inputs_of(city: City, settings) -> tuple:
    """The engine's inputs for the city (as the service builds them), and the rules by number."""
    from services.scoring.domain.assessment import POSITION_LEVELS, AssessmentInputs
    from services.scoring.domain.cadres import CadreInputs
    from services.scoring.domain.engine import ObservationTable
    from services.scoring.domain.inputs import ItemTableBuilder, Numbering

    builder = ItemTableBuilder(Numbering(city.unit_ids), settings.cumulative_indicators)
    for u, unit_id in enumerate(city.unit_ids):
        for i, spec in enumerate(city.items):
            builder.add(
                unit_id,
                series_key(city, u, i),
                spec.indicator_code,
                spec.dimension,
                spec.kind,
                spec.direction,
                spec.rule,
                spec.weight,
                spec.target,
                spec.capability_tags,
            )
    items, tags = builder.build()
    categories = Numbering(sorted(set(city.categories)))
    n = len(city.cadre_ids)
    w = settings.weights
    # Deputies answer for one dimension each, the rest for the whole unit.
    deputies = [c for c, level in enumerate(city.cadre_level) if level == "deputy"]
    inputs = AssessmentInputs(
        items=items,
        tags=tags,
        observations=ObservationTable(
            series_key=series_key(city, city.obs_unit, city.obs_item).astype(np.int64),
            month=city.obs_month.astype(np.int64),
            value=city.obs_value.astype(float),
            revision=city.obs_revision,
            observation_id=city.obs_id,
        ),
        as_of_month=12,
        n_dimensions=len(builder.dimensions),
        n_capabilities=len(builder.capabilities),
        unit_category=np.array([categories.get(c) for c in city.categories], np.int64),
        categories=tuple(categories.values),
        satisfaction=city.satisfaction.astype(float),
        cadres=CadreInputs(
            unit=city.cadre_unit.astype(np.int64),
            own=city.own,
            term=city.term,
            daily_points=city.daily_points,
            w_work=np.full(n, w.work),
            w_area=np.full(n, w.area),
            w_own=np.full(n, w.own),
            w_daily=np.full(n, w.daily),
            w_annual=np.full(n, w.annual),
            w_term=np.full(n, w.term),
            area_cadre=np.array(deputies, np.int64),
            area_dimension=np.array([c % len(builder.dimensions) for c in deputies], np.int64),
        ),
        cadre_level=np.array(
            [POSITION_LEVELS.index(level) for level in city.cadre_level], np.int64
        ),
    )
    return inputs, builder.rules
