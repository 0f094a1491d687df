"""Demo data of the portrait: the default competency model, and the cadres of 矮寨镇 with different
portfolios, daily records tagged with capabilities, 360 ballots and a term result.

The capabilities are DOMAIN.md's (political ability, digital governance, investment attraction,
emergency response, grassroots governance, ecological protection) and the tags of the demo lists.
Targets rise with the position level; a capability's sources say what can show it: a list result
only through the portfolio, conduct through daily records and the 360 evaluation.
"""

from __future__ import annotations

from datetime import date

from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters import record_repository as records
from services.scoring.domain.competency import CapabilitySpec
from services.scoring.service_layer import competency_models
from services.scoring.service_layer import individual_evidence as evidence
from services.scoring.service_layer.sessions import session_of

YEAR = 2025
SEEDED_BY = "seed"
UNIT = "JS-AIZHAI"  # 矮寨镇
HEAD, ECONOMY, SERVICES, CLERK = "C-0015", "C-0016", "C-0017", "C-0018"


def _spec(
    code: str, zh: str, en: str, targets: tuple[float, float, float], **sources: float
) -> CapabilitySpec:
    return CapabilitySpec(
        code=code,
        name_zh=zh,
        name_en=en,
        targets=dict(zip(("principal", "deputy", "grassroots"), targets)),
        sources=sources,
    )


DEFAULT_MODEL = (
    _spec(
        "political_ability",
        "政治能力",
        "Political ability",
        (85, 80, 75),
        evaluation=0.7,
        daily=0.3,
    ),
    _spec(
        "digital_governance",
        "数字治理",
        "Digital governance",
        (80, 75, 70),
        portfolio=0.4,
        evaluation=0.3,
        training=0.2,
        daily=0.1,
    ),
    _spec(
        "investment_attraction",
        "招商引资",
        "Investment attraction",
        (80, 75, 65),
        portfolio=0.5,
        daily=0.2,
        term=0.2,
        evaluation=0.1,
    ),
    _spec(
        "emergency_response",
        "应急处置",
        "Emergency response",
        (80, 75, 70),
        portfolio=0.3,
        daily=0.4,
        evaluation=0.2,
        training=0.1,
    ),
    _spec(
        "grassroots_governance",
        "基层治理",
        "Grassroots governance",
        (80, 75, 75),
        daily=0.4,
        evaluation=0.6,
    ),
    _spec(
        "ecological_protection",
        "生态保护",
        "Ecological protection",
        (80, 75, 70),
        portfolio=0.6,
        daily=0.2,
        evaluation=0.2,
    ),
    _spec(
        "project_delivery",
        "项目推进",
        "Project delivery",
        (80, 75, 70),
        portfolio=0.6,
        daily=0.3,
        term=0.1,
    ),
    _spec(
        "public_service",
        "公共服务",
        "Public service",
        (80, 75, 75),
        portfolio=0.5,
        evaluation=0.3,
        daily=0.2,
    ),
    _spec(
        "rural_revitalisation",
        "乡村振兴",
        "Rural revitalisation",
        (80, 75, 70),
        portfolio=0.7,
        term=0.3,
    ),
    _spec(
        "party_building", "党建引领", "Party building", (85, 80, 75), portfolio=0.5, evaluation=0.5
    ),
    _spec(
        "fiscal_management",
        "财政管理",
        "Fiscal management",
        (80, 75, 70),
        portfolio=0.8,
        evaluation=0.2,
    ),
)

