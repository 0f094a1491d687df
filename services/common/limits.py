"""The limits every subgraph enforces at its edge (docs/conventions.md, "Limits").

The gateway holds the same figures (gateway/gateway.config.ts); change both together.
"""

from __future__ import annotations

# `limit` and `first` arguments: a page holds 1 to this many rows.
MAX_PAGE_SIZE = 500
# Arguments that say where a page starts: never negative.
PAGE_START_ARGUMENTS = frozenset({"offset", "fromIndex", "afterSize"})
PAGE_SIZE_ARGUMENTS = frozenset({"limit", "first"})

# Representations in one `_entities` call (the gateway asks for a list's entities at once).
MAX_ENTITY_REPRESENTATIONS = 1000

# A file travels base64 inside the GraphQL request; the body carries it plus the rest of the
# request. 16 MiB of file is 22,369,624 characters of base64, under the 24,000,000-byte body,
# which is itself under the 25,000,000 bytes Hive Gateway reads at most.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_BODY_BYTES = 24_000_000
# Base64 spends 4 characters on every 3 bytes: the longest `contentBase64` a file within
# MAX_FILE_BYTES can take, refused before decoding when longer.
MAX_FILE_BASE64_CHARS = 4 * -(-MAX_FILE_BYTES // 3)

# What an imported spreadsheet may hold, checked while it is read (services/common/spreadsheets).
# Data rows under the header row; the reader stops at the first row past the limit.
MAX_FILE_ROWS = 50_000
# Columns up to the last filled cell of a row.
MAX_FILE_COLUMNS = 200
# An .xlsx is a zip: the bytes its parts inflate to, all parts together, declared and read.
MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024
# Inflated bytes per compressed byte of one part, once the part has inflated past
# RATIO_CHECK_AFTER_BYTES (tiny parts of repeated markup compress far better, harmlessly).
# Real workbooks stay under 100; a zip bomb reaches 1,000.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_AFTER_BYTES = 1024 * 1024
# Parts in one .xlsx (a workbook has a dozen; thousands are an attack on the directory).
MAX_ZIP_MEMBERS = 1000

# Reading runs in a separate process with these budgets, so that no file can stall or starve
# the service; at most MAX_CONCURRENT_READS files are read at once per service.
MAX_READ_SECONDS = 30.0
MAX_READ_MEMORY_BYTES = 768 * 1024 * 1024
MAX_CONCURRENT_READS = 2
# Problems an import lists (the rest are counted): a file of bad rows is not answered with a
# response as large as itself.
MAX_REPORTED_PROBLEMS = 100


def upload_limits_text(max_file_bytes: int = MAX_FILE_BYTES) -> str:
    """How the SDL describes an upload's limits, from the figures above (never written twice)."""
    return f"up to {max_file_bytes / 2**20:g} MiB and {MAX_FILE_ROWS:,} rows under the header"
