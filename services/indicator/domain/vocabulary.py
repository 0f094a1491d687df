"""The closed word lists of the catalogue, each code with its Chinese label.

Files may use the code, the label or a common synonym (imports accept all three; exports write
the label under Chinese headers and the code under English ones).
"""

from __future__ import annotations


class Vocabulary:
    def __init__(self, labels: dict[str, str], synonyms: dict[str, str] | None = None):
        self.labels = labels
        self._lookup = {code: code for code in labels}
        self._lookup.update({label: code for code, label in labels.items()})
        self._lookup.update(synonyms or {})

    def code_of(self, written: str) -> str | None:
        """The code a cell means, or None when it means none of them."""
        text = written.strip()
        return self._lookup.get(text.lower() if text.isascii() else text)

    def label(self, code: str) -> str:
        return self.labels[code]

    def describe(self) -> str:
        return ", ".join(f"{code} ({label})" for code, label in self.labels.items())

    def __contains__(self, code: object) -> bool:
        return code in self.labels


KINDS = Vocabulary(
    {
        "scored": "计分指标",
        "red_line": "约束性红线",
        "deduction": "反向扣分项",
        "veto_excellence": "一票否优",
        "veto": "一票否决",
    },
    {
        "计分": "scored",
        "红线": "red_line",
        "扣分项": "deduction",
        "否优": "veto_excellence",
        "否决": "veto",
    },
)
DIRECTIONS = Vocabulary(
    {"higher_is_better": "越高越好", "lower_is_better": "越低越好"},
    {"正向": "higher_is_better", "负向": "lower_is_better", "逆向": "lower_is_better"},
)
DATA_SOURCES = Vocabulary(
    {
        "auto_feed": "系统自动采集",
        "manual_report": "人工填报",
        "survey": "问卷调查",
        "third_party": "第三方评估",
    },
    {
        "自动采集": "auto_feed",
        "无感化": "auto_feed",
        "填报": "manual_report",
        "满意度调查": "survey",
        "第三方": "third_party",
    },
)
FREQUENCIES = Vocabulary(
    {"daily": "日常监测", "monthly": "月度", "quarterly": "季度", "annual": "年度"},
    {
        "每日": "daily",
        "日": "daily",
        "每月": "monthly",
        "月": "monthly",
        "每季度": "quarterly",
        "季": "quarterly",
        "每年": "annual",
        "年": "annual",
    },
)
DIMENSIONS = Vocabulary(
    {
        "party_building": "党的建设",
        "ethnic_unity": "民族团结",
        "economic_development": "经济发展",
        "livelihood": "民生保障",
        "ecology": "生态环保",
        "safety": "安全稳定",
        "public_service": "公共服务",
        "fund_performance": "资金绩效",
        "governance": "基层治理",
    },
    {
        "党建": "party_building",
        "经济": "economic_development",
        "民生": "livelihood",
        "生态": "ecology",
        "安全": "safety",
        "安全生产": "safety",
        "治理": "governance",
    },
)
RULE_TYPES = Vocabulary(
    {
        "target_attainment": "目标达成",
        "threshold_bands": "分档计分",
        "pass_fail": "达标判定",
        "per_incident": "按次扣分",
    },
    {
        "目标完成率": "target_attainment",
        "分档": "threshold_bands",
        "达标": "pass_fail",
        "扣分": "per_incident",
    },
)
ORIGINS = Vocabulary(
    {"common": "共性指标", "individual": "个性指标"}, {"共性": "common", "个性": "individual"}
)
