"""The catalogue through the gateway: a city's units, library and lists go in as files; the people
entitled to read a unit's list read it; entities resolve for the other subgraphs."""

from services.common.auth import Role

# catalogue_stack is a fixture: pytest passes it by name to the tests below.
from tests.integration.indicator.catalogue import (  # noqa: F401
    IMPORT_INDICATORS,
    IMPORT_LISTS,
    READ_LIST,
    REGISTER_CADRE,
    catalogue_stack,
    commons_of,
    file_input,
)
from tests.support import GraphQLClient, token, unique

IMPORT_UNITS = "mutation($f: CatalogueFileInput!) { importUnits(file: $f) { applied written errors { row reason } } }"
CADRE_WITH_UNIT = "query($c: ID!) { cadre(id: $c) { id positionLevel leadsUnit unit { id name category temporary } } }"
ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Unit { id name } ... on Cadre { id positionLevel } ... on Indicator { code kind } } }"""


async def test_a_city_goes_in_as_files_and_its_leaders_read_their_units_lists(catalogue_stack):  # noqa: F811
    s = catalogue_stack
    admin = GraphQLClient(s.gateway_url, bearer=token(s, Role.ADMIN))
    clients = [admin]
    try:
        town, task_force = unique("U"), unique("U")
        units = file_input(
            "单位.csv",
            ["单位编码", "单位名称", "单位类别", "所属区县", "临时机构"],
            [
                [town, "矮寨镇", "乡镇", "吉首市", "否"],
                [task_force, "乡村振兴工作专班", "task_force", "吉首市", "是"],
            ],
        )
        assert (await admin.execute(IMPORT_UNITS, {"f": units}))["importUnits"]["written"] == 2

        projects, income = unique("IND"), unique("IND")
        library = file_input(
            "指标库.csv",
            [
                "指标编码",
                "指标名称",
                "维度",
                "指标类型",
                "方向",
                "计量单位",
                "数据来源",
                "监测频次",
                "评分规则",
                "封顶系数",
                "能力标签",
            ],
            [
                [
                    projects,
                    "重点项目建设投资完成率",
                    "经济发展",
                    "计分指标",
                    "越高越好",
                    "%",
                    "人工填报",
                    "月度",
                    "目标达成",
                    "1.2",
                    "project_delivery",
                ],
                [
                    income,
                    "农村居民人均可支配收入增速",
                    "经济发展",
                    "计分指标",
                    "越高越好",
                    "%",
                    "第三方评估",
                    "年度",
                    "目标达成",
                    "1.5",
                    "rural_revitalisation",
                ],
            ],
        )
        assert (await admin.execute(IMPORT_INDICATORS, {"f": library}))["importIndicators"][
            "written"
        ] == 2

        rows = []
        for unit, category in ((town, "township"), (task_force, "task_force")):
            commons = await commons_of(admin, category)
            rows += [
                [unit, 2027, c["indicatorCode"], c["weight"], c["target"] or ""] for c in commons
            ]
            own = 100 - sum(c["weight"] for c in commons)
            rows += [[unit, 2027, projects, round(own - 15, 6), 100], [unit, 2027, income, 15, 7.0]]
        report = (
            await admin.execute(
                IMPORT_LISTS,
                {
                    "f": file_input(
                        "清单.csv", ["单位编码", "年度", "指标编码", "权重", "目标值"], rows
                    ),
                    "publish": True,
                },
            )
        )["importIndicatorLists"]
        assert (report["applied"], report["published"]) == (True, 2), report["errors"]

        principal, staff = unique("C"), unique("C")
        for cadre, level in ((principal, "principal"), (staff, "grassroots")):
            await admin.execute(
                REGISTER_CADRE,
                {"c": {"id": cadre, "name": "向海涛", "unitId": town, "positionLevel": level}},
            )

        leader = GraphQLClient(s.gateway_url, bearer=token(s, Role.CADRE, cadre_id=principal))
        reporter = GraphQLClient(s.gateway_url, bearer=token(s, Role.UNIT_REPORTER, unit_id=town))
        worker = GraphQLClient(s.gateway_url, bearer=token(s, Role.CADRE, cadre_id=staff))
        clients += [leader, reporter, worker]
        me = (await leader.execute(CADRE_WITH_UNIT, {"c": principal}))["cadre"]
        assert me["leadsUnit"] is True and me["unit"] == {
            "id": town,
            "name": "矮寨镇",
            "category": "township",
            "temporary": False,
        }
        for client in (leader, reporter):
            listed = (await client.execute(READ_LIST, {"u": town, "y": 2027}))["indicatorList"]
            weights = {i["indicatorCode"]: i["weight"] for i in listed["items"]}
            assert listed["status"] == "published" and weights[income] == 15
        [error] = await worker.errors(READ_LIST, {"u": town, "y": 2027})
        assert error["extensions"]["code"] == "FORBIDDEN"
        [error] = await reporter.errors(READ_LIST, {"u": task_force, "y": 2027})
        assert error["extensions"]["code"] == "FORBIDDEN"
    finally:
        for client in clients:
            await client.aclose()


async def test_units_cadres_and_indicators_resolve_as_entities(catalogue_stack):  # noqa: F811
    s = catalogue_stack
    admin = GraphQLClient(s.service_url("indicator"), bearer=token(s, Role.ADMIN))
    try:
        unit, cadre, code = unique("U"), unique("C"), unique("IND")
        await admin.execute(
            "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }",
            {"u": {"id": unit, "name": "吉首市融媒体中心", "category": "public_institution"}},
        )
        await admin.execute(
            REGISTER_CADRE,
            {"c": {"id": cadre, "name": "彭丽华", "unitId": unit, "positionLevel": "deputy"}},
        )
        await admin.execute(
            "mutation($i: IndicatorInput!) { saveIndicator(input: $i) { code } }",
            {
                "i": {
                    "code": code,
                    "name": "网民留言办结率",
                    "dimension": "public_service",
                    "kind": "scored",
                    "direction": "higher_is_better",
                    "unitOfMeasure": "%",
                    "dataSource": "auto_feed",
                    "sourceSystem": "网络舆情监测系统",
                    "frequency": "daily",
                    "rule": {"type": "target_attainment", "cap": 1.0},
                }
            },
        )
        found = await admin.execute(
            ENTITIES,
            {
                "r": [
                    {"__typename": "Unit", "id": unit},
                    {"__typename": "Cadre", "id": cadre},
                    {"__typename": "Indicator", "code": code},
                ]
            },
        )
        assert found["_entities"] == [
            {"id": unit, "name": "吉首市融媒体中心"},
            {"id": cadre, "positionLevel": "deputy"},
            {"code": code, "kind": "scored"},
        ]
    finally:
        await admin.aclose()
