"""Imports apply every row or none and report each broken rule by row and column; exports read back."""

import base64
import io

from openpyxl import Workbook, load_workbook

from tests.integration.indicator.catalogue import (
    IMPORT_INDICATORS,
    IMPORT_LISTS,
    READ_LIST,
    bytes_input,
    commons_of,
    file_input,
    individual_weight,
    new_indicator,
    new_unit,
)
from tests.support import database, unique

EXPORT_LISTS = """query($y: Int!, $units: [ID!], $format: String!) {
  exportIndicatorLists(year: $y, unitIds: $units, format: $format) { filename contentBase64 rows } }"""
HEADER = ["单位编码", "年度", "指标编码", "权重", "目标值"]


async def list_rows(client, unit: str, category: str, code: str, year: int = 2028) -> list[list]:
    """A unit's list as file rows: the category's common indicators at their defaults, the rest on `code`."""
    rows = [
        [unit, year, c["indicatorCode"], c["weight"], c["target"] or ""]
        for c in await commons_of(client, category)
    ]
    return rows + [[unit, year, code, await individual_weight(client, category), 90]]


async def stored_lists(settings, *units: str) -> int:
    conn = await database(settings, "indicator")
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM indicator_lists WHERE unit_id = ANY($1)", list(units)
        )
    finally:
        await conn.close()


async def test_a_list_file_with_one_bad_row_changes_nothing_and_says_where(
    catalogue_stack, indicator_admin
):
    client = indicator_admin
    good, bad = await new_unit(client, "township"), await new_unit(client, "township")
    code = await new_indicator(client)
    rows = await list_rows(client, good, "township", code) + await list_rows(
        client, bad, "township", code
    )
    rows[-1][3] = "六十"  # a weight that is no number
    rows.append([bad, 2028, "NO-SUCH-INDICATOR", 0, ""])
    report = (
        await client.execute(
            IMPORT_LISTS, {"f": file_input("lists.csv", HEADER, rows), "publish": True}
        )
    )["importIndicatorLists"]
    assert report["applied"] is False and report["errorCount"] == 2
    assert [(e["row"], e["column"], e["rule"], e["value"]) for e in report["errors"]] == [
        (len(rows), "权重", "number", "六十"),
        (len(rows) + 1, "指标编码", "exists", "NO-SUCH-INDICATOR"),
    ]
    assert await stored_lists(catalogue_stack, good, bad) == 0

    rows = rows[:-1]
    rows[-1][3] = await individual_weight(client, "township")
    report = (
        await client.execute(
            IMPORT_LISTS, {"f": file_input("lists.csv", HEADER, rows), "publish": True}
        )
    )["importIndicatorLists"]
    assert (report["applied"], report["written"], report["published"]) == (True, 2, 2)
    listed = (await client.execute(READ_LIST, {"u": bad, "y": 2028}))["indicatorList"]
    assert listed["status"] == "published" and {i["indicatorCode"] for i in listed["items"]} >= {
        code
    }


async def test_list_rules_are_reported_per_list(catalogue_stack, indicator_admin):
    client = indicator_admin
    unit = await new_unit(client, "health")
    code = await new_indicator(client)
    rows = await list_rows(client, unit, "health", code)
    rows[-1][3] = 10
    report = (
        await client.execute(
            IMPORT_LISTS, {"f": file_input("lists.csv", HEADER, rows), "publish": False}
        )
    )["importIndicatorLists"]
    [error] = report["errors"]
    assert (error["field"], error["rule"], error["column"], error["row"]) == (
        "weight",
        "sum_100",
        "权重",
        2,
    )
    assert await stored_lists(catalogue_stack, unit) == 0


