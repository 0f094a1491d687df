"""The demo city obeys the catalogue's own rules (the seed publishes it through the same checks)."""

from collections import Counter

from services.indicator.demo import city
from services.indicator.demo.library import INDICATORS
from services.indicator.domain.indicators import indicator_problems
from services.indicator.domain.lists import ListContext, list_problems, with_commons
from services.indicator.domain.units import POSITION_LEVELS
from tests.unit.indicator.fixtures import BLOCKLIST

LIBRARY = {i.code: i for i in INDICATORS}
SCHEMES = {s.code: s for s in city.SCHEMES}
ALLOCATIONS = {
    a.unit_id: {c.indicator_code: (c.code, a.amount)} for c in city.CASCADES for a in c.allocations
}


def test_every_demo_indicator_is_valid():
    assert {
        i.code: indicator_problems(i, BLOCKLIST)
        for i in INDICATORS
        if indicator_problems(i, BLOCKLIST)
    } == {}


def test_every_demo_list_is_publishable():
    for demo in city.UNITS:
        items = with_commons(demo.items, city.commons(demo.unit.category))
        ctx = ListContext(
            unit=demo.unit,
            indicators=LIBRARY,
            commons=city.commons(demo.unit.category),
            blocklist=BLOCKLIST,
            scheme=SCHEMES[demo.scheme],
            allocations=ALLOCATIONS.get(demo.unit.id, {}),
        )
        assert list_problems(items, ctx) == [], demo.unit.name
    adjusted = with_commons(city.TOWNSHIP_ADJUSTED, city.commons("township"))
    ctx = ListContext(
        city.UNITS[0].unit,
        LIBRARY,
        city.commons("township"),
        BLOCKLIST,
        SCHEMES["rural_revitalisation"],
    )
    assert list_problems(adjusted, ctx) == []


def test_the_city_covers_the_nine_categories_three_levels_and_the_seeds_figures():
    assert {d.unit.category for d in city.UNITS} == {
        "township",
        "street_office",
        "state_owned_enterprise",
        "development_zone",
        "municipal_department",
        "education",
        "health",
        "public_institution",
        "task_force",
    }
    assert 30 <= len(city.UNITS) <= 60 and all(
        d.unit.temporary == (d.unit.category == "task_force") for d in city.UNITS
    )
    cadres = city.cadres()
    assert len({c.id for c in cadres}) == len(cadres) and set(
        Counter(c.position_level for c in cadres)
    ) == set(POSITION_LEVELS)
    township = next(d for d in city.UNITS if d.unit.category == "township")
    economy = sum(
        i.weight
        for i in township.items
        if LIBRARY[i.indicator_code].dimension == "economic_development"
    )
    ecology = sum(
        i.weight for i in township.items if LIBRARY[i.indicator_code].dimension == "ecology"
    )
    assert (economy + ecology, economy) == (
        56,
        52,
    )  # Jishou: high-quality development 56%, economy over 50%
    assert (
        next(i.weight for i in township.items if i.indicator_code == "EC-RURAL-INCOME-GROWTH") == 15
    )  # Urumqi County
    assert sum(a.amount for a in city.CASCADES[0].allocations) == 350000
    assert len(city.SCHEMES) == 6
