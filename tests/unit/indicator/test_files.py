"""Spreadsheet files: Chinese or English headers, csv or xlsx, and row-level errors."""

from datetime import date

import pytest

from services.common.errors import ValidationFailed
from services.common.spreadsheets import read_sheet
from services.indicator.adapters.spreadsheet_files import file_format, table_of, write_table
from services.indicator.domain.layouts import (
    INDICATOR_LAYOUT,
    LIST_LAYOUT,
    UNIT_LAYOUT,
    indicator_from_row,
    indicator_row,
    list_row_from_cells,
    unit_from_row,
)
from services.indicator.domain.tabular import row_errors


def read_table(filename, content):
    return table_of(read_sheet(file_format(filename), content, "file.content"))


def located(layout, headers):
    index, written, errors = layout.locate(headers)
    return index, written, errors


def test_chinese_and_english_headers_name_the_same_columns():
    zh, _, _ = located(LIST_LAYOUT, ["单位编码", "年度", "指标编码", "权重（%）", "目标值", "备注"])
    en, _, _ = located(LIST_LAYOUT, ["unit_id", "Year", "indicator code", "WEIGHT", "target"])
    assert zh == en == {"unitId": 0, "year": 1, "indicatorCode": 2, "weight": 3, "target": 4}


def test_missing_unknown_and_repeated_columns_are_errors_of_row_1():
    _, _, errors = located(LIST_LAYOUT, ["单位编码", "年度", "权重", "权重", "颜色"])
    assert {(e.row, e.rule, e.column) for e in errors} == {
        (1, "unique_column", "权重"),
        (1, "known_column", "颜色"),
        (1, "required_column", "指标编码"),
    }


def test_list_rows_read_plainly_and_with_checks_agree():
    index, _, _ = located(LIST_LAYOUT, ["单位编码", "年度", "指标编码", "权重", "目标值"])
    plain, _ = list_row_from_cells(2, ["JS-HEXI", "2025", "EC-INVESTMENT", "17", "3.5"], index)
    checked, _ = list_row_from_cells(3, [" JS-HEXI ", 2025.0, "EC-INVESTMENT", "17%", "3.5"], index)
    assert (plain.unit_id, plain.year, plain.item.weight, plain.item.target) == (
        "JS-HEXI",
        2025,
        17.0,
        3.5,
    )
    assert (checked.unit_id, checked.year, checked.item.weight, checked.item.target) == (
        "JS-HEXI",
        2025,
        17.0,
        3.5,
    )
    assert (plain.row, checked.row) == (2, 3)


@pytest.mark.parametrize(
    "cells, field, rule",
    [
        (["", "2025", "EC-INVESTMENT", "17", ""], "unitId", "required"),
        (["JS-HEXI", "2025.5", "EC-INVESTMENT", "17", ""], "year", "integer"),
        (["JS-HEXI", "2025", "EC-INVESTMENT", "abc", ""], "weight", "number"),
        (["JS-HEXI", "2025", "EC-INVESTMENT", "nan", ""], "weight", "number"),
    ],
)
def test_unreadable_cells_name_row_column_rule_and_value(cells, field, rule):
    index, written, _ = located(LIST_LAYOUT, ["单位编码", "年度", "指标编码", "权重", "目标值"])
    row, problems = list_row_from_cells(9, cells, index)
    assert row is None
    [error] = row_errors(problems, written, LIST_LAYOUT)
    assert (error.row, error.field, error.rule) == (9, field, rule)
    assert error.column == written[field]


def test_an_indicator_row_reads_labels_synonyms_and_bands():
    headers = [
        "指标编码",
        "指标名称",
        "维度",
        "指标类型",
        "方向",
        "计量单位",
        "数据来源",
        "来源系统",
        "监测频次",
        "评分规则",
        "分档",
        "能力标签",
        "最小值",
        "最大值",
    ]
    index, _, errors = located(INDICATOR_LAYOUT, headers)
    assert errors == []
    cells = [
        "SV-PUBLIC-SATISFACTION",
        "群众满意度",
        "民生",
        "计分指标",
        "正向",
        "%",
        "问卷调查",
        "",
        "年度",
        "分档计分",
        "90:100；85:85; 80:70",
        "public_service、digital_governance",
        "0",
        "100",
    ]
    ind, problems = indicator_from_row(2, cells, index)
    assert problems == []
    assert (ind.dimension, ind.kind, ind.direction, ind.data_source, ind.frequency) == (
        "livelihood",
        "scored",
        "higher_is_better",
        "survey",
        "annual",
    )
    assert ind.rule == {
        "type": "threshold_bands",
        "bands": [
            {"bound": 90, "score": 100},
            {"bound": 85, "score": 85},
            {"bound": 80, "score": 70},
        ],
    }
    assert (
        ind.capability_tags == ("public_service", "digital_governance") and ind.assessed_at_year_end
    )


