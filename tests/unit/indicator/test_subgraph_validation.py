"""The subgraph validates a query text once, yet refuses an invalid one every time it comes."""

import pytest

from services.common.auth import Principal, Role
from services.common.graphql import RequestContext
from services.common.settings import PlatformSettings
from services.indicator.entrypoints.graphql.schema import build_schema
from tests.unit.indicator.fakes import fake_service

SETTINGS = PlatformSettings(
    app_env="production", jwt_secret="unit-test-secret", graphql_max_depth=1
)
CONTEXT = RequestContext(request=None, principal=Principal("t", Role.ADMIN), platform=None)


@pytest.fixture(scope="module")
def schema():
    return build_schema(SETTINGS, fake_service()[0])


async def test_a_valid_text_is_answered_each_time(schema):
    for _ in range(3):
        assert (await schema.execute("{ __typename }", context_value=CONTEXT)).data == {
            "__typename": "Query"
        }


@pytest.mark.parametrize(
    "query, says",
    [
        (
            '{ indicatorList(unitId: "U", year: 2025) { items { rule } } }',
            "exceeds maximum operation depth",
        ),
        ("{ unitCategories { nope } }", "Cannot query field 'nope'"),
        ("{ __schema { types { name } } }", "introspection"),
    ],
)
async def test_an_invalid_text_is_refused_each_time(schema, query, says):
    for _ in range(3):
        result = await schema.execute(query, context_value=CONTEXT)
        assert result.data is None and says.lower() in result.errors[0].message.lower()
