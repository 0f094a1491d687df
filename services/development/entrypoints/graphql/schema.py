"""The development subgraph: programmes, cohorts, enrolments, training effect, gap clustering."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from services.common.graphql import federation_schema
from services.common.settings import PlatformSettings
from services.development.entrypoints.graphql.cadre import Cadre
from services.development.entrypoints.graphql.clustering import (
    ClusteringMutations,
    ClusteringQueries,
)
from services.development.entrypoints.graphql.effect import EffectQueries
from services.development.entrypoints.graphql.enrolments import (
    EnrolmentMutations,
    EnrolmentQueries,
)
from services.development.entrypoints.graphql.programmes import (
    ProgrammeMutations,
    ProgrammeQueries,
)

# In this order the fields appear in the exported SDL (a drift test compares it).
Query = merge_types("Query", (ProgrammeQueries, EnrolmentQueries, EffectQueries, ClusteringQueries))
Mutation = merge_types("Mutation", (ProgrammeMutations, EnrolmentMutations, ClusteringMutations))


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(settings, query=Query, mutation=Mutation, types=[Cadre])
