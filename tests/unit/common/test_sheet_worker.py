"""Reading uploads in a child process: its budgets, its refusals, and an event loop that keeps
turning meanwhile."""

from __future__ import annotations

import asyncio
import base64
import time

import pytest

from services.common.errors import ValidationFailed
from services.common.sheet_worker import Budget, UploadFields, read_in_child, read_upload
from tests.hostile_files import million_rows, xlsx

FIELDS = UploadFields(filename="fileName", base64="contentBase64", content="file")
HEADER = ["unit_id", "indicator_code", "period", "value", "unit_of_measure"]


def problem(refused: pytest.ExceptionInfo[ValidationFailed]) -> tuple[str, str]:
    first = refused.value.problems[0]
    return first.field, first.rule


async def test_an_upload_is_read_in_a_child_and_comes_back_as_a_sheet():
    content = xlsx([HEADER, ["U-1", "EC-1", "2025-03", 91.5, "%"]])
    sheet = await read_upload("march.xlsx", base64.b64encode(content).decode(), FIELDS)
    assert sheet.headers == HEADER and sheet.rows == [(2, ["U-1", "EC-1", "2025-03", 91.5, "%"])]


async def test_a_refusal_in_the_child_keeps_its_rows_and_fields():
    content = b"unit_id\nok\nbad\x07\n"
    with pytest.raises(ValidationFailed) as refused:
        await read_upload("march.csv", base64.b64encode(content).decode(), FIELDS)
    assert [(p.field, p.rule, p.row) for p in refused.value.problems] == [
        ("file", "control_character", 3)
    ]


async def test_size_base64_and_name_are_refused_before_any_reading():
    with pytest.raises(ValidationFailed) as refused:
        await read_upload("march.csv", "A" * 40, FIELDS, max_bytes=16)
    assert problem(refused) == ("contentBase64", "max_size")
    with pytest.raises(ValidationFailed) as refused:
        await read_upload("march.csv", "not base64!", FIELDS)
    assert problem(refused) == ("contentBase64", "base64")
    with pytest.raises(ValidationFailed) as refused:
        await read_upload("march.exe", "", FIELDS)
    assert problem(refused) == ("fileName", "file_type")


def test_a_file_that_takes_longer_than_the_time_budget_is_refused_and_its_child_killed():
    content = million_rows(HEADER, 5, count=40_000)
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as refused:
        read_in_child("xlsx", content, "file", budget=Budget(seconds=0.3))
    assert problem(refused) == ("file", "read_time")
    assert "0.3 s" in refused.value.problems[0].message
    assert time.monotonic() - started < 10


def test_a_file_that_needs_more_memory_than_the_budget_is_refused():
    content = million_rows(HEADER, 5, count=40_000)
    with pytest.raises(ValidationFailed) as refused:
        read_in_child("xlsx", content, "file", budget=Budget(memory_bytes=8 * 2**20))
    assert problem(refused) == ("file", "read_memory")
    assert "8 MiB" in refused.value.problems[0].message


async def test_the_event_loop_keeps_turning_while_a_large_file_is_read():
    content = base64.b64encode(million_rows(HEADER, 5, count=20_000)).decode()
    started = time.monotonic()
    reading = asyncio.create_task(read_upload("big.xlsx", content, FIELDS))
    gaps = []
    while not reading.done():
        before = time.monotonic()
        await asyncio.sleep(0.01)
        gaps.append(time.monotonic() - before)
    took = time.monotonic() - started
    assert len(reading.result().rows) == 20_000
    # Read on the loop, the file would show as one gap as long as the whole reading; a busy
    # machine stretches every gap, so the bound is relative.
    assert len(gaps) > 10 and max(gaps) < took / 2, (max(gaps), took)
