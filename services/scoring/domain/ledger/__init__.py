"""The evidence ledger: a verifiable append-only log in the manner of Certificate Transparency.

Pure rules only: RFC 9162 hashing and proofs, signed checkpoints, M-of-N approval of changes
after a period is locked, and the exemption and appeal state machines whose steps the log records.
"""
