"""The catalogue's file layouts (indicator library, unit lists, units): rows in, rows out."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.indicator.domain import tabular
from services.indicator.domain.indicators import Indicator
from services.indicator.domain.lists import Item
from services.indicator.domain.tabular import CellError, Column, Layout, format_bands
from services.indicator.domain.units import Unit
from services.indicator.domain.vocabulary import (
    DATA_SOURCES,
    DIMENSIONS,
    DIRECTIONS,
    FREQUENCIES,
    KINDS,
    ORIGINS,
    RULE_TYPES,
    Vocabulary,
)

C = Column
INDICATOR_LAYOUT = Layout(
    "indicator library",
    [
        C("code", "指标编码", "code", ("编码", "indicator_code"), required=True),
        C("name", "指标名称", "name", ("名称",), required=True),
        C("nameEn", "英文名称", "name_en"),
        C("dimension", "维度", "dimension", ("指标维度",), required=True),
        C("kind", "指标类型", "kind", ("类型",), required=True),
        C("direction", "方向", "direction", ("指标方向",), required=True),
        C("unitOfMeasure", "计量单位", "unit_of_measure", ("单位",), required=True),
        C("dataSource", "数据来源", "data_source", ("来源",), required=True),
        C("sourceSystem", "来源系统", "source_system", ("数据系统",)),
        C("frequency", "监测频次", "frequency", ("频次",), required=True),
        C("ruleType", "评分规则", "rule_type", ("计分规则",), required=True),
        C("cap", "封顶系数", "cap", ("封顶",)),
        C("threshold", "阈值", "threshold", ("达标值",)),
        C("bands", "分档", "bands", ("分档标准",)),
        C("points", "每次扣分", "points", ("扣分",)),
        C("maxPoints", "扣分上限", "max_points"),
        C("capabilityTags", "能力标签", "capability_tags", ("能力",)),
        C("minValue", "最小值", "min_value"),
        C("maxValue", "最大值", "max_value"),
        C("assessedAtYearEnd", "年终考核", "assessed_at_year_end", ("年终评估",)),
        C("onSiteCheck", "现场核查", "on_site_check", ("实地核查",)),
        C("description", "说明", "description", ("指标说明",)),
    ],
)

LIST_LAYOUT = Layout(
    "unit list",
    [
        C("unitId", "单位编码", "unit_id", ("单位代码",), required=True),
        C("unitName", "单位名称", "unit_name", imported=False),
        C("year", "年度", "year", ("考核年度",), required=True),
        C("version", "版本", "version", imported=False),
        C("schemeCode", "考核方案", "scheme_code", ("方案", "方案编码")),
        C("effectiveFrom", "生效日期", "effective_from"),
        C("indicatorCode", "指标编码", "indicator_code", ("编码",), required=True),
        C("indicatorName", "指标名称", "indicator_name", imported=False),
        C("kind", "指标类型", "kind", imported=False),
        C("origin", "指标来源", "origin", imported=False),
        C("weight", "权重", "weight", ("分值", "权重分"), required=True),
        C("target", "目标值", "target", ("目标",)),
    ],
)

UNIT_LAYOUT = Layout(
    "unit",
    [
        C("id", "单位编码", "id", ("单位代码", "unit_id"), required=True),
        C("name", "单位名称", "name", ("名称",), required=True),
        C("category", "单位类别", "category", ("类别", "分类"), required=True),
        C("district", "所属区县", "district", ("区县", "辖区")),
        C("parentId", "上级单位", "parent_id", ("上级单位编码",)),
        C("temporary", "临时机构", "temporary", ("是否临时机构",)),
    ],
)


class RowReader:
    """Reads one row's cells by field, collecting what cannot be read."""

    def __init__(self, row: int, cells: list[Any], index: dict[str, int]):
        self.row = row
        self._cells = cells
        self._index = index
        self.problems: list[FieldProblem] = []

    def cell(self, field: str) -> Any:
        position = self._index.get(field)
        return (
            self._cells[position] if position is not None and position < len(self._cells) else None
        )

    def read(self, field: str, parse: Callable[[Any], Any]) -> Any:
        cell = self.cell(field)
        try:
            return parse(cell)
        except CellError as error:
            self.problems.append(
                FieldProblem(field, error.rule, str(error), tabular.text(cell), self.row)
            )
            return None

    def required(self, field: str, parse: Callable[[Any], Any] = tabular.text) -> Any:
        value = self.read(field, parse)
        if value is None and not any(p.field == field for p in self.problems):
            self.problems.append(
                FieldProblem(field, RuleCode.required, "this cell may not be empty", None, self.row)
            )
        return value

    def word(self, field: str, words: Vocabulary) -> str | None:
        written = self.required(field)
        if written is None:
            return None
        code = words.code_of(written)
        if code is None:
            self.problems.append(
                FieldProblem(
                    field, RuleCode.one_of, f"must be one of {words.describe()}", written, self.row
                )
            )
        return code


