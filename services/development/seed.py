"""`python -m services.development.seed`: the programmes the two reforms describe, with cohorts.

Idempotent: programmes and cohorts are added once under fixed ids. Findings that arrived from
scoring's demo data before the programmes existed are placed right after (demo enrolments).
Figures come from the seeds: the digital governance camp reached 87% of division-level cadres;
14 cadres joined the full-time governance capability class in 2024.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from services.common.db import make_engine, make_session_factory
from services.development.bootstrap import for_session_factory
from services.development.domain.programmes import (
    Cohort,
    Eligibility,
    Programme,
    check_cohort,
    check_programme,
)
from services.development.service_layer.placement import place_unplaced
from services.development.settings import get_development_settings

LEADERS = frozenset({"principal", "deputy"})

PROGRAMMES = (
    Programme(
        id="digital-governance-camp",
        name="Digital Governance Leaders Training Camp",
        kind="camp",
        capabilities=("digital_governance",),
        eligibility=Eligibility(position_levels=LEADERS),
        priority=1,
        full_time=False,
        description="Opened by the Urumqi organisation department in 2024 for the weak digital-transformation "
        "capability found in assessment; it reached 87% of division-level cadres.",
    ),
    Programme(
        id="yangtze-delta-shadow-posting",
        name="Yangtze River Delta Development-Zone Shadow Posting",
        kind="shadow_posting",
        capabilities=("investment_attraction",),
        eligibility=Eligibility(position_levels=frozenset({"principal"})),
        priority=1,
        full_time=False,
        description="Heads of units lagging in investment attraction work alongside peers in Yangtze River "
        "Delta development zones.",
    ),
    Programme(
        id="governance-capability-class",
        name="Governance Capability Improvement Class (re-forging)",
        kind="remedial",
        capabilities=(),
        eligibility=Eligibility(),
        priority=1,
        full_time=True,
        description="Bottom-ranked cadres leave their posts for full-time study and return only after passing "
        "a practical evaluation; 14 cadres joined in 2024.",
    ),
    Programme(
        id="night-school-village-residency",
        name="Night School plus Village Residency",
        kind="night_school",
        capabilities=("rural_revitalisation",),
        eligibility=Eligibility(position_levels=frozenset({"grassroots"})),
        priority=1,
        full_time=False,
        description="Young rural cadres (Jishou) learn at night school and live in a village; results feed "
        "promotion.",
    ),
)


def seed_cohorts(today: date) -> list[Cohort]:
    """Two upcoming cohorts of each programme; the remedial class has the 14 seats of 2024."""
    first = (today.replace(day=1) + timedelta(days=32)).replace(
        day=1
    )  # the first day of next month
    second = (first + timedelta(days=95)).replace(day=1)  # three months later
    plans = {
        "digital-governance-camp": (60, 21),
        "yangtze-delta-shadow-posting": (20, 30),
        "governance-capability-class": (14, 60),
        "night-school-village-residency": (40, 90),
    }
    cohorts = []
    for programme_id, (capacity, days) in plans.items():
        for number, starts_on in enumerate((first, second), start=1):
            cohorts.append(
                Cohort(
                    id=f"{programme_id}-{number}",
                    programme_id=programme_id,
                    name=f"Cohort {number}",
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(days=days),
                    capacity=capacity,
                )
            )
    return cohorts


async def seed() -> tuple[int, int, int]:
    settings = get_development_settings()
    engine = make_engine(settings.database_url("development"), pool_size=2)
    try:
        development = for_session_factory(make_session_factory(engine), settings)
        async with development.unit_of_work() as uow:
            added_programmes = 0
            for programme in PROGRAMMES:
                check_programme(programme)
                added_programmes += await uow.programmes.add(programme)
            added_cohorts = 0
            for cohort in seed_cohorts(date.today()):
                check_cohort(cohort)
                added_cohorts += await uow.programmes.add_cohort(cohort)
            placed = await place_unplaced(uow)
        return added_programmes, added_cohorts, placed
    finally:
        await engine.dispose()


def main() -> None:
    programmes, cohorts, placed = asyncio.run(seed())
    print(
        f"development seed: {programmes} programmes and {cohorts} cohorts added, {placed} waiting findings placed"
    )


if __name__ == "__main__":
    main()
