"""The one spreadsheet reader: encodings, row-level errors, and limits that hold while it streams."""

from __future__ import annotations

import io
import zipfile

import pytest

from services.common.errors import ValidationFailed
from services.common.limits import MAX_COMPRESSION_RATIO, MAX_FILE_COLUMNS
from services.common.spreadsheets import file_format, read_sheet
from services.common.zip_guard import GuardedArchive, Inflated, open_part
from tests.hostile_files import (
    SHEET_PART,
    gb18030_csv,
    lying_bomb,
    million_rows,
    padded_sheet,
    workbook,
    xlsx,
)

HEADER = ["单位编码", "单位名称", "年度"]
ROWS = [["JS-HEXI", "河西街道", "2025"], ["JS-KG", "乾城三智幼儿园", "2025"]]


def refusal(format: str, content: bytes, max_rows: int = 50_000) -> tuple[str, str, int | None]:
    with pytest.raises(ValidationFailed) as refused:
        read_sheet(format, content, "file.content", max_rows)
    [problem] = refused.value.problems[:1]
    assert problem.field == "file.content"
    return problem.rule, problem.message, problem.row


def text_rows(content: bytes, format: str = "csv") -> list[tuple[int, list]]:
    return read_sheet(format, content, "file.content").rows


@pytest.mark.parametrize(
    "content",
    [
        "\r\n".join(",".join(r) for r in [HEADER, *ROWS]).encode("utf-8"),
        "\r\n".join(",".join(r) for r in [HEADER, *ROWS]).encode("utf-8-sig"),
        gb18030_csv([HEADER, *ROWS]),
        xlsx([HEADER, *ROWS]),
    ],
    ids=["utf-8", "utf-8 with BOM", "gb18030", "xlsx"],
)
def test_every_encoding_and_format_reads_the_same_sheet(content):
    format = "xlsx" if content.startswith(b"PK") else "csv"
    sheet = read_sheet(format, content, "file.content")
    assert sheet.headers == HEADER
    assert sheet.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_gb18030_beyond_gbk_and_blank_rows_keep_their_numbers():
    content = gb18030_csv(
        [HEADER, ["JS-1", "𠀀街道", "2025"], ["", "", ""], ["JS-2", "乙", "2025"]]
    )
    assert text_rows(content) == [(2, ["JS-1", "𠀀街道", "2025"]), (4, ["JS-2", "乙", "2025"])]


def test_text_in_neither_encoding_is_refused_naming_the_rule():
    assert refusal("csv", b"a,b\n\xff\xfe\xff\xff\x80\n")[0] == "encoding"


def test_the_file_name_decides_the_format_and_names_its_own_field():
    assert file_format("清单.XLSX", "fileName") == "xlsx"
    with pytest.raises(ValidationFailed) as refused:
        file_format("lists.xls", "fileName")
    assert (refused.value.problems[0].field, refused.value.problems[0].rule) == (
        "fileName",
        "file_type",
    )


def test_cells_with_control_characters_are_row_level_errors():
    content = b"a,b\nok,fine\nbad\x00,x\nworse\x1b[31m,y\n"
    with pytest.raises(ValidationFailed) as refused:
        read_sheet("csv", content, "file.content")
    assert [(p.row, p.rule) for p in refused.value.problems] == [
        (3, "control_character"),
        (4, "control_character"),
    ]


def test_a_malformed_csv_row_is_named():
    content = b'a,b\nok,fine\nx,"' + b"y" * 200_000 + b'"\n'
    rule, _, row = refusal("csv", content)
    assert (rule, row) == ("csv", 3)


def test_the_row_limit_stops_a_csv_before_the_rest_is_read():
    # Far past the limit (text is decoded in pieces of some kilobytes) lies a row no reader
    # could decode: reading everything first would report that instead of the row limit.
    rows = "".join(f"U-{n},名,2025\n" for n in range(5000)).encode()
    rule, message, _ = refusal("csv", b"a,b,c\n" + rows + b"\xff\xff\xff\n", max_rows=10)
    assert rule == "max_rows" and "at most 10 rows" in message


