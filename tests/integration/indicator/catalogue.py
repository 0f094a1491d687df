"""What the catalogue's integration and end-to-end tests share: the components they need, and
fresh units and indicators of their own (unique per test, so no test sees another's data)."""

from __future__ import annotations

import base64
import math

import pytest

from services.common.auth import Role
from services.common.settings import PlatformSettings
from services.indicator.adapters.spreadsheet_files import write_table
from tests.support import GraphQLClient, require_port, require_url, token, unique

REGISTER_UNIT = "mutation($u: UnitInput!) { registerUnit(input: $u) { id } }"
REGISTER_CADRE = "mutation($c: CadreInput!) { registerCadre(input: $c) { id } }"
SAVE_INDICATOR = "mutation($i: IndicatorInput!) { saveIndicator(input: $i) { code } }"
COMMONS = "query($c: String!) { commonIndicators(category: $c) { indicatorCode weight target } }"
SET_COMMONS = """mutation($c: String!, $items: [CommonIndicatorInput!]!) {
  setCommonIndicators(category: $c, items: $items) { indicatorCode } }"""
DRAFT = """mutation($u: ID!, $y: Int!, $items: [IndicatorListItemInput!]) {
  draftIndicatorList(unitId: $u, year: $y, items: $items) { version status totalWeight items { indicatorCode origin } } }"""
EDIT = """mutation($u: ID!, $y: Int!, $set: [IndicatorListItemInput!], $remove: [String!]) {
  editIndicatorListDraft(unitId: $u, year: $y, set: $set, remove: $remove) { version status totalWeight } }"""
PUBLISH = """mutation($u: ID!, $y: Int!, $from: Date) {
  publishIndicatorList(unitId: $u, year: $y, effectiveFrom: $from) {
    id version status effectiveFrom supersedesVersion items { indicatorCode weight target kind origin } } }"""
READ_LIST = """query($u: ID!, $y: Int!, $v: Int) { indicatorList(unitId: $u, year: $y, version: $v) {
  id version status effectiveFrom effectiveTo items { indicatorCode weight target kind rule origin } } }"""
IMPORT_LISTS = """mutation($f: CatalogueFileInput!, $publish: Boolean!) { importIndicatorLists(file: $f, publish: $publish) {
  rows applied written published errorCount errors { row column field rule reason value } } }"""
IMPORT_INDICATORS = """mutation($f: CatalogueFileInput!) { importIndicators(file: $f) {
  rows applied written errorCount errors { row column field rule reason value } } }"""


@pytest.fixture(scope="session")
def catalogue_stack() -> PlatformSettings:
    """The components these tests use (the catalogue needs neither scoring nor development);
    a missing one fails the test with its name."""
    settings = PlatformSettings()
    host, _, port = settings.kafka_bootstrap_servers.split(",")[0].rpartition(":")
    require_port("Kafka", host, int(port))
    require_url(
        "PostgreSQL (indicator database)",
        settings.database_url("indicator").replace("+asyncpg", ""),
    )
    require_url("the indicator service", settings.service_url("indicator"))
    require_url("the gateway", settings.gateway_url)
    return settings


@pytest.fixture
async def indicator_admin(catalogue_stack):
    """The indicator service's own endpoint, as the organisation department."""
    client = GraphQLClient(
        catalogue_stack.service_url("indicator"), bearer=token(catalogue_stack, Role.ADMIN)
    )
    yield client
    await client.aclose()


def bytes_input(name: str, content: bytes) -> dict:
    return {"filename": name, "contentBase64": base64.b64encode(content).decode("ascii")}


def file_input(name: str, header: list[str], rows: list[list]) -> dict:
    """A .csv upload written the way the catalogue's own exports write one."""
    return bytes_input(name, write_table("csv", header, rows))


async def new_unit(
    client: GraphQLClient, category: str = "street_office", name: str = "测试街道", **more
) -> str:
    unit_id = unique("U")
    await client.execute(
        REGISTER_UNIT, {"u": {"id": unit_id, "name": name, "category": category, **more}}
    )
    return unit_id


async def new_cadre(client: GraphQLClient, unit_id: str, level: str) -> str:
    cadre_id = unique("C")
    await client.execute(
        REGISTER_CADRE,
        {"c": {"id": cadre_id, "name": "田晓燕", "unitId": unit_id, "positionLevel": level}},
    )
    return cadre_id


async def new_indicator(client: GraphQLClient, name: str = "项目竣工率", **changes) -> str:
    code = unique("IND")
    values = {
        "code": code,
        "name": name,
        "dimension": "economic_development",
        "kind": "scored",
        "direction": "higher_is_better",
        "unitOfMeasure": "%",
        "dataSource": "manual_report",
        "frequency": "quarterly",
        "rule": {"type": "target_attainment", "cap": 1.2},
        "minValue": 0,
        "maxValue": 100,
    }
    values.update(changes)
    await client.execute(SAVE_INDICATOR, {"i": values})
    return code


async def commons_of(client: GraphQLClient, category: str) -> list[dict]:
    """The category's common indicators as they are now (the demo data may have set some)."""
    return (await client.execute(COMMONS, {"c": category}))["commonIndicators"]


async def individual_weight(client: GraphQLClient, category: str) -> float:
    """What the category's common indicators leave of the 100 for a unit's own indicators."""
    return round(100 - math.fsum(c["weight"] for c in await commons_of(client, category)), 6)
