"""Keeping the list versions the indicator service publishes, and the version in force."""

from __future__ import annotations

from schemas.envelope import Envelope
from schemas.events import IndicatorListPublished
from schemas.events.indicator import ListItem
from services.common.db import driver_connection
from services.common.errors import ClientError
from services.common.unit_of_work import UnitOfWork
from services.scoring import ledger
from services.scoring.adapters import list_repository as list_store
from services.scoring.domain.rules import ItemSpec, RuleError, rule_of
from services.scoring.service_layer import log_entries
from services.scoring.service_layer.sessions import session_of


class UnscorableList(ClientError):
    code = "UNSCORABLE_LIST"


def item_spec(item: ListItem) -> ItemSpec:
    return ItemSpec(
        indicator_code=item.indicator_code,
        name=item.name,
        dimension=item.dimension,
        kind=item.kind,
        direction=item.direction,
        unit_of_measure=item.unit_of_measure,
        weight=item.weight,
        target=item.target,
        rule=dict(item.rule),
        data_source=item.data_source,
        source_system=item.source_system,
        frequency=item.frequency,
        capability_tags=tuple(item.capability_tags),
        min_value=item.min_value,
        max_value=item.max_value,
    )


async def list_published(
    uow: UnitOfWork, event: IndicatorListPublished, envelope: Envelope
) -> None:
    """Stores the version; a list whose rules scoring cannot apply is refused as a whole, with the reasons."""
    items = [item_spec(item) for item in event.items]
    problems = []
    for item in items:
        try:
            rule_of(item)
        except RuleError as error:
            problems.append(str(error))
    codes = [item.indicator_code for item in items]
    if len(set(codes)) != len(codes):
        problems.append("an indicator appears twice on the list")
    if problems:
        raise UnscorableList(
            f"list {event.list_id} version {event.version} of unit {event.unit_id}: "
            + "; ".join(problems)
        )
    conn = await driver_connection(session_of(uow))
    await list_store.add_version(
        conn,
        unit_id=event.unit_id,
        year=event.year,
        version=event.version,
        list_id=event.list_id,
        unit_category=event.unit_category,
        unit_temporary=event.unit_temporary,
        scheme_code=event.scheme_code,
        effective_from=event.effective_from,
        effective_to=event.effective_to,
        supersedes_version=event.supersedes_version,
        event_id=envelope.event_id,
        items=items,
    )
    await ledger.record_many(uow, [log_entries.commitment(event)])
