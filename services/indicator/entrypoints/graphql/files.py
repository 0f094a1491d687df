"""Imports and exports of the catalogue as .csv or .xlsx files.

A file travels inside the GraphQL request as base64 (`CatalogueFileInput`): it passes through the
gateway like any other argument, with no multipart support needed anywhere on the way.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from schemas.rule_codes import RuleCode
from services.common.errors import invalid
from services.common.graphql import roles
from services.common.limits import MAX_REPORTED_PROBLEMS, upload_limits_text
from services.common.sheet_worker import UploadFields, read_upload
from services.indicator.adapters import spreadsheet_files as spreadsheets
from services.indicator.domain import access
from services.indicator.domain.tabular import Table
from services.indicator.entrypoints.graphql.context import reads, service_of, unit_of_work
from services.indicator.entrypoints.graphql.rule_codes import RuleCodeEnum
from services.indicator.service_layer import exports, library_commands, list_commands, unit_import
from services.indicator.service_layer.import_reports import ImportReport
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork

LANGUAGES = ("zh", "en")


@strawberry.input(
    description=(
        "A .csv (UTF-8 or GB18030) or .xlsx file, its bytes in base64 "
        f"({upload_limits_text()}); the first row names the columns, in Chinese or English; the file "
        "name's ending says the format."
    )
)
class CatalogueFileInput:
    filename: str
    content_base64: str


@strawberry.type(description="One broken rule of an import: where (row, column), which rule, why.")
class CatalogueImportError:
    row: int | None
    column: str | None
    field: str
    rule: RuleCodeEnum
    reason: str
    value: JSON | None


@strawberry.type(
    description="An import applies every row or none; `errors` says why it applied none (its first "
    f"{MAX_REPORTED_PROBLEMS}; `errorCount` counts them all)."
)
class CatalogueImportReport:
    rows: int
    applied: bool
    written: int
    published: int
    error_count: int
    errors: list[CatalogueImportError]

    @classmethod
    def from_report(cls, report: ImportReport) -> CatalogueImportReport:
        return cls(
            rows=report.rows,
            applied=report.applied,
            written=report.written,
            published=report.published,
            error_count=report.error_count,
            errors=[
                CatalogueImportError(
                    row=e.row,
                    column=e.column,
                    field=e.field,
                    rule=e.rule,
                    reason=e.reason,
                    value=_plain(e.value),
                )
                for e in report.errors[:MAX_REPORTED_PROBLEMS]
            ],
        )


@strawberry.type
class CatalogueExport:
    filename: str
    content_type: str
    content_base64: str
    rows: int

    @classmethod
    def from_file(cls, exported: exports.ExportedFile) -> CatalogueExport:
        return cls(
            filename=exported.filename,
            content_type=exported.content_type,
            content_base64=base64.b64encode(exported.content).decode("ascii"),
            rows=exported.rows,
        )


def _plain(value: Any) -> Any:
    return (
        value
        if value is None or isinstance(value, (str, int, float, bool, list, dict))
        else str(value)
    )


FILE_FIELDS = UploadFields(
    filename="file.filename", base64="file.contentBase64", content="file.content"
)


async def _table(file: CatalogueFileInput, max_bytes: int) -> Table:
    sheet = await read_upload(file.filename, file.content_base64, FILE_FIELDS, max_bytes)
    return spreadsheets.table_of(sheet)


def _export_options(format: str, language: str) -> None:
    if format not in spreadsheets.FORMATS:
        raise invalid("format", RuleCode.one_of, "csv or xlsx", format)
    if language not in LANGUAGES:
        raise invalid(
            "language",
            RuleCode.one_of,
            "zh (Chinese headers and labels) or en (English headers, codes)",
            language,
        )


@strawberry.type
class FileQueries:
    @strawberry.field(
        extensions=roles(*access.FILE_EXPORTERS), description="The indicator library as a file."
    )
    async def export_indicators(
        self, info: Info, format: str = "xlsx", language: str = "zh"
    ) -> CatalogueExport:
        _export_options(format, language)
        async with reads(info) as catalogue:
            exported = await exports.export_indicators(catalogue, format, language)
        return CatalogueExport.from_file(exported)

    @strawberry.field(
        extensions=roles(*access.FILE_EXPORTERS),
        description="The lists in force for a year, in the layout importIndicatorLists reads.",
    )
    async def export_indicator_lists(
        self,
        info: Info,
        year: int,
        unit_ids: list[strawberry.ID] | None = None,
        format: str = "xlsx",
        language: str = "zh",
    ) -> CatalogueExport:
        _export_options(format, language)
        async with reads(info) as catalogue:
            exported = await exports.export_lists(catalogue, year, unit_ids, format, language)
        return CatalogueExport.from_file(exported)


async def _import(
    info: Info,
    file: CatalogueFileInput,
    command: Callable[[IndicatorUnitOfWork, Table], Awaitable[ImportReport]],
) -> CatalogueImportReport:
    table = await _table(file, service_of(info).settings.indicator_max_file_bytes)
    async with unit_of_work(info) as uow:
        report = await command(uow, table)
    return CatalogueImportReport.from_report(report)


@strawberry.type
class FileMutations:
    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Adds or redefines indicators from a file, all or none.",
    )
    async def import_indicators(
        self, info: Info, file: CatalogueFileInput
    ) -> CatalogueImportReport:
        return await _import(info, file, library_commands.import_indicators)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS), description="Registers units from a file, all or none."
    )
    async def import_units(self, info: Info, file: CatalogueFileInput) -> CatalogueImportReport:
        return await _import(info, file, unit_import.import_units)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description=(
            "Units' lists from a file (one row per unit, year and indicator), all or none: as drafts, or published "
            "at once with publish: true (one IndicatorListPublished per list). A unit's draft for that year is "
            "replaced; common indicators of its category that the file leaves out come in at their defaults."
        ),
    )
    async def import_indicator_lists(
        self, info: Info, file: CatalogueFileInput, publish: bool = False
    ) -> CatalogueImportReport:
        return await _import(
            info, file, lambda uow, table: list_commands.import_lists(uow, table, publish)
        )
