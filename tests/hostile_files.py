"""Hostile spreadsheets, built in memory for the tests: a million rows in a small .xlsx, zip bombs
(honest and lying about their size), formula cells and GB18030 text.

Workbooks are written part by part with zipfile: openpyxl takes minutes for a million rows,
and a bomb needs parts that no well-behaved writer produces.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_PART = "xl/worksheets/sheet1.xml"
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _row(number: int, cells: Iterable[str | int | float]) -> str:
    parts = []
    for position, cell in enumerate(cells):
        ref = f"{_column(position)}{number}"
        if isinstance(cell, str):
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escape(cell)}</t></is></c>')
        else:
            parts.append(f'<c r="{ref}"><v>{cell}</v></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def workbook(sheet_xml: bytes, padding: int = 0) -> bytes:
    """The parts of a one-sheet workbook around this sheet; `padding` spaces are streamed into
    the sheet before its closing tags, so that a bomb never sits in memory inflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        end = sheet_xml.rindex(b"</sheetData>") if padding else len(sheet_xml)
        with archive.open(SHEET_PART, "w") as part:
            part.write(sheet_xml[:end])
            spaces = b" " * 2**20
            for _ in range(padding // len(spaces)):
                part.write(spaces)
            part.write(b" " * (padding % len(spaces)))
            part.write(sheet_xml[end:])
    return buffer.getvalue()


def xlsx(rows: Iterable[Iterable[str | int | float]]) -> bytes:
    """A workbook of these rows, the first being the header."""
    body = "".join(_row(number, cells) for number, cells in enumerate(rows, start=1))
    return workbook((_SHEET_START + body + _SHEET_END).encode())


def million_rows(header: list[str], width: int, count: int = 1_000_000) -> bytes:
    """The header, then `count` rows of `width` small numbers: about 1 MB compressed for a
    million rows of five, inflating to some 80 MB, under the inflated-size and ratio limits, so
    only the row limit stops it. Cells carry no reference (the format allows that), rows do."""
    cells = "".join(f"<c><v>{i}</v></c>" for i in range(width))
    body = _row(1, header) + "".join(f'<row r="{n}">{cells}</row>' for n in range(2, count + 2))
    return workbook((_SHEET_START + body + _SHEET_END).encode())


def padded_sheet(header: list[str], inflated_bytes: int) -> bytes:
    """A sheet whose part inflates to about `inflated_bytes`, nearly all of it one run of spaces
    (XML ignores it): an honest zip bomb, declaring its true size."""
    return workbook((_SHEET_START + _row(1, header) + _SHEET_END).encode(), inflated_bytes)


def lying_bomb(header: list[str], inflated_bytes: int) -> bytes:
    """A padded sheet whose directory and local header declare only 10 KiB inflated: the bomb
    that a check of declared sizes alone lets through."""
    content = bytearray(padded_sheet(header, inflated_bytes))
    archive = zipfile.ZipFile(io.BytesIO(bytes(content)))
    info = archive.getinfo(SHEET_PART)
    declared = 10 * 1024
    # Local header: uncompressed size at offset 22; central directory entry: at offset 24.
    struct.pack_into("<I", content, info.header_offset + 22, declared)
    directory = _central_entry(bytes(content), SHEET_PART)
    struct.pack_into("<I", content, directory + 24, declared)
    return bytes(content)


def _central_entry(content: bytes, name: str) -> int:
    at = content.rindex(b"PK\x05\x06")
    count, _, offset = struct.unpack_from("<H I I", content, at + 10)
    position = offset
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack_from(
            "<HHH", content, position + 28
        )
        entry_name = content[position + 46 : position + 46 + name_length].decode()
        if entry_name == name:
            return position
        position += 46 + name_length + extra_length + comment_length
    raise KeyError(name)


def gb18030_csv(rows: list[list[str]]) -> bytes:
    """A .csv as Chinese Excel saves it: GB18030, CRLF line ends, no BOM."""
    return "".join(",".join(row) + "\r\n" for row in rows).encode("gb18030")


FORMULA_NAMES = (
    '=HYPERLINK("http://example.invalid","点此")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
)
