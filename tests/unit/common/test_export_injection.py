"""Exports safe to open: text a spreadsheet would run as a formula stays text, in the services'
.csv and .xlsx exports and in the console's .xlsx (web/src/ui/xlsx.ts)."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from services.common.spreadsheet_export import neutralise, runs_as_formula, write_table
from services.common.spreadsheets import read_sheet
from tests.hostile_files import FORMULA_NAMES

ROOT = Path(__file__).resolve().parents[3]
HARMLESS = ("河西街道", "a=b", "1+1", "email@example.invalid", "")


def test_formula_like_text_is_recognised_and_other_text_left_alone():
    assert all(runs_as_formula(name) for name in FORMULA_NAMES)
    assert not any(runs_as_formula(text) for text in HARMLESS)
    assert not runs_as_formula(-5) and neutralise(-5) == -5
    assert neutralise("=1+1") == "'=1+1" and neutralise("河西") == "河西"


def number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_csv_export_puts_an_apostrophe_before_formula_text_and_reads_back_unchanged():
    rows = [[name, -5, 2.5] for name in FORMULA_NAMES] + [[text, 1, None] for text in HARMLESS]
    content = write_table("csv", ["名称", "n", "x"], rows)
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2].startswith("'=cmd")
    assert lines[3] == "'+1+1,-5,2.5"
    # No cell of the file starts with a formula character, other than a number (-5).
    for line in lines:
        for cell in line.split(","):
            assert not runs_as_formula(cell.lstrip('"')) or number(cell), line
    back = read_sheet("csv", content, "file.content").rows
    assert [cells[0] for _, cells in back[: len(FORMULA_NAMES)]] == list(FORMULA_NAMES)


def test_an_xlsx_export_writes_formula_text_as_quote_prefixed_strings():
    rows = [[name, -5] for name in FORMULA_NAMES] + [["河西街道", 3]]
    content = write_table("xlsx", ["名称", "n"], rows)
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for row in sheet.iter_rows(min_row=2, max_row=len(FORMULA_NAMES) + 1):
        name, number = row
        assert (name.data_type, name.quotePrefix) == ("s", True), name.value
        assert (number.data_type, number.value) == ("n", -5)
    ordinary = sheet.cell(row=len(FORMULA_NAMES) + 2, column=1)
    assert (ordinary.value, ordinary.quotePrefix) == ("河西街道", False)
    back = read_sheet("xlsx", content, "file.content").rows
    # XML turns a carriage return into a line feed; the text is otherwise the same.
    assert [cells[0] for _, cells in back[: len(FORMULA_NAMES)]] == [
        name.replace("\r", "\n") for name in FORMULA_NAMES
    ]


def console_workbook(rows: list[list]) -> bytes:
    """The console's .xlsx writer run by Node (jiti compiles the TypeScript on the fly)."""
    script = ROOT / "tests" / "unit" / "common" / "console_workbook.ts"
    jiti = ROOT / "web" / "node_modules" / ".bin" / "jiti"
    done = subprocess.run(
        [str(jiti), str(script), json.dumps(rows)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return base64.b64decode(done.stdout)


def test_the_consoles_xlsx_export_keeps_formula_text_as_text():
    rows = [["名称", "n"], *([name, -5] for name in FORMULA_NAMES), ["河西街道", 3]]
    content = console_workbook(rows)
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    for number_of_row in range(2, len(FORMULA_NAMES) + 2):
        cell = sheet.cell(row=number_of_row, column=1)
        assert cell.data_type == "s" and cell.value.startswith("'"), cell.value
        assert not runs_as_formula(cell.value)
        assert sheet.cell(row=number_of_row, column=2).value == -5
    assert sheet.cell(row=len(FORMULA_NAMES) + 2, column=1).value == "河西街道"
