"""Commands on units' indicator lists: draft, edit, discard, publish and import, one unit of work each.

Publishing replaces the unit's draft with a published version of the same number, ends the
version in force, and emits `IndicatorListPublished` with the full snapshot through the outbox;
the snapshot stored is exactly the payload published.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from schemas.events import IndicatorListPublished
from schemas.rule_codes import RuleCode
from services.common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from services.indicator.domain.layouts import LIST_LAYOUT, ListRow, list_row_from_cells
from services.indicator.domain.lists import Item, items_of_snapshot, snapshot_items, with_commons
from services.indicator.domain.tabular import Table
from services.indicator.domain.versions import (
    DRAFT,
    PUBLISHED,
    ListVersion,
    Publication,
    plan_publication,
)
from services.indicator.service_layer.import_reports import (
    ImportReport,
    applied,
    parse_rows,
    refused,
)
from services.indicator.service_layer.list_catalogue import (
    RULES_CHECKED_AT_PUBLICATION,
    Catalogue,
    ListRequest,
    load_catalogue,
)
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Planned:
    request: ListRequest
    version: int
    publication: Publication | None  # None: written as a draft


def _completed(request: ListRequest, catalogue: Catalogue) -> ListRequest:
    items = with_commons(request.items, catalogue.commons_of(request.unit_id))
    return ListRequest(
        request.unit_id,
        request.year,
        tuple(items),
        request.scheme_code,
        request.effective_from,
        request.row,
    )


def _plan(
    requests: Sequence[ListRequest],
    catalogue: Catalogue,
    publish: bool,
    today: date,
    complete: bool = True,
) -> tuple[list[Planned], list[FieldProblem]]:
    planned, problems = [], []
    for request in requests:
        found = catalogue.problems(request, complete)
        version = catalogue.next_version(request.unit_id, request.year)
        publication = None
        if publish and not found:
            in_force = catalogue.in_force(request.unit_id, request.year)
            publication, found = plan_publication(
                request.year, version, request.effective_from, in_force, today, request.row
            )
        problems.extend(found)
        planned.append(Planned(request, version, publication))
    return planned, problems


def _event(
    list_id: str, plan: Planned, publication: Publication, catalogue: Catalogue
) -> IndicatorListPublished:
    request = plan.request
    unit = catalogue.units[request.unit_id]
    return IndicatorListPublished(
        list_id=list_id,
        unit_id=unit.id,
        unit_category=unit.category,
        unit_temporary=unit.temporary,
        scheme_code=request.scheme_code,
        year=request.year,
        version=plan.version,
        effective_from=publication.effective_from,
        effective_to=None,
        supersedes_version=publication.supersedes.version if publication.supersedes else None,
        items=snapshot_items(request.items, catalogue.indicators),
    )


def _version(
    list_id: str, plan: Planned, catalogue: Catalogue, at: datetime
) -> tuple[ListVersion, IndicatorListPublished | None]:
    """The version written, with the event that publishes it (None for a draft)."""
    request = plan.request
    drafted = ListVersion.drafted(
        list_id, request.unit_id, request.year, plan.version, request.scheme_code, request.items
    )
    if plan.publication is None:
        return drafted, None
    event = _event(list_id, plan, plan.publication, catalogue)
    # The snapshot stored is exactly the payload published.
    return drafted.published(plan.publication, event.model_dump(mode="json"), at), event


async def _write(
    uow: IndicatorUnitOfWork, catalogue: Catalogue, planned: Sequence[Planned]
) -> list[ListVersion]:
    """Replaces the units' drafts with these versions; published ones end the version in force."""
    pairs = [(p.request.unit_id, p.request.year) for p in planned]
    await uow.lists.remove([d.list_id for pair in pairs if (d := catalogue.draft(*pair))])
    await uow.lists.supersede(
        [
            p.publication.supersedes.superseded(p.publication.superseded_until)
            for p in planned
            if p.publication and p.publication.supersedes
        ]
    )
    now = datetime.now(UTC)
    written = [_version(uuid.uuid4().hex, p, catalogue, now) for p in planned]
    await uow.emit_many([(event, event.unit_id) for _, event in written if event is not None])
    versions = [version for version, _ in written]
    await uow.lists.add(versions)
    return versions


async def _apply(
    uow: IndicatorUnitOfWork, requests: Sequence[ListRequest], publish: bool, today: date | None
) -> list[ListVersion]:
    catalogue = await load_catalogue(uow, [(r.unit_id, r.year) for r in requests])
    completed = [_completed(r, catalogue) for r in requests]
    planned, problems = _plan(
        completed, catalogue, publish, today or date.today(), complete=publish
    )
    if problems:
        raise ValidationFailed(problems)
    return await _write(uow, catalogue, planned)


async def _apply_one(
    uow: IndicatorUnitOfWork, request: ListRequest, publish: bool, today: date | None = None
) -> ListVersion:
    written = (await _apply(uow, [request], publish, today))[0]
    # Read back: the stored version carries what the database adds (its creation time).
    stored = await uow.lists.find(written.unit_id, written.year, written.version)
    assert stored is not None
    return stored


async def publish_lists(
    uow: IndicatorUnitOfWork, requests: Sequence[ListRequest], today: date | None = None
) -> int:
    """Publishes many units' lists at once, all or none, each replacing its unit's draft."""
    return len(await _apply(uow, requests, publish=True, today=today))


async def _draft_or_fail(uow: IndicatorUnitOfWork, unit_id: str, year: int) -> ListVersion:
    draft = await uow.lists.find(unit_id, year, status=DRAFT)
    if draft is None:
        raise NotFound(f"unit {unit_id!r} has no draft list for {year}; draft one first")
    return draft


