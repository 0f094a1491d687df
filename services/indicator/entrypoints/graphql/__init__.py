"""The indicator subgraph: units and cadres (entities other subgraphs extend), the indicator library,
units' lists with their versions, cascaded targets, and catalogue files."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from services.common.graphql import federation_schema
from services.common.settings import PlatformSettings
from services.indicator.entrypoints.graphql.cascades import CascadeMutations, CascadeQueries
from services.indicator.entrypoints.graphql.files import FileMutations, FileQueries
from services.indicator.entrypoints.graphql.library import (
    Indicator,
    LibraryMutations,
    LibraryQueries,
)
from services.indicator.entrypoints.graphql.lists import ListMutations, ListQueries
from services.indicator.entrypoints.graphql.units import Cadre, Unit, UnitMutations, UnitQueries

Query = merge_types(
    "Query", (UnitQueries, LibraryQueries, ListQueries, CascadeQueries, FileQueries)
)
Mutation = merge_types(
    "Mutation", (UnitMutations, LibraryMutations, ListMutations, CascadeMutations, FileMutations)
)


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(
        settings, query=Query, mutation=Mutation, types=[Unit, Cadre, Indicator]
    )
