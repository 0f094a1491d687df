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
