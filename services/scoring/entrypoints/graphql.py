"""The scoring subgraph, composed from the query and mutation types of its modules.

A module adds its root fields by appending its types to QUERIES or MUTATIONS.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from services.common.graphql import federation_schema
from services.common.settings import PlatformSettings
from services.scoring.entrypoints.entities import Cadre, Unit
from services.scoring.entrypoints.ledger_graphql import LedgerMutation, LedgerQuery
from services.scoring.entrypoints.observation_mutations import ObservationMutation
from services.scoring.entrypoints.record_mutations import RecordMutation
from services.scoring.entrypoints.run_mutations import RunMutation
from services.scoring.entrypoints.score_queries import ScoreQuery
from services.scoring.entrypoints.settings_graphql import SettingsMutation, SettingsQuery

QUERIES: tuple[type, ...] = (ScoreQuery, SettingsQuery, LedgerQuery)
MUTATIONS: tuple[type, ...] = (
    ObservationMutation,
    RecordMutation,
    RunMutation,
    SettingsMutation,
    LedgerMutation,
)
ENTITIES: tuple[type, ...] = (Cadre, Unit)


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(
        settings,
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        types=list(ENTITIES),
    )
