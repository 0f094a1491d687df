"""The evidence ledger's migration steps: the log's tables and the cases it records, as first defined.

Kept apart from the revisions so a scratch schema (a restored copy under audit, a benchmark's log)
is created by exactly the steps a service database went through.
"""

from __future__ import annotations

import sqlalchemy as sa

from services.scoring import ledger
from services.scoring.adapters.tables import define_case_tables, define_period_locks


def create_ledger_tables_v1(connection: sa.Connection) -> None:
    """Revision scoring_ledger_0001: the log, approvals, exemptions, appeals and re-scoring."""
    ledger.create_log_tables(connection)
    scratch = sa.MetaData()
    define_case_tables(scratch)
    scratch.create_all(connection, checkfirst=False)


def create_period_locks_v2(connection: sa.Connection) -> None:
    """Revision scoring_ledger_0002: locked periods."""
    define_period_locks(sa.MetaData()).create(connection, checkfirst=False)
