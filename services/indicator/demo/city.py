"""The demo city (Jishou's townships, streets, bureaus, schools and kindergartens), its schemes,
common indicators, lists and the cascaded urban-population target."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.indicator.domain.cascade import Allocation, TargetCascade
from services.indicator.domain.lists import CommonIndicator, Item
from services.indicator.domain.schemes import Scheme
from services.indicator.domain.units import Cadre, Unit

CITY = "吉首市"
YEARS = (2025, 2026)

SCHEMES = (
    Scheme(
        "urbanisation",
        "城镇化建设考核方案（2023-2025）",
        "urbanisation",
        "城区常住人口35万、文旅收入倍增、森林覆盖率74.49%",
    ),
    Scheme(
        "education_funding",
        "教育经费管理考核方案",
        "education funding",
        "生均经费执行率、普惠园覆盖率",
    ),
    Scheme(
        "rural_revitalisation",
        "乡村振兴考核方案",
        "rural revitalisation",
        "乡镇高质量发展指标占56%，项目建设、招商引资等经济类权重超50%",
        {"economic_development": 50.0},
    ),
    Scheme(
        "departmental_efficiency",
        "部门效能考核方案",
        "departmental efficiency",
        "市直部门、国企、开发区、事业单位",
    ),
    Scheme(
        "special_fund_performance",
        "专项资金绩效考核方案",
        "special-fund performance",
        "网络舆情专项资金等",
    ),
    Scheme(
        "preschool_public_funds",
        "学前教育公用经费考核方案",
        "kindergarten fund",
        "34所普惠园经费拨付明细公示（如乾城三智幼儿园2.2万元、未来之星幼儿园8.8万元），合计134.16万元",
    ),
)

# Urumqi's common indicators, carried by every category at these weights (18 of the 100).
_EVERYONE = (
    CommonIndicator("*", "COM-ETHNIC-UNITY", 5, 100),
    CommonIndicator("*", "COM-WORK-SAFETY", 5, 100),
    CommonIndicator("*", "PB-DEMOCRATIC-CENTRALISM", 4),
    CommonIndicator("*", "PB-FIRST-STUDY", 4),
    CommonIndicator("*", "RL-DEBT-RISK", 0),
    CommonIndicator("*", "VX-MAJOR-POLLUTION", 0),
    CommonIndicator("*", "VX-FOOD-SAFETY", 0),
    CommonIndicator("*", "VT-POLLUTION-CONTROL", 0),
    CommonIndicator("*", "VT-WORK-SAFETY-ACCIDENT", 0),
    CommonIndicator("*", "VT-DISCIPLINE", 0),
)
_GRASSROOTS = (
    CommonIndicator("*", "RL-WATER-QUALITY", 0),
    CommonIndicator("*", "RL-NEW-EMPLOYMENT", 0),
    CommonIndicator("*", "DD-OVERDUE-COMPLAINTS", 0),
)


def commons(category: str) -> list[CommonIndicator]:
    extra = _GRASSROOTS if category in ("township", "street_office") else ()
    return [
        CommonIndicator(category, c.indicator_code, c.weight, c.target)
        for c in (*_EVERYONE, *extra)
    ]


def _items(*pairs: tuple) -> tuple[Item, ...]:
    return tuple(Item(code, weight, target) for code, weight, target in pairs)


_TOWNSHIP = _items(
    ("EC-KEY-PROJECTS", 20, 100),
    ("EC-INVESTMENT", 17, 3.5),
    ("EC-RURAL-INCOME-GROWTH", 15, 7.0),
    ("EG-FOREST-COVERAGE", 4, 74.49),
    ("SF-URGENT-TASKS", 10, 100),
    ("SV-PUBLIC-SATISFACTION", 10, None),
    ("SV-12345-RESPONSE", 6, 98),
)
# The mid-year adjustment of 2025 ("dynamic adjustment library"): investment down, urgent tasks up.
TOWNSHIP_ADJUSTED = _items(
    ("EC-KEY-PROJECTS", 20, 100),
    ("EC-INVESTMENT", 15, 3.0),
    ("EC-RURAL-INCOME-GROWTH", 15, 7.0),
    ("EG-FOREST-COVERAGE", 4, 74.49),
    ("SF-URGENT-TASKS", 12, 100),
    ("SV-PUBLIC-SATISFACTION", 10, None),
    ("SV-12345-RESPONSE", 6, 98),
)


def _street(population: int) -> tuple[Item, ...]:
    return _items(
        ("LV-15MIN-CIRCLE", 18, 90),
        ("SV-12345-RESPONSE", 15, 98),
        ("SV-SMART-CITY-DISPOSAL", 14, 95),
        ("SV-PUBLIC-SATISFACTION", 15, None),
        ("LV-URBAN-POPULATION", 20, population),
    )


_BUDGET = ("FD-BUDGET-EXECUTION", 12, 95)
_SOE = _items(
    ("SOE-REVENUE-GROWTH", 30, 8),
    ("SOE-ASSET-PRESERVATION", 25, 103),
    ("SOE-DEBT-RATIO", 15, 65),
    ("PR-COMPLETION-RATE", 12, 90),
)
_ZONE = _items(
    ("EC-EMERGING-INDUSTRY", 25, 80),
    ("DZ-INDUSTRIAL-OUTPUT", 25, 8),
    ("SV-APPROVAL-TIME", 15, 10),
    ("SV-ENTERPRISE-SATISFACTION", 12, None),
    ("EC-PROJECT-SURVIVAL-3Y", 5, 85),
    ("RL-NEW-EMPLOYMENT", 0, None),
)
_KINDERGARTEN = _items(
    ("FD-PRESCHOOL-EXECUTION", 40, 100),
    ("FD-DISBURSEMENT-PUBLICITY", 20, None),
    ("ED-INCLUSIVE-ENROLMENT", 22, 90),
)
_HOSPITAL = _items(
    ("HL-OUTPATIENT-SATISFACTION", 30, None),
    ("HL-AVERAGE-STAY", 20, 8.5),
    ("HL-NATIONAL-ASSESSMENT", 20, 90),
    ("SV-12345-RESPONSE", 12, 98),
)


@dataclass(frozen=True)
class DemoUnit:
    unit: Unit
    scheme: str
    items: tuple[Item, ...]


def _u(unit_id, name, category, scheme, items, parent=None, temporary=False) -> DemoUnit:
    return DemoUnit(Unit(unit_id, name, category, CITY, parent, temporary), scheme, items)


# Jishou's 2023-2025 urbanisation plan: 350,000 urban residents, split across the street offices.
URBAN_POPULATION = {
    "JS-QIANZHOU": 95000,
    "JS-DONGHE": 80000,
    "JS-SHIJIACHONG": 65000,
    "JS-ZHENXI": 60000,
    "JS-SHUANGTANG": 50000,
}
CASCADES = (
    TargetCascade(
        code="JS-URBAN-POPULATION-2025",
        name="城区常住人口35万",
        year=2025,
        total=Decimal(350000),
        unit_of_measure="人",
        allocations=tuple(
            Allocation(unit_id, Decimal(n)) for unit_id, n in URBAN_POPULATION.items()
        ),
        indicator_code="LV-URBAN-POPULATION",
    ),
)

UNITS = (
    _u("JS-MAJINGAO", "马颈坳镇", "township", "rural_revitalisation", _TOWNSHIP),
    _u("JS-HEXI", "河溪镇", "township", "rural_revitalisation", _TOWNSHIP),
    _u("JS-AIZHAI", "矮寨镇", "township", "rural_revitalisation", _TOWNSHIP),
    _u("JS-TAIPING", "太平镇", "township", "rural_revitalisation", _TOWNSHIP),
    _u("JS-DANQING", "丹青镇", "township", "rural_revitalisation", _TOWNSHIP),
    _u("JS-JILUE", "己略乡", "township", "rural_revitalisation", _TOWNSHIP),
    *(
        _u(unit_id, name, "street_office", "urbanisation", _street(URBAN_POPULATION[unit_id]))
        for unit_id, name in (
            ("JS-QIANZHOU", "乾州街道"),
            ("JS-DONGHE", "峒河街道"),
            ("JS-SHIJIACHONG", "石家冲街道"),
            ("JS-ZHENXI", "镇溪街道"),
            ("JS-SHUANGTANG", "双塘街道"),
        )
    ),
    _u(
        "JS-DRC",
        "吉首市发展和改革局",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("EC-KEY-PROJECTS", 30, 100),
            ("SV-APPROVAL-TIME", 15, 10),
            _BUDGET,
            ("SV-ENTERPRISE-SATISFACTION", 15, None),
            ("EC-INVESTMENT", 10, 20),
        ),
    ),
    _u(
        "JS-INVESTMENT",
        "吉首市投资促进事务中心",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("EC-EMERGING-INDUSTRY", 30, 50),
            ("EC-PROJECT-SURVIVAL-3Y", 15, 85),
            ("SV-ENTERPRISE-SATISFACTION", 15, None),
            ("SV-APPROVAL-TIME", 12, 15),
            ("FD-BUDGET-EXECUTION", 10, 95),
        ),
    ),
    _u(
        "JS-EMERGENCY",
        "吉首市应急管理局",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("SF-URGENT-TASKS", 30, 100),
            ("SF-EMERGENCY-RESPONSE", 25, 30),
            _BUDGET,
            ("SV-PUBLIC-SATISFACTION", 15, None),
        ),
    ),
    _u(
        "JS-FINANCE",
        "吉首市财政局",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("FD-BUDGET-EXECUTION", 30, 95),
            ("FD-SPECIAL-FUND-EXECUTION", 30, 95),
            ("SV-ENTERPRISE-SATISFACTION", 10, None),
            ("SV-PUBLIC-SATISFACTION", 12, None),
        ),
    ),
    _u(
        "JS-NATURAL-RESOURCES",
        "吉首市自然资源局",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("EG-FOREST-COVERAGE", 30, 74.49),
            ("SV-APPROVAL-TIME", 20, 10),
            _BUDGET,
            ("SV-PUBLIC-SATISFACTION", 20, None),
        ),
    ),
    _u(
        "JS-HOUSING",
        "吉首市住房和城乡建设局",
        "municipal_department",
        "departmental_efficiency",
        _items(
            ("PR-COMPLETION-RATE", 30, 90),
            ("LV-15MIN-CIRCLE", 15, 90),
            ("SV-APPROVAL-TIME", 15, 10),
            ("FD-BUDGET-EXECUTION", 10, 95),
            ("SV-PUBLIC-SATISFACTION", 12, None),
        ),
    ),
    _u(
        "JS-URBAN-INVEST",
        "吉首市城市建设投资开发有限公司",
        "state_owned_enterprise",
        "departmental_efficiency",
        _SOE,
    ),
    _u(
        "JS-TOURISM-GROUP",
        "吉首市文化旅游投资开发集团有限公司",
        "state_owned_enterprise",
        "departmental_efficiency",
        _SOE,
    ),
    _u(
        "JS-WATER",
        "吉首市水务有限公司",
        "state_owned_enterprise",
        "departmental_efficiency",
        (*_SOE, Item("RL-WATER-QUALITY", 0, None)),
    ),
    _u("JS-EDZ", "湖南吉首经济开发区", "development_zone", "departmental_efficiency", _ZONE),
    _u("JS-QIANZHOU-PARK", "乾州工业集中区", "development_zone", "departmental_efficiency", _ZONE),
    _u(
        "JS-EDUCATION",
        "吉首市教育局",
        "education",
        "education_funding",
        _items(
            ("ED-PER-STUDENT-FUNDING", 25, 100),
            ("ED-INCLUSIVE-KINDERGARTEN", 25, 85),
            ("FD-PRESCHOOL-EXECUTION", 15, 100),
            ("SV-PUBLIC-SATISFACTION", 17, None),
        ),
    ),
    _u(
        "JS-NO1-MIDDLE",
        "吉首市第一中学",
        "education",
        "education_funding",
        _items(
            ("ED-PER-STUDENT-FUNDING", 40, 100),
            ("SV-PUBLIC-SATISFACTION", 22, None),
            ("FD-BUDGET-EXECUTION", 20, 95),
        ),
        parent="JS-EDUCATION",
    ),
    _u(
        "JS-KG-SANZHI",
        "乾城三智幼儿园",
        "education",
        "preschool_public_funds",
        _KINDERGARTEN,
        parent="JS-EDUCATION",
    ),
    _u(
        "JS-KG-FUTURE-STAR",
        "未来之星幼儿园",
        "education",
        "preschool_public_funds",
        _KINDERGARTEN,
        parent="JS-EDUCATION",
    ),
    _u(
        "JS-KG-NO1",
        "吉首市第一幼儿园",
        "education",
        "preschool_public_funds",
        _KINDERGARTEN,
        parent="JS-EDUCATION",
    ),
    _u(
        "JS-KG-QIANZHOU",
        "乾州幼儿园",
        "education",
        "preschool_public_funds",
        _KINDERGARTEN,
        parent="JS-EDUCATION",
    ),
    _u(
        "JS-HEALTH",
        "吉首市卫生健康局",
        "health",
        "departmental_efficiency",
        _items(
            ("HL-PHYSICIANS-PER-1000", 25, 3.2),
            ("SV-12345-RESPONSE", 15, 98),
            ("SV-PUBLIC-SATISFACTION", 20, None),
            _BUDGET,
            ("HL-OUTPATIENT-SATISFACTION", 10, None),
        ),
    ),
    _u(
        "JS-PEOPLES-HOSPITAL",
        "吉首市人民医院",
        "health",
        "departmental_efficiency",
        _HOSPITAL,
        parent="JS-HEALTH",
    ),
    _u(
        "JS-TCM-HOSPITAL",
        "吉首市中医医院",
        "health",
        "departmental_efficiency",
        _HOSPITAL,
        parent="JS-HEALTH",
    ),
    _u(
        "JS-CDC",
        "吉首市疾病预防控制中心",
        "health",
        "departmental_efficiency",
        _items(
            ("SF-EMERGENCY-RESPONSE", 30, 30),
            ("SV-PUBLIC-SATISFACTION", 22, None),
            ("FD-BUDGET-EXECUTION", 15, 95),
            ("SV-12345-RESPONSE", 15, 98),
        ),
        parent="JS-HEALTH",
    ),
    _u(
        "JS-SERVICE-CENTRE",
        "吉首市政务服务中心",
        "public_institution",
        "departmental_efficiency",
        _items(
            ("PI-ONLINE-SERVICE", 30, 95),
            ("PI-WINDOW-SATISFACTION", 30, 99),
            ("SV-APPROVAL-TIME", 22, 5),
        ),
    ),
    _u(
        "JS-MEDIA-CENTRE",
        "吉首市融媒体中心",
        "public_institution",
        "special_fund_performance",
        _items(
            ("SF-NETIZEN-MESSAGES", 40, 98),
            ("SF-MAJOR-OPINION", 20, 100),
            ("FD-SPECIAL-FUND-EXECUTION", 22, 95),
        ),
    ),
    _u(
        "JS-REAL-ESTATE-REG",
        "吉首市不动产登记中心",
        "public_institution",
        "departmental_efficiency",
        _items(
            ("PI-WINDOW-SATISFACTION", 30, 99),
            ("SV-APPROVAL-TIME", 30, 5),
            ("PI-ONLINE-SERVICE", 22, 95),
        ),
    ),
    _u(
        "JS-TF-URBANISATION",
        "城镇化建设工作专班",
        "task_force",
        "urbanisation",
        _items(("LV-URBAN-POPULATION", 40, 350000), ("PR-COMPLETION-RATE", 42, 90)),
        temporary=True,
    ),
    _u(
        "JS-TF-RURAL",
        "乡村振兴工作专班",
        "task_force",
        "rural_revitalisation",
        _items(
            ("EC-RURAL-INCOME-GROWTH", 40, 7.0),
            ("EC-KEY-PROJECTS", 20, 100),
            ("SV-PUBLIC-SATISFACTION", 22, None),
        ),
        temporary=True,
    ),
    _u(
        "JS-TF-INVESTMENT",
        "招商引资攻坚专班",
        "task_force",
        "departmental_efficiency",
        _items(
            ("EC-EMERGING-INDUSTRY", 40, 50),
            ("EC-INVESTMENT", 30, 20),
            ("EC-PROJECT-SURVIVAL-3Y", 12, 85),
        ),
        temporary=True,
    ),
)

_SURNAMES = "王李张刘陈杨黄赵吴周向彭田龙石唐邓谭梁宋符麻滕欧杨姚覃侯尹"
_GIVEN = (
    "建国",
    "志刚",
    "晓燕",
    "海涛",
    "丽华",
    "文军",
    "秀英",
    "明辉",
    "春梅",
    "国强",
    "红霞",
    "永胜",
    "慧敏",
    "立新",
    "桂花",
    "德华",
    "玉兰",
    "振华",
    "小平",
    "艳芳",
    "光明",
    "淑贞",
    "卫东",
    "金凤",
    "世杰",
    "雪梅",
    "俊杰",
)
# One principal, two deputies and four grassroots staff per unit.
POSITIONS = (
    "principal",
    "deputy",
    "deputy",
    "grassroots",
    "grassroots",
    "grassroots",
    "grassroots",
)


def cadres() -> list[Cadre]:
    found = []
    for unit_number, demo in enumerate(UNITS):
        for seat, level in enumerate(POSITIONS):
            n = unit_number * len(POSITIONS) + seat
            name = (
                _SURNAMES[(n * 7) % len(_SURNAMES)] + _GIVEN[(n * 11 + unit_number) % len(_GIVEN)]
            )
            found.append(Cadre(f"C-{n + 1:04d}", name, demo.unit.id, level))
    return found
