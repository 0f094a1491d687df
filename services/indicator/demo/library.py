"""The demo indicator library: Urumqi's common indicators, red lines and vetoes; Jishou's township,
urbanisation, education and special-fund indicators."""

from __future__ import annotations

from services.indicator.domain.indicators import Indicator

HOTLINE = "12345政务服务便民热线"
BUDGET_SYSTEM = "预算管理一体化系统"
APPROVAL_SYSTEM = "投资项目在线审批监管平台"


def _attain(cap: float = 1.0) -> dict:
    return {"type": "target_attainment", "cap": cap}


def _pass(threshold: float) -> dict:
    return {"type": "pass_fail", "threshold": threshold}


_SATISFACTION_BANDS = {"type": "threshold_bands", "bands": [
    {"bound": 90, "score": 100}, {"bound": 85, "score": 85}, {"bound": 80, "score": 70}, {"bound": 70, "score": 50}]}


def _i(code, name, name_en, dimension, unit, rule, *, kind="scored", lower=False, source="manual_report", system=None,
       frequency="annual", tags=(), low=None, high=None, description=None) -> Indicator:
    return Indicator(
        code=code, name=name, name_en=name_en, dimension=dimension, kind=kind,
        direction="lower_is_better" if lower else "higher_is_better", unit_of_measure=unit, data_source=source,
        source_system=system, frequency=frequency, rule=rule, capability_tags=tuple(tags), min_value=low, max_value=high,
        assessed_at_year_end=frequency != "daily", description=description,
    )


_PERCENT = {"low": 0.0, "high": 100.0}

