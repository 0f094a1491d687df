"""The GraphQL face of personal data, shared by every subgraph that holds some.

Each service adds, on its own `Cadre` entity, a field named after itself for the access log
(`scoringAccessLog`, `developmentAccessLog`) and one for its part of the export
(`scoringPersonalData`, ...): fields of one entity must have one owner each under federation,
so the gateway assembles the whole from every part in one query. The types are the same in
every subgraph (shareable).
"""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from services.common.personal_data.chain import StoredEntry
from services.common.personal_data.export import PersonalDataTable, reads_about, rows_about
from services.common.personal_data.fields import note_read
from services.common.personal_data.policy import require_personal_data_reader


@strawberry.federation.type(shareable=True, description="Which data of the cadre a request read.")
class PersonalDataReadItem:
    kind: str = strawberry.field(description="scores, portrait, evaluations, enrolments or export.")
    field: str = strawberry.field(description="The subgraph field that returned it (Type.field).")


@strawberry.federation.type(
    shareable=True,
    description="One request by someone other than the cadre that read the cadre's data.",
)
class AccessLogEntry:
    service: str
    seq: int = strawberry.field(description="Position in the service's log (1, 2, ...).")
    at: datetime
    subject: str = strawberry.field(description="Who read: the token's subject.")
    role: str
    operation: str = strawberry.field(
        description="The GraphQL operation's name (anonymous when it had none)."
    )
    purpose: str | None = strawberry.field(
        description="The purpose the caller stated in the X-Access-Purpose header."
    )
    reads: list[PersonalDataReadItem]
    entry_hash: str = strawberry.field(
        description="SHA-256 chain hash (hex) committing to this entry and every earlier one."
    )

    @classmethod
    def of(cls, service: str, stored: StoredEntry, cadre_id: str) -> AccessLogEntry:
        entry = stored.entry
        return cls(
            service=service,
            seq=stored.seq,
            at=entry.at,
            subject=entry.subject,
            role=entry.role,
            operation=entry.operation,
            purpose=entry.purpose,
            reads=[
                PersonalDataReadItem(kind=r.kind, field=r.field) for r in entry.for_cadre(cadre_id)
            ],
            entry_hash=stored.entry_hash.hex(),
        )


@strawberry.federation.type(
    shareable=True, description="Everything one service holds about a cadre, as a JSON document."
)
class PersonalDataExport:
    service: str
    cadre_id: strawberry.ID
    generated_at: datetime
    document: JSON = strawberry.field(
        description="Rows by table (`tables`) and the reads of the cadre's data (`accessLog`)."
    )


async def access_log_entries(
    info: Info, service: str, cadre_id: str, limit: int, offset: int
) -> list[AccessLogEntry]:
    require_personal_data_reader(info.context.principal, cadre_id)
    stored = await info.context.platform.access_log.about(cadre_id, limit, offset)
    return [AccessLogEntry.of(service, s, cadre_id) for s in stored]


async def personal_data_export(
    info: Info, service: str, cadre_id: str, tables: tuple[PersonalDataTable, ...]
) -> PersonalDataExport:
    require_personal_data_reader(info.context.principal, cadre_id)
    platform = info.context.platform
    document = {
        "service": service,
        "cadreId": cadre_id,
        "tables": await rows_about(platform.engine, platform.metadata, tables, cadre_id),
        "accessLog": await reads_about(platform.engine, cadre_id),
    }
    # The department exporting a cadre's data is itself a read the cadre sees.
    note_read(info, "export", [cadre_id])
    return PersonalDataExport(
        service=service,
        cadre_id=strawberry.ID(cadre_id),
        generated_at=datetime.now(UTC),
        document=document,
    )
