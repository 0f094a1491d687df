"""The ledger's part of a subgraph: its root query fields and the types they return."""