async def test_an_indicator_workbook_with_chinese_headers_is_checked_row_by_row(
    catalogue_stack, indicator_admin
):
    client = indicator_admin
    good, meetings, feed = unique("IND"), unique("IND"), unique("IND")
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
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
            "封顶系数",
            "能力标签",
        ]
    )
    sheet.append(
        [
            good,
            "企业开办时间",
            "公共服务",
            "计分指标",
            "越低越好",
            "工作日",
            "系统自动采集",
            "企业开办一网通办平台",
            "月度",
            "目标达成",
            1.2,
            "digital_governance",
        ]
    )
    sheet.append(
        [
            meetings,
            "召开会议次数",
            "党的建设",
            "计分指标",
            "越高越好",
            "次",
            "人工填报",
            None,
            "年度",
            "目标达成",
            1.0,
            None,
        ]
    )
    sheet.append(
        [
            feed,
            "12345热线响应率",
            "公共服务",
            "计分指标",
            "越高越好",
            "%",
            "系统自动采集",
            None,
            "日常监测",
            "目标达成",
            1.0,
            None,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    report = (
        await client.execute(
            IMPORT_INDICATORS, {"f": bytes_input("指标库.xlsx", buffer.getvalue())}
        )
    )["importIndicators"]
    assert report["applied"] is False
    assert [(e["row"], e["column"], e["rule"]) for e in report["errors"]] == [
        (3, "指标名称", "no_paperwork"),
        (4, "来源系统", "auto_feed_source"),
    ]
    assert "paperwork" in report["errors"][0]["reason"]

    sheet.delete_rows(3, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    report = (
        await client.execute(
            IMPORT_INDICATORS, {"f": bytes_input("指标库.xlsx", buffer.getvalue())}
        )
    )["importIndicators"]
    assert (report["applied"], report["written"]) == (True, 1)
    found = await client.execute(
        "query($c: ID!) { indicator(code: $c) { direction dataSource sourceSystem onSiteCheck } }",
        {"c": good},
    )
    assert found["indicator"] == {
        "direction": "lower_is_better",
        "dataSource": "auto_feed",
        "sourceSystem": "企业开办一网通办平台",
        "onSiteCheck": False,
    }


async def test_exported_lists_import_back_unchanged(catalogue_stack, indicator_admin):
    client = indicator_admin
    unit = await new_unit(client, "education", name="乾城三智幼儿园")
    code = await new_indicator(client, name="学前教育公用经费执行率", dimension="fund_performance")
    rows = await list_rows(client, unit, "education", code, year=2029)
    await client.execute(
        IMPORT_LISTS, {"f": file_input("lists.csv", HEADER, rows), "publish": True}
    )

    exported = (await client.execute(EXPORT_LISTS, {"y": 2029, "units": [unit], "format": "xlsx"}))[
        "exportIndicatorLists"
    ]
    content = base64.b64decode(exported["contentBase64"])
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]][:3] == ["单位编码", "单位名称", "年度"] and sheet[
        "B2"
    ].value == "乾城三智幼儿园"
    assert exported["rows"] == len(rows)

    report = (
        await client.execute(
            IMPORT_LISTS, {"f": bytes_input(exported["filename"], content), "publish": False}
        )
    )["importIndicatorLists"]
    assert report["applied"] is True, report["errors"]
    published = (await client.execute(READ_LIST, {"u": unit, "y": 2029, "v": 1}))["indicatorList"]
    draft = (await client.execute(READ_LIST, {"u": unit, "y": 2029, "v": 2}))["indicatorList"]
    assert draft["status"] == "draft"
    assert [(i["indicatorCode"], i["weight"], i["target"]) for i in draft["items"]] == [
        (i["indicatorCode"], i["weight"], i["target"]) for i in published["items"]
    ]


async def test_a_unit_file_is_refused_whole_for_repeated_units_unknown_parents_and_cycles(
    catalogue_stack, indicator_admin
):
    town, office, a, b = unique("U"), unique("U"), unique("U"), unique("U")
    rows = [
        [town, "河溪镇", "乡镇", ""],
        [office, "河溪镇便民服务中心", "事业单位", town],
        [town, "河溪镇", "township", ""],
        [a, "甲", "task_force", b],
        [b, "乙", "task_force", a],
        [unique("U"), "丙", "township", "NOWHERE"],
    ]
    report = (
        await indicator_admin.execute(
            "mutation($f: CatalogueFileInput!) { importUnits(file: $f) { applied errors { row column rule } } }",
            {"f": file_input("units.csv", ["单位编码", "单位名称", "单位类别", "上级单位"], rows)},
        )
    )["importUnits"]
    assert report["applied"] is False
    assert [(e["row"], e["column"], e["rule"]) for e in report["errors"]] == [
        (4, "单位编码", "unique_in_file"),
        (5, "上级单位", "no_cycle"),
        (6, "上级单位", "no_cycle"),
        (7, "上级单位", "exists"),
    ]
    conn = await database(catalogue_stack, "indicator")
    try:
        assert (
            await conn.fetchval(
                "SELECT count(*) FROM units WHERE id = ANY($1)", [town, office, a, b]
            )
            == 0
        )
    finally:
        await conn.close()

    report = (
        await indicator_admin.execute(
            "mutation($f: CatalogueFileInput!) { importUnits(file: $f) { applied written } }",
            {
                "f": file_input(
                    "units.csv", ["单位编码", "单位名称", "单位类别", "上级单位"], rows[1::-1]
                )
            },
        )
    )["importUnits"]
    assert report == {
        "applied": True,
        "written": 2,
    }  # the child came first in the file; parents are written first
