"""Personal data: who read a cadre's data (the access log) and everything held about a cadre
(the export). One implementation for every service; see docs/personal-data.md.

To log reads of a field: `extensions=[*roles(...), *personal_data("scores")]`. A service with
personal data also defines the log's tables (`define_access_log_tables` in adapters/tables.py,
`create_access_log_tables_v1` in a migration) and lists its tables for the export.
"""

from services.common.personal_data.chain import ChainReport, StoredEntry, verify_chain
from services.common.personal_data.export import PersonalDataTable
from services.common.personal_data.fields import note_read, personal_data
from services.common.personal_data.graphql_types import (
    AccessLogEntry,
    PersonalDataExport,
    access_log_entries,
    personal_data_export,
)
from services.common.personal_data.reads import KINDS, AccessEntry, Read, RequestReads, entry_of
from services.common.personal_data.store import AccessLogStore, PostgresAccessLog
from services.common.personal_data.tables import (
    create_access_log_tables_v1,
    define_access_log_tables,
    drop_access_log_tables_v1,
)
from services.common.personal_data.writer import PURPOSE_HEADER, AccessLogWriter

__all__ = [
    "KINDS",
    "PURPOSE_HEADER",
    "AccessEntry",
    "AccessLogEntry",
    "AccessLogStore",
    "AccessLogWriter",
    "ChainReport",
    "PersonalDataExport",
    "PersonalDataTable",
    "PostgresAccessLog",
    "Read",
    "RequestReads",
    "StoredEntry",
    "access_log_entries",
    "create_access_log_tables_v1",
    "define_access_log_tables",
    "drop_access_log_tables_v1",
    "entry_of",
    "note_read",
    "personal_data",
    "personal_data_export",
    "verify_chain",
]