def test_a_daily_indicator_is_not_assessed_at_year_end_unless_the_file_says_so():
    index, _, _ = located(
        INDICATOR_LAYOUT,
        [
            "code",
            "name",
            "dimension",
            "kind",
            "direction",
            "unit_of_measure",
            "data_source",
            "source_system",
            "frequency",
            "rule_type",
            "cap",
        ],
    )
    ind, _ = indicator_from_row(
        2,
        [
            "SV-12345",
            "12345热线响应率",
            "public_service",
            "scored",
            "higher_is_better",
            "%",
            "auto_feed",
            "12345政务服务便民热线",
            "daily",
            "target_attainment",
            "1",
        ],
        index,
    )
    assert ind.assessed_at_year_end is False and ind.rule == {
        "type": "target_attainment",
        "cap": 1.0,
    }


def test_unit_rows_accept_category_names_and_dates_in_chinese_form():
    index, _, _ = located(UNIT_LAYOUT, ["单位编码", "单位名称", "单位类别", "临时机构"])
    unit, problems = unit_from_row(
        2,
        ["JS-TF", "城镇化建设工作专班", "临时机构", "是"],
        index,
        {"task_force": "task_force", "临时机构": "task_force"},
    )
    assert problems == [] and (unit.category, unit.temporary) == ("task_force", True)
    _, problems = unit_from_row(
        3, ["JS-X", "某单位", "火星", "否"], index, {"township": "township"}
    )
    assert [(p.field, p.rule, p.row) for p in problems] == [("category", "one_of", 3)]
    from services.indicator.domain.tabular import day

    assert day("2025年7月1日") == day("2025/7/1") == day("2025-07-01") == date(2025, 7, 1)


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_files_round_trip_chinese_text(file_type):
    content = write_table(
        file_type, ["单位编码", "单位名称"], [["JS-KG-SANZHI", "乾城三智幼儿园"], ["JS-X", None]]
    )
    table = read_table(f"units.{file_type}", content)
    assert table.headers == ["单位编码", "单位名称"]
    assert [(n, [c or None for c in cells]) for n, cells in table.rows] == [
        (2, ["JS-KG-SANZHI", "乾城三智幼儿园"]),
        (3, ["JS-X", None]),
    ]


def test_a_csv_saved_by_chinese_excel_reads_too():
    table = read_table("lists.csv", "单位编码,年度\nJS-HEXI,2025\n".encode("gb18030"))
    assert table.headers == ["单位编码", "年度"] and table.rows == [(2, ["JS-HEXI", "2025"])]


def test_other_files_are_refused_naming_the_field():
    with pytest.raises(ValidationFailed) as failed:
        read_table("lists.pdf", b"%PDF")
    assert failed.value.problems[0].field == "file.filename"
    with pytest.raises(ValidationFailed) as failed:
        read_table("lists.xlsx", b"not a zip")
    assert failed.value.problems[0].rule == "xlsx"


def test_exported_indicator_rows_import_back_to_the_same_indicator():
    from tests.unit.indicator.fixtures import indicator

    original = indicator(
        rule={
            "type": "threshold_bands",
            "bands": [{"bound": 95, "score": 100}, {"bound": 90, "score": 80}],
        },
        capability_tags=("investment_attraction",),
        min_value=0.0,
    )
    for language in ("zh", "en"):
        index, _, errors = located(INDICATOR_LAYOUT, INDICATOR_LAYOUT.headers(language))
        assert errors == []
        again, problems = indicator_from_row(2, indicator_row(original, language), index)
        assert problems == [] and again == original