INDICATORS = (
    # Urumqi: common indicators every unit carries.
    _i("COM-ETHNIC-UNITY", "民族团结进步创建推进度", "ethnic-unity progress", "ethnic_unity", "%", _attain(), **_PERCENT),
    _i("COM-WORK-SAFETY", "安全生产达标率", "work-safety compliance rate", "safety", "%", _attain(), source="auto_feed",
       system="安全生产监管信息平台", frequency="monthly", tags=("emergency_response",), **_PERCENT),
    _i("PB-DEMOCRATIC-CENTRALISM", "领导班子执行民主集中制达标率", "democratic-centralism compliance rate of the leadership",
       "party_building", "%", {"type": "threshold_bands", "bands": [
           {"bound": 95, "score": 100}, {"bound": 90, "score": 80}, {"bound": 85, "score": 60}]},
       tags=("party_building",), **_PERCENT),
    _i("PB-FIRST-STUDY", "基层党组织生活首学制度落实率", "'study first' rule implementation rate", "party_building", "%",
       _pass(95), frequency="quarterly", tags=("party_building",), **_PERCENT,
       description="低于95%的点名整改，整改结果与次年干部晋升资格挂钩"),
    # Urumqi: binding red lines.
    _i("RL-DEBT-RISK", "政府债务风险管控（债务率）", "government debt-risk control (debt ratio)", "economic_development", "%",
       _pass(100), kind="red_line", lower=True, source="auto_feed", system="政府债务管理系统", frequency="monthly",
       tags=("fiscal_management",), low=0.0),
    _i("RL-WATER-QUALITY", "集中式饮用水水源水质达标率", "drinking-water source quality compliance rate", "ecology", "%",
       _pass(100), kind="red_line", source="auto_feed", system="生态环境监测平台", frequency="monthly",
       tags=("ecological_protection",), **_PERCENT),
    _i("RL-NEW-EMPLOYMENT", "城镇新增就业目标完成度", "new urban employment completion", "livelihood", "%", _pass(100),
       kind="red_line", source="auto_feed", system="人社就业信息系统", frequency="quarterly", low=0.0),
    # Vetoes of two strengths, and a reverse deduction.
    _i("VX-MAJOR-POLLUTION", "重大环境污染事故", "major environmental pollution accidents", "ecology", "起", _pass(0),
       kind="veto_excellence", lower=True, tags=("ecological_protection",), low=0.0),
    _i("VX-FOOD-SAFETY", "重大食品安全事故", "major food-safety accidents", "safety", "起", _pass(0),
       kind="veto_excellence", lower=True, low=0.0),
    _i("VT-POLLUTION-CONTROL", "污染防治攻坚目标未完成项数", "pollution-prevention targets missed", "ecology", "项",
       _pass(0), kind="veto", lower=True, tags=("ecological_protection",), low=0.0),
    _i("VT-WORK-SAFETY-ACCIDENT", "较大及以上生产安全责任事故", "serious work-safety liability accidents", "safety", "起",
       _pass(0), kind="veto", lower=True, tags=("emergency_response",), low=0.0),
    _i("VT-DISCIPLINE", "领导班子成员严重违纪违法案件", "serious discipline violations by the leadership", "party_building",
       "起", _pass(0), kind="veto", lower=True, low=0.0),
    _i("DD-OVERDUE-COMPLAINTS", "群众诉求逾期未办结", "citizen requests overdue", "public_service", "件",
       {"type": "per_incident", "points": 0.5, "max_points": 5}, kind="deduction", lower=True, source="auto_feed",
       system=HOTLINE, frequency="monthly", low=0.0),
    # Jishou: high-quality development of townships (56% of a township list, economy over 50%).
    _i("EC-KEY-PROJECTS", "重点项目建设投资完成率", "key project investment completion rate", "economic_development", "%",
       _attain(1.2), frequency="monthly", tags=("project_delivery",), low=0.0),
    _i("EC-INVESTMENT", "招商引资到位资金", "investment attracted and paid in", "economic_development", "亿元",
       _attain(1.2), source="auto_feed", system="招商引资项目管理系统", frequency="monthly",
       tags=("investment_attraction",), low=0.0),
    _i("EC-RURAL-INCOME-GROWTH", "农村居民人均可支配收入增速", "rural per-capita disposable income growth",
       "economic_development", "%", _attain(1.5), source="third_party", tags=("rural_revitalisation",)),
    _i("EG-FOREST-COVERAGE", "森林覆盖率", "forest coverage", "ecology", "%", _attain(), source="third_party",
       tags=("ecological_protection",), **_PERCENT),
    _i("SF-URGENT-TASKS", "急难险重任务完成度", "completion of urgent, difficult and dangerous tasks", "safety", "%",
       _attain(), frequency="quarterly", tags=("emergency_response",), **_PERCENT),
    # Outcome indicators preferred over paperwork; automatic feeds need no on-site check.
    _i("SV-PUBLIC-SATISFACTION", "群众满意度", "public satisfaction", "livelihood", "%", _SATISFACTION_BANDS,
       source="survey", tags=("public_service",), **_PERCENT),
    _i("SV-12345-RESPONSE", "12345热线响应率", "12345 citizen-hotline response rate", "public_service", "%", _attain(),
       source="auto_feed", system=HOTLINE, frequency="daily", tags=("public_service", "digital_governance"), **_PERCENT),
    _i("SV-SMART-CITY-DISPOSAL", "智慧城管平台事件处置率", "smart-city incident disposal rate", "public_service", "%",
       _attain(), source="auto_feed", system="城市运行管理服务平台", frequency="daily", tags=("digital_governance",),
       **_PERCENT),
    _i("SV-ENTERPRISE-SATISFACTION", "企业满意度", "enterprise satisfaction", "economic_development", "%",
       _SATISFACTION_BANDS, source="survey", tags=("investment_attraction",), **_PERCENT),
    _i("SV-APPROVAL-TIME", "项目审批时限", "project approval time", "public_service", "工作日", _attain(1.2), lower=True,
       source="auto_feed", system=APPROVAL_SYSTEM, frequency="monthly", tags=("digital_governance",), low=0.0),
    _i("LV-15MIN-CIRCLE", "15分钟便民生活圈覆盖率", "15-minute convenience circle coverage", "livelihood", "%",
       _attain(), frequency="quarterly", tags=("public_service",), **_PERCENT),
    _i("LV-URBAN-POPULATION", "城区常住人口", "urban resident population", "economic_development", "人", _attain(1.1),
       source="third_party", low=0.0, description="吉首市城镇化实施方案（2023-2025）：城区常住人口35万"),
    _i("EC-EMERGING-INDUSTRY", "新兴产业项目落地规模", "scale of new emerging-industry projects landed",
       "economic_development", "亿元", _attain(1.2), frequency="quarterly", tags=("investment_attraction",), low=0.0),
    _i("EC-PROJECT-SURVIVAL-3Y", "招商引资项目三年存活率", "3-year survival rate of attracted projects",
       "economic_development", "%", _attain(), source="third_party", tags=("investment_attraction",), **_PERCENT),
    _i("PR-COMPLETION-RATE", "项目竣工率", "project completion rate", "economic_development", "%", _attain(),
       frequency="quarterly", tags=("project_delivery",), **_PERCENT),
    _i("SF-EMERGENCY-RESPONSE", "突发事件应急响应时间", "emergency response time", "safety", "分钟", _attain(1.2),
       lower=True, source="auto_feed", system="应急指挥信息系统", frequency="daily", tags=("emergency_response",), low=0.0),
    _i("FD-BUDGET-EXECUTION", "部门预算执行率", "departmental budget execution rate", "fund_performance", "%",
       _attain(), source="auto_feed", system=BUDGET_SYSTEM, frequency="monthly", tags=("fiscal_management",), **_PERCENT),
    _i("FD-SPECIAL-FUND-EXECUTION", "专项资金执行率", "special-fund execution rate", "fund_performance", "%", _attain(),
       source="auto_feed", system=BUDGET_SYSTEM, frequency="monthly", tags=("fiscal_management",), **_PERCENT),
    _i("SOE-REVENUE-GROWTH", "营业收入增长率", "operating revenue growth", "economic_development", "%", _attain(1.2),
       source="third_party", tags=("fiscal_management",)),
    _i("SOE-ASSET-PRESERVATION", "国有资产保值增值率", "state asset preservation and appreciation rate",
       "economic_development", "%", _attain(1.1), source="third_party", low=0.0),
    _i("SOE-DEBT-RATIO", "资产负债率", "debt-to-asset ratio", "economic_development", "%", _attain(1.2), lower=True,
       source="auto_feed", system="国资监管信息系统", frequency="monthly", tags=("fiscal_management",), **_PERCENT),
    _i("DZ-INDUSTRIAL-OUTPUT", "规模以上工业增加值增速", "industrial value-added growth above designated size",
       "economic_development", "%", _attain(1.5), source="third_party", frequency="quarterly",
       tags=("investment_attraction",)),
    # Jishou education funding and the kindergarten fund.
    _i("ED-PER-STUDENT-FUNDING", "生均经费执行率", "per-student funding execution rate", "fund_performance", "%",
       _attain(), source="auto_feed", system=BUDGET_SYSTEM, frequency="monthly", tags=("fiscal_management",),
       **_PERCENT),
    _i("ED-INCLUSIVE-KINDERGARTEN", "普惠性幼儿园覆盖率", "inclusive-kindergarten coverage", "livelihood", "%",
       _attain(), tags=("public_service",), **_PERCENT),
    _i("FD-PRESCHOOL-EXECUTION", "学前教育公用经费执行率", "preschool public-fund execution rate", "fund_performance", "%",
       _attain(), source="auto_feed", system=BUDGET_SYSTEM, frequency="monthly", tags=("fiscal_management",),
       **_PERCENT, description="2023年执行率89.44%，波动较大"),
    _i("FD-DISBURSEMENT-PUBLICITY", "经费拨付明细公示率", "disbursement details made public", "fund_performance", "%",
       _pass(100), frequency="quarterly", tags=("fiscal_management",), **_PERCENT),
    _i("ED-INCLUSIVE-ENROLMENT", "普惠学位入园率", "enrolment in inclusive places", "livelihood", "%", _attain(),
       tags=("public_service",), **_PERCENT),
    # Health: public hospitals' national assessment indicators feed an intelligent monitoring platform.
    _i("HL-PHYSICIANS-PER-1000", "每千人口执业（助理）医师数", "licensed physicians per 1,000 residents", "livelihood",
       "人", _attain(1.2), source="third_party", tags=("public_service",), low=0.0),
    _i("HL-OUTPATIENT-SATISFACTION", "门诊患者满意度", "outpatient satisfaction", "livelihood", "%",
       _SATISFACTION_BANDS, source="survey", frequency="quarterly", tags=("public_service",), **_PERCENT),
    _i("HL-AVERAGE-STAY", "平均住院日", "average length of stay", "livelihood", "天", _attain(1.2), lower=True,
       source="auto_feed", system="医院信息系统", frequency="monthly", low=0.0),
    _i("HL-NATIONAL-ASSESSMENT", "公立医院绩效考核监测指标达标率", "public-hospital national assessment indicators met",
       "livelihood", "%", _attain(), source="auto_feed", system="公立医院绩效考核管理平台", frequency="monthly",
       tags=("digital_governance",), **_PERCENT, description="55项国考指标纳入智能监测平台"),
    # Public institutions and the network public-opinion special fund.
    _i("PI-ONLINE-SERVICE", "政务服务事项一网通办率", "government services handled fully online", "public_service", "%",
       _attain(), source="auto_feed", system="政务服务一体化平台", frequency="daily", tags=("digital_governance",),
       **_PERCENT),
    _i("PI-WINDOW-SATISFACTION", "政务服务好差评满意率", "service-window rating satisfaction", "public_service", "%",
       _attain(), source="auto_feed", system="政务服务好差评系统", frequency="daily", tags=("public_service",),
       **_PERCENT),
    _i("SF-NETIZEN-MESSAGES", "网民留言办结率", "netizen messages resolved", "public_service", "%", _attain(),
       source="auto_feed", system="网络舆情监测系统", frequency="daily", tags=("digital_governance",), **_PERCENT,
       description="2023年办结率98.63%"),
    _i("SF-MAJOR-OPINION", "重大网络舆情处置率", "major online public-opinion incidents handled", "safety", "%",
       _attain(), frequency="monthly", tags=("emergency_response",), **_PERCENT),
)