def with_row(problems: list[FieldProblem], row: int) -> list[FieldProblem]:
    return [replace(p, row=row) for p in problems]


def _rule(reader: RowReader) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": reader.word("ruleType", RULE_TYPES)}
    for field, key, parse in (
        ("cap", "cap", tabular.number),
        ("threshold", "threshold", tabular.number),
        ("bands", "bands", tabular.bands),
        ("points", "points", tabular.number),
        ("maxPoints", "max_points", tabular.number),
    ):
        value = reader.read(field, parse)
        if value is not None:
            rule[key] = value
    return rule


def indicator_from_row(
    row: int, cells: list[Any], index: dict[str, int]
) -> tuple[Indicator | None, list[FieldProblem]]:
    r = RowReader(row, cells, index)
    values = dict(
        code=r.required("code"),
        name=r.required("name"),
        name_en=r.read("nameEn", tabular.text),
        dimension=r.word("dimension", DIMENSIONS),
        kind=r.word("kind", KINDS),
        direction=r.word("direction", DIRECTIONS),
        unit_of_measure=r.required("unitOfMeasure"),
        data_source=r.word("dataSource", DATA_SOURCES),
        source_system=r.read("sourceSystem", tabular.text),
        frequency=r.word("frequency", FREQUENCIES),
        rule=_rule(r),
        capability_tags=r.read("capabilityTags", tabular.word_list) or (),
        min_value=r.read("minValue", tabular.number),
        max_value=r.read("maxValue", tabular.number),
        on_site_check=bool(r.read("onSiteCheck", tabular.boolean)),
        description=r.read("description", tabular.text),
    )
    year_end = r.read("assessedAtYearEnd", tabular.boolean)
    values["assessed_at_year_end"] = (
        (values["frequency"] != "daily") if year_end is None else year_end
    )
    if r.problems:
        return None, r.problems
    return Indicator(**values), []


def _word(words: Vocabulary, code: str, language: str) -> str:
    """Chinese files show the label, English ones the code; imports read either."""
    return words.label(code) if language == "zh" else code


def indicator_row(ind: Indicator, language: str) -> list[Any]:
    def word(words: Vocabulary, code: str) -> str:
        return _word(words, code, language)

    rule = ind.rule
    yes, no = ("是", "否") if language == "zh" else ("yes", "no")
    return [
        ind.code,
        ind.name,
        ind.name_en,
        word(DIMENSIONS, ind.dimension),
        word(KINDS, ind.kind),
        word(DIRECTIONS, ind.direction),
        ind.unit_of_measure,
        word(DATA_SOURCES, ind.data_source),
        ind.source_system,
        word(FREQUENCIES, ind.frequency),
        word(RULE_TYPES, rule["type"]),
        rule.get("cap"),
        rule.get("threshold"),
        format_bands(rule["bands"]) if "bands" in rule else None,
        rule.get("points"),
        rule.get("max_points"),
        ", ".join(ind.capability_tags) or None,
        ind.min_value,
        ind.max_value,
        yes if ind.assessed_at_year_end else no,
        yes if ind.on_site_check else no,
        ind.description,
    ]


