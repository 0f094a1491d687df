"""The scoring subgraph, composed from the query and mutation types of its modules.

A module adds its root fields by appending its types to QUERIES or MUTATIONS; their order is the
order of the fields in the exported SDL.
"""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from services.common.graphql import federation_schema
from services.common.settings import PlatformSettings
from services.scoring import ledger
from services.scoring.entrypoints.graphql.appeals import AppealMutation, AppealQuery, RescoringQuery
from services.scoring.entrypoints.graphql.entities import Cadre, Unit
from services.scoring.entrypoints.graphql.evidence import EvidenceMutation
from services.scoring.entrypoints.graphql.exemptions import ExemptionMutation, ExemptionQuery
from services.scoring.entrypoints.graphql.locked_periods import (
    ApprovalQuery,
    LockedPeriodMutation,
    PeriodLockQuery,
)
from services.scoring.entrypoints.graphql.observations import ObservationMutation
from services.scoring.entrypoints.graphql.overview import OverviewQuery
from services.scoring.entrypoints.graphql.portraits import PortraitMutation, PortraitQuery
from services.scoring.entrypoints.graphql.records import RecordMutation
from services.scoring.entrypoints.graphql.runs import RunMutation
from services.scoring.entrypoints.graphql.scores import ScoreQuery
from services.scoring.entrypoints.graphql.settings import SettingsMutation, SettingsQuery
from services.scoring.entrypoints.graphql.waivers import WaiverMutation, WaiverQuery

QUERIES: tuple[type, ...] = (
    ScoreQuery,
    OverviewQuery,
    SettingsQuery,
    ledger.LogQuery,
    ApprovalQuery,
    ExemptionQuery,
    AppealQuery,
    PeriodLockQuery,
    RescoringQuery,
    WaiverQuery,
    PortraitQuery,
)
MUTATIONS: tuple[type, ...] = (
    ObservationMutation,
    RecordMutation,
    RunMutation,
    SettingsMutation,
    LockedPeriodMutation,
    ExemptionMutation,
    AppealMutation,
    EvidenceMutation,
    WaiverMutation,
    PortraitMutation,
)
ENTITIES: tuple[type, ...] = (Cadre, Unit)


def build_schema(settings: PlatformSettings) -> strawberry.federation.Schema:
    return federation_schema(
        settings,
        query=merge_types("Query", QUERIES),
        mutation=merge_types("Mutation", MUTATIONS),
        types=list(ENTITIES),
    )
