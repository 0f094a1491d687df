"""Evidence files recorded in the ledger by their SHA-256."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from services.common.errors import NotFound
from services.common.graphql import principal_of, roles
from services.scoring import ledger
from services.scoring.domain.access import EVIDENCE_RECORDERS
from services.scoring.domain.cases import Subject
from services.scoring.domain.exemptions import EvidenceItem
from services.scoring.entrypoints.graphql.case_types import EvidenceRecordInput
from services.scoring.service_layer.evidence import record_evidence
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type
class EvidenceMutation:
    @strawberry.mutation(
        extensions=roles(*EVIDENCE_RECORDERS),
        description="Records an evidence file's SHA-256 in the ledger; returns its leaf.",
    )
    async def record_evidence(self, info: Info, input: EvidenceRecordInput) -> ledger.LedgerLeaf:
        item = EvidenceItem(name=input.name, sha256=input.sha256)
        async with scoring_unit_of_work(info.context.platform) as uow:
            leaf = await record_evidence(
                uow,
                Subject(unit_id=input.unit_id, cadre_id=input.cadre_id),
                input.period,
                item,
                input.indicator_code,
                principal_of(info),
            )
        async with info.context.platform.session_factory() as session:
            found = await ledger.leaf_at(session, leaf.index)
        if found is None:
            raise NotFound(f"leaf {leaf.index} vanished after it was recorded")
        return ledger.LedgerLeaf.of(leaf.index, found)
