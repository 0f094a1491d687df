"""Reading an uploaded spreadsheet in a separate process, within a time and a memory budget.

A thread would keep the event loop turning, but it shares the service's memory and its
interpreter: a file that inflates to gigabytes, or parses for minutes, would still take the
service down with it. A child process gets an address-space limit of its own and is killed when
its time is up; the service only waits for it on a thread. Children are forked from a small
fork server that has loaded nothing but the reader, never from the service with its threads and
connections.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from typing import Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed, invalid
from services.common.limits import (
    MAX_CONCURRENT_READS,
    MAX_FILE_BYTES,
    MAX_FILE_ROWS,
    MAX_READ_MEMORY_BYTES,
    MAX_READ_SECONDS,
    MAX_REPORTED_PROBLEMS,
)
from services.common.spreadsheets import Sheet, file_format, read_sheet

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["services.common.spreadsheets", "openpyxl"])
# Reads beyond these wait their turn, each for at most the time budget.
_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT_READS)


@dataclass(frozen=True)
class UploadFields:
    """The argument names a refusal names: the file's name, its base64 text, its content."""

    filename: str
    base64: str
    content: str


@dataclass(frozen=True)
class Budget:
    seconds: float = MAX_READ_SECONDS
    memory_bytes: int = MAX_READ_MEMORY_BYTES


def start_reader() -> None:
    """Starts the fork server in the background, so that the first upload does not wait for an
    interpreter to load the reader."""
    threading.Thread(target=forkserver.ensure_running, name="sheet-reader", daemon=True).start()


def capped(refusal: ValidationFailed, field: str) -> ValidationFailed:
    """The refusal with at most MAX_REPORTED_PROBLEMS problems, and one counting the rest."""
    problems = refusal.problems
    if len(problems) <= MAX_REPORTED_PROBLEMS:
        return refusal
    rest = len(problems) - MAX_REPORTED_PROBLEMS
    return ValidationFailed(
        [
            *problems[:MAX_REPORTED_PROBLEMS],
            FieldProblem(field, RuleCode.more_problems, f"{rest} more problems not listed", rest),
        ]
    )


def _limit_memory(budget: int) -> None:
    # The child starts as a copy of the fork server; the budget comes on top of that.
    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (in_use + budget, resource.RLIM_INFINITY))


def _child(
    connection: Connection, format: str, content: bytes, field: str, max_rows: int, memory: int
) -> None:
    try:
        _limit_memory(memory)
        outcome: tuple[str, Any] = ("sheet", read_sheet(format, content, field, max_rows))
    except ValidationFailed as refusal:
        outcome = ("problems", refusal.problems)
    except MemoryError:
        outcome = ("memory", None)
    connection.send(outcome)
    connection.close()


def _refusal(field: str, rule: str, message: str) -> ValidationFailed:
    return invalid(field, rule, message, None)


def _over_time(field: str, budget: Budget) -> ValidationFailed:
    return _refusal(
        field, RuleCode.read_time, f"the file could not be read within {budget.seconds:g} s"
    )


def _over_memory(field: str, budget: Budget) -> ValidationFailed:
    return _refusal(
        field,
        RuleCode.read_memory,
        f"the file could not be read within {budget.memory_bytes // 2**20} MiB of memory",
    )


def read_in_child(
    format: str,
    content: bytes,
    field: str,
    max_rows: int = MAX_FILE_ROWS,
    budget: Budget = Budget(),
) -> Sheet:
    """Blocks until the child has read the file or its budget is spent; call it on a thread."""
    if not _SLOTS.acquire(timeout=budget.seconds):
        raise _over_time(field, budget)
    try:
        receiver, sender = _CONTEXT.Pipe(duplex=False)
        child = _CONTEXT.Process(
            target=_child,
            args=(sender, format, content, field, max_rows, budget.memory_bytes),
            daemon=True,
        )
        child.start()
        sender.close()
        try:
            deadline = time.monotonic() + budget.seconds
            if not receiver.poll(max(deadline - time.monotonic(), 0)):
                raise _over_time(field, budget)
            try:
                kind, payload = receiver.recv()
            except (EOFError, OSError):
                # The child died without a word: the kernel refused it memory, or killed it.
                raise _over_memory(field, budget) from None
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join(5)
            child.close()
    finally:
        _SLOTS.release()
    if kind == "sheet":
        return payload  # type: ignore[no-any-return]
    if kind == "problems":
        raise ValidationFailed(payload)
    raise _over_memory(field, budget)


def _decode(text: str, fields: UploadFields, max_bytes: int) -> bytes:
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(
            fields.base64, RuleCode.base64, "the file content is not valid base64", None
        ) from None
    if len(content) > max_bytes:
        raise invalid(fields.base64, RuleCode.max_size, _size_rule(max_bytes), len(content))
    return content


def _size_rule(max_bytes: int) -> str:
    return f"files up to {max_bytes / 2**20:g} MiB"


async def read_upload(
    filename: str,
    content_base64: str,
    fields: UploadFields,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_FILE_ROWS,
    budget: Budget = Budget(),
) -> Sheet:
    """An uploaded .csv or .xlsx file as a Sheet, read off the event loop within every limit."""
    format = file_format(filename, fields.filename)
    if len(content_base64) > 4 * -(-max_bytes // 3):
        raise invalid(fields.base64, RuleCode.max_size, _size_rule(max_bytes), len(content_base64))
    content = await asyncio.to_thread(_decode, content_base64, fields, max_bytes)
    return await asyncio.to_thread(read_in_child, format, content, fields.content, max_rows, budget)
