"""Reading the parts of an .xlsx (a zip archive) without letting it inflate past its limits.

Zip bombs declare small parts that inflate to gigabytes, or honest sizes far beyond any workbook.
The declared sizes are checked when the archive is opened; the bytes actually inflated are
counted while a part is read, against the declared size, the archive's total and the ratio of
inflated to compressed bytes consumed so far. Inflating is done here, in bounded steps, rather
than by zipfile, so that each step is measured before the next one is taken.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import IO, Any

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.common.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
    RATIO_CHECK_AFTER_BYTES,
)

_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Compressed bytes fed to the inflater per step, and the most it may produce per step.
_STEP_IN = 64 * 1024
_STEP_OUT = 256 * 1024


class Inflated:
    """What the parts of one archive have inflated to so far; the first refusal is kept, so a
    refusal that a parser swallowed is still raised by the reader afterwards."""

    def __init__(self, field: str, limit: int = MAX_UNCOMPRESSED_BYTES):
        self.field = field
        self.limit = limit
        self.total = 0
        self.refusal: ValidationFailed | None = None

    def refuse(self, rule: str, message: str, value: Any) -> ValidationFailed:
        if self.refusal is None:
            self.refusal = ValidationFailed(FieldProblem(self.field, rule, message, value))
        return self.refusal


def _mib(size: int) -> str:
    return f"{size / 2**20:g} MiB"


def check_directory(archive: zipfile.ZipFile, inflated: Inflated) -> None:
    """Refuses an archive whose directory already declares too much."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise inflated.refuse(
            RuleCode.xlsx, f"an .xlsx holds at most {MAX_ZIP_MEMBERS} parts", len(infos)
        )
    declared = sum(info.file_size for info in infos)
    if declared > inflated.limit:
        raise inflated.refuse(
            RuleCode.max_uncompressed,
            f"the workbook declares {declared} bytes inflated; at most {_mib(inflated.limit)}",
            declared,
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECK_AFTER_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise inflated.refuse(
                RuleCode.compression_ratio,
                f"part {info.filename} declares {ratio:.0f} times its compressed size; "
                f"at most {MAX_COMPRESSION_RATIO}",
                info.filename,
            )


class _PartReader(io.RawIOBase):
    def __init__(self, content: bytes, info: zipfile.ZipInfo, inflated: Inflated):
        super().__init__()
        self._info = info
        self._inflated = inflated
        start = _data_start(content, info)
        self._data = memoryview(content)[start : start + info.compress_size]
        self._fed = 0
        self._consumed = 0
        self._produced = 0
        self._crc = 0
        self._pending = b""
        if info.compress_type == zipfile.ZIP_DEFLATED:
            self._inflater: Any = zlib.decompressobj(-zlib.MAX_WBITS)
        elif info.compress_type == zipfile.ZIP_STORED:
            self._inflater = None
        else:
            raise inflated.refuse(
                RuleCode.xlsx,
                f"part {info.filename} uses a compression .xlsx files do not use",
                info.compress_type,
            )

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if not self._step():
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _step(self) -> bool:
        """Inflates the next bounded piece into _pending; False at the end of the part."""
        piece = b""
        while not piece:
            if self._inflater is None:
                piece = bytes(self._data[self._fed : self._fed + _STEP_OUT])
                self._fed += len(piece)
                self._consumed = self._fed
            else:
                tail = self._inflater.unconsumed_tail
                if not tail and self._fed >= len(self._data):
                    break
                if not tail:
                    tail = self._data[self._fed : self._fed + _STEP_IN]
                    self._fed += len(tail)
                piece = self._inflater.decompress(tail, _STEP_OUT)
                self._consumed = self._fed - len(self._inflater.unconsumed_tail)
            if not piece and self._fed >= len(self._data) and not self._tail():
                break
        if not piece:
            self._finish()
            return False
        self._count(len(piece))
        self._crc = zlib.crc32(piece, self._crc)
        self._pending = piece
        return True

    def _tail(self) -> bytes:
        return self._inflater.unconsumed_tail if self._inflater is not None else b""

    def _count(self, size: int) -> None:
        self._produced += size
        self._inflated.total += size
        info, inflated = self._info, self._inflated
        if self._produced > info.file_size:
            raise inflated.refuse(
                RuleCode.max_uncompressed,
                f"part {info.filename} inflates past the {info.file_size} bytes it declares",
                info.filename,
            )
        if inflated.total > inflated.limit:
            raise inflated.refuse(
                RuleCode.max_uncompressed,
                f"the workbook inflates past {_mib(inflated.limit)}",
                inflated.total,
            )
        ratio = self._produced / max(self._consumed, 1)
        if self._produced > RATIO_CHECK_AFTER_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise inflated.refuse(
                RuleCode.compression_ratio,
                f"part {info.filename} inflates to {ratio:.0f} times its compressed size; "
                f"at most {MAX_COMPRESSION_RATIO}",
                info.filename,
            )

    def _finish(self) -> None:
        if self._produced != self._info.file_size or self._crc != self._info.CRC:
            raise self._inflated.refuse(
                RuleCode.xlsx,
                f"part {self._info.filename} is damaged (its size or checksum is not the declared one)",
                self._info.filename,
            )


def _data_start(content: bytes, info: zipfile.ZipInfo) -> int:
    header = content[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(f"part {info.filename} lies outside the archive")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile(f"part {info.filename} has no local header")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    if start + info.compress_size > len(content):
        raise zipfile.BadZipFile(f"part {info.filename} runs past the end of the archive")
    return start


class GuardedArchive(zipfile.ZipFile):
    """A read-only zip whose parts are read through the limits (openpyxl only calls `open`)."""

    def __init__(self, content: bytes, inflated: Inflated):
        super().__init__(io.BytesIO(content))
        self._content = content
        self.inflated = inflated
        check_directory(self, inflated)

    def open(  # type: ignore[override]
        self, name: str | zipfile.ZipInfo, mode: str = "r", *args: Any, **kwargs: Any
    ) -> IO[bytes]:
        if mode != "r":
            raise ValueError("a guarded archive is read only")
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        return open_part(self._content, info, self.inflated)


def open_part(content: bytes, info: zipfile.ZipInfo, inflated: Inflated) -> IO[bytes]:
    """One part of the archive `content`, inflated within the limits as it is read."""
    return io.BufferedReader(_PartReader(content, info, inflated))