def test_the_row_limit_stops_an_xlsx_before_the_rest_is_read():
    # A sheet cut off after its 30th row: a reader that parsed it whole would fail on the
    # broken XML, this one stops at row 12.
    good = xlsx([HEADER] + [["U", "名", n] for n in range(30)])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read(SHEET_PART)
    broken = workbook(sheet[: sheet.rindex(b"<row")] + b"<row><c><v>1</v")
    assert refusal("xlsx", broken, max_rows=10)[0] == "max_rows"
    assert refusal("xlsx", broken, max_rows=100)[0] == "xlsx"


def test_rows_past_the_limit_in_a_small_xlsx_are_refused():
    # The million-row file is the integration tests' (tests/integration/hardening); this one
    # crosses the same limit with a tenth of the rows.
    content = million_rows(HEADER, 3, count=100_000)
    assert len(content) < 2**20
    rule, message, _ = refusal("xlsx", content)
    assert rule == "max_rows" and "at most 50,000 rows" in message


def test_a_row_wider_than_the_column_limit_is_refused_before_its_cells_are_laid_out():
    far = '<row r="2"><c r="XFD2"><v>1</v></c></row>'
    good = xlsx([HEADER])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read(SHEET_PART)
    wide = workbook(sheet.replace(b"</sheetData>", far.encode() + b"</sheetData>"))
    rule, message, row = refusal("xlsx", wide)
    assert (rule, row) == ("max_columns", 2) and str(MAX_FILE_COLUMNS) in message


def test_a_zip_bomb_that_declares_its_size_is_refused_from_its_directory():
    bomb = padded_sheet(HEADER, 160 * 2**20)
    assert len(bomb) < 2**20
    rule, message, _ = refusal("xlsx", bomb)
    assert rule == "max_uncompressed" and "128 MiB" in message


def test_a_dense_part_is_refused_by_its_ratio():
    bomb = padded_sheet(HEADER, 50 * 2**20)
    rule, message, _ = refusal("xlsx", bomb)
    assert rule == "compression_ratio" and str(MAX_COMPRESSION_RATIO) in message


def test_a_zip_bomb_that_lies_about_its_size_is_stopped_while_it_inflates():
    bomb = lying_bomb(HEADER, 40 * 2**20)
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo(SHEET_PART).file_size == 10 * 1024
    rule, message, _ = refusal("xlsx", bomb)
    assert rule == "max_uncompressed" and "inflates past the 10240 bytes it declares" in message


def test_a_part_is_measured_against_its_ratio_while_it_inflates():
    # The directory check is skipped here (the part is opened directly), so only the ratio
    # measured on the inflated bytes can stop it.
    bomb = padded_sheet(HEADER, 20 * 2**20)
    info = zipfile.ZipFile(io.BytesIO(bomb)).getinfo(SHEET_PART)
    inflated = Inflated("file.content")
    part = open_part(bomb, info, inflated)
    with pytest.raises(ValidationFailed) as refused:
        while part.read(64 * 1024):
            pass
    assert refused.value.problems[0].rule == "compression_ratio"
    assert inflated.total < 2 * 2**20


def test_the_whole_archive_is_counted_against_the_inflated_limit():
    inflated = Inflated("file.content", limit=100_000)
    archive = GuardedArchive(xlsx([HEADER, *ROWS]), Inflated("file.content"))
    with pytest.raises(ValidationFailed) as refused:
        GuardedArchive(padded_sheet(HEADER, 200_000), inflated)
    assert refused.value.problems[0].rule == "max_uncompressed"
    assert archive.read(SHEET_PART).startswith(b"<?xml")


def test_a_damaged_part_or_no_zip_is_an_unreadable_workbook():
    good = xlsx([HEADER, *ROWS])
    assert refusal("xlsx", b"PK not a zip")[0] == "xlsx"
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo(SHEET_PART)
    at = info.header_offset + 30 + len(SHEET_PART) + 8
    damaged = good[:at] + bytes(b ^ 0x55 for b in good[at : at + 20]) + good[at + 20 :]
    assert refusal("xlsx", damaged)[0] == "xlsx"