@dataclass(frozen=True)
class ListRow:
    unit_id: str
    year: int
    item: Item
    scheme_code: str | None
    effective_from: date | None

    @property
    def row(self) -> int | None:
        return self.item.row


def _list_row_checked(
    row: int, cells: list[Any], index: dict[str, int]
) -> tuple[ListRow | None, list[FieldProblem]]:
    r = RowReader(row, cells, index)
    unit_id, year, code = (
        r.required("unitId"),
        r.required("year", tabular.integer),
        r.required("indicatorCode"),
    )
    weight, target = r.read("weight", tabular.number), r.read("target", tabular.number)
    scheme, start = r.read("schemeCode", tabular.text), r.read("effectiveFrom", tabular.day)
    if r.problems:
        return None, r.problems
    return ListRow(unit_id, year, Item(code, weight or 0.0, target, row=row), scheme, start), []


class _Unusual(Exception):
    """A cell the plain reading does not cover; the checked reading decides about it."""


def _plain_text(cell: Any) -> str | None:
    if cell is None or cell == "":
        return None
    if cell.__class__ is not str or cell != cell.strip():
        raise _Unusual
    return cell


def _plain_number(cell: Any) -> float | None:
    if cell is None or cell == "":
        return None
    value = float(cell) if cell.__class__ in (str, int, float) else None
    if value is None or not math.isfinite(value):
        raise _Unusual
    return value


def list_row_from_cells(
    row: int, cells: list[Any], index: dict[str, int]
) -> tuple[ListRow | None, list[FieldProblem]]:
    """One row of a unit list. Most rows of a large file are plain text and numbers: those are read
    directly; any other row gets the checked reading, which also explains what is wrong."""
    try:
        unit_id, code = (
            _plain_text(cells[index["unitId"]]),
            _plain_text(cells[index["indicatorCode"]]),
        )
        year = _plain_number(cells[index["year"]])
        weight = _plain_number(cells[index["weight"]])
        target = _plain_number(cells[index["target"]]) if "target" in index else None
        scheme = _plain_text(cells[index["schemeCode"]]) if "schemeCode" in index else None
        if (
            unit_id is None
            or code is None
            or year is None
            or not year.is_integer()
            or "effectiveFrom" in index
        ):
            raise _Unusual
    except (_Unusual, ValueError, IndexError):
        return _list_row_checked(row, cells, index)
    return ListRow(unit_id, int(year), Item(code, weight or 0.0, target, row=row), scheme, None), []


def list_rows(
    header: dict[str, Any], unit_name: str, items: list[dict[str, Any]], language: str
) -> list[list[Any]]:
    """A published list as file rows, one per item (the importable columns plus names to read by)."""
    return [
        [
            header["unit_id"],
            unit_name,
            header["year"],
            header["version"],
            header.get("scheme_code"),
            header["effective_from"],
            item["indicator_code"],
            item["name"],
            _word(KINDS, item["kind"], language),
            _word(ORIGINS, item.get("origin", "individual"), language),
            item["weight"],
            item["target"],
        ]
        for item in items
    ]


def unit_from_row(
    row: int, cells: list[Any], index: dict[str, int], categories: dict[str, str]
) -> tuple[Unit | None, list[FieldProblem]]:
    """`categories` maps codes and Chinese names of the configured categories to codes."""
    r = RowReader(row, cells, index)
    unit_id, name, written = r.required("id"), r.required("name"), r.required("category")
    district, parent = r.read("district", tabular.text), r.read("parentId", tabular.text)
    temporary = bool(r.read("temporary", tabular.boolean))
    category = categories.get(written or "")
    if written is not None and category is None:
        r.problems.append(
            FieldProblem(
                "category",
                RuleCode.one_of,
                f"must be one of {', '.join(sorted(set(categories.values())))}",
                written,
                row,
            )
        )
    if r.problems or category is None:
        return None, r.problems
    try:
        return Unit(
            id=unit_id,
            name=name,
            category=category,
            district=district,
            parent_id=parent,
            temporary=temporary,
        ), []
    except ValidationFailed as failed:
        return None, with_row(failed.problems, row)