async def draft_list(
    uow: IndicatorUnitOfWork,
    unit_id: str,
    year: int,
    scheme_code: str | None = None,
    items: Sequence[Item] | None = None,
) -> ListVersion:
    """Opens the next version as a draft: from the items given, else a copy of the version in force,
    else the category's common indicators."""
    if await uow.lists.find(unit_id, year, status=DRAFT):
        raise Conflict(
            f"unit {unit_id!r} already has a draft list for {year}; edit, publish or discard it"
        )
    if items is None:
        in_force = await uow.lists.find(unit_id, year, status=PUBLISHED)
        items = items_of_snapshot(in_force.snapshot_items) if in_force else []
        scheme_code = scheme_code or (in_force.scheme_code if in_force else None)
    return await _apply_one(
        uow, ListRequest(unit_id, year, tuple(items), scheme_code), publish=False
    )


async def edit_draft(
    uow: IndicatorUnitOfWork,
    unit_id: str,
    year: int,
    set_items: Sequence[Item] = (),
    remove: Sequence[str] = (),
    scheme_code: str | None = None,
) -> ListVersion:
    """Sets weights and targets of items (adding new ones), removes individual items, changes the scheme."""
    draft = await _draft_or_fail(uow, unit_id, year)
    items = {i.indicator_code: i for i in draft.items}
    commons = {i.indicator_code for i in items.values() if i.origin == "common"}
    kept_commons = sorted(commons & set(remove))
    if kept_commons:
        raise ValidationFailed(
            [
                FieldProblem(
                    "remove",
                    RuleCode.common_required,
                    f"common indicator {code} cannot be left out",
                    code,
                )
                for code in kept_commons
            ]
        )
    for code in remove:
        if items.pop(code, None) is None:
            raise ValidationFailed(
                FieldProblem("remove", RuleCode.in_list, f"{code} is not in the draft", code)
            )
    for item in set_items:
        items[item.indicator_code] = item
    request = ListRequest(unit_id, year, tuple(items.values()), scheme_code or draft.scheme_code)
    return await _apply_one(uow, request, publish=False)


async def discard_draft(uow: IndicatorUnitOfWork, unit_id: str, year: int) -> None:
    draft = await _draft_or_fail(uow, unit_id, year)
    await uow.lists.remove([draft.id])


async def publish_list(
    uow: IndicatorUnitOfWork,
    unit_id: str,
    year: int,
    effective_from: date | None = None,
    today: date | None = None,
) -> ListVersion:
    """Publishes the unit's draft: from then on it is immutable, and scoring scores against it."""
    draft = await _draft_or_fail(uow, unit_id, year)
    request = ListRequest(unit_id, year, draft.items, draft.scheme_code, effective_from)
    return await _apply_one(uow, request, publish=True, today=today)


def _requests(rows: Sequence[ListRow]) -> tuple[list[ListRequest], list[FieldProblem]]:
    """Rows grouped into one list per (unit, year); a list states one scheme and one start."""
    groups: dict[tuple[str, int], list[ListRow]] = {}
    for row in rows:
        groups.setdefault((row.unit_id, row.year), []).append(row)
    requests, problems = [], []
    for (unit_id, year), group in groups.items():
        first = group[0]
        for row in group[1:]:
            for field, value, expected in (
                ("schemeCode", row.scheme_code, first.scheme_code),
                ("effectiveFrom", row.effective_from, first.effective_from),
            ):
                if value != expected:
                    problems.append(
                        FieldProblem(
                            field,
                            RuleCode.same_in_list,
                            f"unit {unit_id}'s {year} list states {expected} in row {first.row}",
                            value if not isinstance(value, date) else value.isoformat(),
                            row.row,
                        )
                    )
        requests.append(
            ListRequest(
                unit_id,
                year,
                tuple(r.item for r in group),
                first.scheme_code,
                first.effective_from,
                first.row,
            )
        )
    return requests, problems


async def import_lists(
    uow: IndicatorUnitOfWork, table: Table, publish: bool, today: date | None = None
) -> ImportReport:
    """Units' lists from a file: every row is checked, then all are written (as drafts, or published) or none."""
    began = time.perf_counter()
    parsed = parse_rows(table, LIST_LAYOUT, list_row_from_cells)
    if (parsed.header_errors or not table.rows) and (report := refused(table, LIST_LAYOUT, parsed)):
        return report
    requests, problems = _requests([row for _, row in parsed.values])
    catalogue = await load_catalogue(uow, [(r.unit_id, r.year) for r in requests])
    planned, found = _plan(
        [_completed(r, catalogue) for r in requests], catalogue, publish, today or date.today()
    )
    if parsed.problems:
        # A row that could not be read is missing from its list, so the list's sums would mislead.
        found = [p for p in found if p.rule not in RULES_CHECKED_AT_PUBLICATION]
    checked = time.perf_counter()
    if report := refused(table, LIST_LAYOUT, parsed, problems + found):
        log.info(
            "list import refused", extra={"rows": len(table.rows), "errors": report.error_count}
        )
        return report
    await _write(uow, catalogue, planned)
    log.info(
        "lists imported",
        extra={
            "rows": len(table.rows),
            "lists": len(planned),
            "published": publish,
            "check_s": round(checked - began, 3),
            "write_s": round(time.perf_counter() - checked, 3),
        },
    )
    return applied(table, written=len(planned), published=len(planned) if publish else 0)