# Who answers for what in 矮寨镇 (the head answers for the whole township).
PORTFOLIOS = {
    ECONOMY: ([("economic_development", 1.0)], []),
    SERVICES: ([("safety", 1.0), ("livelihood", 1.0), ("public_service", 1.0)], []),
    CLERK: ([], [("SV-PUBLIC-SATISFACTION", 0.5)]),
}
DAILY = (
    (HEAD, "major_project", 5.0, "矮寨大桥景区道路提质项目按期完工", ("project_delivery",)),
    (ECONOMY, "major_project", 6.0, "引进农产品加工企业落地", ("investment_attraction",)),
    (ECONOMY, "discipline", -4.0, "招商项目台账填报不实，被通报", ("investment_attraction",)),
    (SERVICES, "emergency_response", 4.0, "汛期山体滑坡险情连夜转移群众", ("emergency_response",)),
    (SERVICES, "emergency_response", 3.0, "森林火情第一时间处置", ("emergency_response",)),
    (SERVICES, "public_service", -6.0, "政务服务系统故障迟报", ("digital_governance",)),
    (CLERK, "public_service", 3.0, "调解邻里纠纷，群众送锦旗", ("grassroots_governance",)),
)
# 360 means per cadre and capability, and how many raters answered (fewer than 5 are not shown).
BALLOTS = {
    HEAD: ({"political_ability": 90, "digital_governance": 72, "grassroots_governance": 86}, 9),
    ECONOMY: ({"political_ability": 84, "investment_attraction": 88, "digital_governance": 70}, 7),
    SERVICES: ({"political_ability": 86, "digital_governance": 52, "emergency_response": 90}, 8),
    CLERK: ({"political_ability": 80, "grassroots_governance": 88}, 3),
}
GROUPS = ("superior", "peer", "subordinate")


async def _deputies_elsewhere(
    uow: UnitOfWork,
) -> dict[str, tuple[list[tuple[str, float]], list[tuple[str, float]]]]:
    """Elsewhere the two deputies of a unit split its list's dimensions: the first takes the first
    half in name order, the second the rest."""
    conn = await evidence.in_transaction(uow)
    rows = await conn.fetch(
        """SELECT c.unit_id, c.cadre_id, array_agg(DISTINCT li.dimension ORDER BY li.dimension) AS dimensions
           FROM cadre_roster c JOIN lists_in_force f ON f.unit_id = c.unit_id AND f.year = $1
           JOIN list_items li ON li.unit_id = f.unit_id AND li.year = f.year AND li.version = f.version
           WHERE c.position_level = 'deputy' AND c.unit_id <> $2 GROUP BY c.unit_id, c.cadre_id
           ORDER BY c.unit_id, c.cadre_id""",
        YEAR,
        UNIT,
    )
    found: dict[str, tuple[list[tuple[str, float]], list[tuple[str, float]]]] = {}
    seated: dict[str, int] = {}
    for row in rows:
        dimensions = list(row["dimensions"])
        half = (len(dimensions) + 1) // 2
        seat = seated.get(row["unit_id"], 0)
        seated[row["unit_id"]] = seat + 1
        chosen = dimensions[:half] if seat % 2 == 0 else dimensions[half:]
        if chosen:
            found[row["cadre_id"]] = ([(d, 1.0) for d in chosen], [])
    return found


async def seed_portraits(uow: UnitOfWork) -> int:
    """Publishes the default model once and the 矮寨镇 evidence with it; returns records added."""
    if await competency_models.versions(uow):
        return 0
    draft = await competency_models.save_draft(uow, list(DEFAULT_MODEL), SEEDED_BY)
    await competency_models.publish_draft(uow, draft.version, SEEDED_BY)
    added = 1
    for cadre_id, (dimensions, indicators) in {
        **await _deputies_elsewhere(uow),
        **PORTFOLIOS,
    }.items():
        await evidence.assign_portfolio(uow, cadre_id, YEAR, dimensions, indicators, SEEDED_BY)
        added += 1
    for month, (cadre_id, kind, points, description, capabilities) in enumerate(DAILY, start=3):
        record_id = await records.add_daily_record(
            session_of(uow), cadre_id, date(YEAR, month, 9), kind, points, description, SEEDED_BY
        )
        await evidence.tag_daily_record(uow, record_id, capabilities, SEEDED_BY)
        added += 1
    ballots = []
    for cadre_id, (means, raters) in BALLOTS.items():
        for n in range(raters):
            # Raters spread around the mean by -4..+4 in turn, so the mean is the one above.
            spread = (n % 3 - 1) * 4 if raters % 3 == 0 else 0
            answers = {code: float(mean + spread) for code, mean in means.items()}
            ballots.append(evidence.Ballot(cadre_id, YEAR, GROUPS[n % 3], answers))
    added += await evidence.record_ballots(uow, ballots, SEEDED_BY)
    await evidence.record_term_result(
        uow, HEAD, YEAR, "investment_attraction", 82.0, "2022年引进项目三年存活率82%", SEEDED_BY
    )
    return added + 1
