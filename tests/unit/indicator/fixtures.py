"""Indicators and lists the unit tests build on (figures from the reform texts)."""

from __future__ import annotations

from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import CommonIndicator, Item, ListContext
from services.indicator.domain.paperwork import DEFAULT_TERMS, Blocklist
from services.indicator.domain.units import Unit

BLOCKLIST = Blocklist(DEFAULT_TERMS)


def indicator(code: str = "EC-INVESTMENT", **changes) -> Indicator:
    values = dict(
        code=code,
        name="招商引资到位资金",
        dimension="economic_development",
        kind="scored",
        direction="higher_is_better",
        unit_of_measure="亿元",
        data_source="manual_report",
        frequency="monthly",
        rule={"type": "target_attainment", "cap": 1.2},
    )
    values.update(changes)
    return Indicator(**values)


def red_line(code: str = "RL-WATER-QUALITY") -> Indicator:
    return indicator(
        code,
        name="集中式饮用水水源水质达标率",
        dimension="ecology",
        kind="red_line",
        unit_of_measure="%",
        rule={"type": "pass_fail", "threshold": 100},
        min_value=0.0,
        max_value=100.0,
    )


def veto(code: str = "VX-MAJOR-POLLUTION", kind: str = "veto_excellence") -> Indicator:
    return indicator(
        code,
        name="重大环境污染事故",
        dimension="ecology",
        kind=kind,
        direction="lower_is_better",
        unit_of_measure="起",
        rule={"type": "pass_fail", "threshold": 0},
    )


def scored(
    code: str, dimension: str = "economic_development", name: str | None = None
) -> Indicator:
    return indicator(code, name=name or f"产出指标{code}", dimension=dimension)


TOWNSHIP = Unit("JS-MAJINGAO", "马颈坳镇", "township")


def context(
    indicators: list[Indicator], commons: list[CommonIndicator] = (), **changes
) -> ListContext:
    values = dict(
        unit=TOWNSHIP,
        indicators={i.code: i for i in indicators},
        commons=list(commons),
        blocklist=BLOCKLIST,
    )
    values.update(changes)
    return ListContext(**values)


def items(*pairs) -> list[Item]:
    return [Item(code, weight, target) for code, weight, target in pairs]
