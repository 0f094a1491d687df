"""The indicator subgraph: units and cadres (entities other subgraphs extend), the indicator library,
units' lists with their versions, cascaded targets, and catalogue files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry
from strawberry.tools import merge_types

from services.common.graphql import FEDERATION_VERSION, SubgraphSchema, hardening_extensions
from services.common.settings import PlatformSettings
from services.indicator.entrypoints.graphql.cascades import CascadeMutations, CascadeQueries
from services.indicator.entrypoints.graphql.context import ProvideService
from services.indicator.entrypoints.graphql.files import FileMutations, FileQueries
from services.indicator.entrypoints.graphql.library import (
    Indicator,
    LibraryMutations,
    LibraryQueries,
)
from services.indicator.entrypoints.graphql.lists import ListMutations, ListQueries
from services.indicator.entrypoints.graphql.rule_codes import RuleCodeQueries
from services.indicator.entrypoints.graphql.units import Cadre, Unit, UnitMutations, UnitQueries

if TYPE_CHECKING:
    from services.indicator.bootstrap import IndicatorService

Query = merge_types(
    "Query",
    (UnitQueries, LibraryQueries, ListQueries, CascadeQueries, FileQueries, RuleCodeQueries),
)
Mutation = merge_types(
    "Mutation", (UnitMutations, LibraryMutations, ListMutations, CascadeMutations, FileMutations)
)


def build_schema(
    settings: PlatformSettings, service: IndicatorService
) -> strawberry.federation.Schema:
    return SubgraphSchema(
        query=Query,
        mutation=Mutation,
        types=[Unit, Cadre, Indicator],
        federation_version=FEDERATION_VERSION,
        extensions=[*hardening_extensions(settings), lambda: ProvideService(service)],
    )
