"""The ledger's pure rules: RFC 9162 hashing and proofs, signed checkpoints, the leaf format,
the stored subtrees and the audit of a stored log against its checkpoints."""
