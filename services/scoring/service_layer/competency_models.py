"""Editing and publishing the competency model; each published version is a ledger record."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from services.common.errors import NotFound
from services.common.unit_of_work import UnitOfWork
from services.scoring.adapters.portrait_input_repository import model_of
from services.scoring.domain.competency import (
    CapabilitySpec,
    CompetencyModel,
    check_capabilities,
    publish,
)
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.individual_evidence import in_transaction
from services.scoring.service_layer.unit_of_work import SqlScoringUnitOfWork

COLUMNS = "version, status, capabilities"


async def versions(uow: UnitOfWork) -> list[CompetencyModel]:
    conn = await in_transaction(uow)
    rows = await conn.fetch(f"SELECT {COLUMNS} FROM competency_models ORDER BY version DESC")
    return [model_of(r) for r in rows]


async def save_draft(
    uow: UnitOfWork, specs: list[CapabilitySpec], edited_by: str
) -> CompetencyModel:
    """The draft becomes these capabilities; a new draft follows the latest version."""
    check_capabilities(specs)
    conn = await in_transaction(uow)
    await conn.execute("LOCK TABLE competency_models IN SHARE ROW EXCLUSIVE MODE")
    body = json.dumps([s.as_json() for s in specs], ensure_ascii=False)
    row = await conn.fetchrow(
        f"""UPDATE competency_models SET capabilities = $1::jsonb, edited_by = $2, edited_at = now()
            WHERE status = 'draft' RETURNING {COLUMNS}""",
        body,
        edited_by,
    )
    if row is None:
        row = await conn.fetchrow(
            f"""INSERT INTO competency_models (version, status, capabilities, edited_by)
                SELECT coalesce(max(version), 0) + 1, 'draft', $1::jsonb, $2 FROM competency_models
                RETURNING {COLUMNS}""",
            body,
            edited_by,
        )
    return model_of(row)


async def publish_draft(uow: UnitOfWork, version: int, published_by: str) -> CompetencyModel:
    """Puts the draft in force: portraits computed from now on use it; the version before stays
    readable as superseded, and the published model is recorded in the ledger."""
    conn = await in_transaction(uow)
    await conn.execute("LOCK TABLE competency_models IN SHARE ROW EXCLUSIVE MODE")
    row = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM competency_models WHERE version = $1", version
    )
    if row is None:
        raise NotFound(f"no competency model version {version}")
    current = await conn.fetchrow(
        f"SELECT {COLUMNS} FROM competency_models WHERE status = 'published'"
    )
    published, superseded = publish(model_of(row), model_of(current) if current else None)
    content = {
        "version": published.version,
        "capabilities": [s.as_json() for s in published.capabilities],
        "published_by": published_by,
        "supersedes": superseded.version if superseded else None,
    }
    leaf = await SqlScoringUnitOfWork.within(uow).log.record(
        log_entries.COMPETENCY_MODEL, f"v{published.version}", content
    )
    if superseded:
        await conn.execute(
            "UPDATE competency_models SET status = 'superseded' WHERE version = $1",
            superseded.version,
        )
    await conn.execute(
        """UPDATE competency_models SET status = 'published', published_by = $2, published_at = $3,
           leaf_index = $4 WHERE version = $1""",
        published.version,
        published_by,
        datetime.now(UTC),
        leaf.index,
    )
    return published
