"""The development service's tables (its own database)."""

import sqlalchemy as sa

from services.common.db import define_platform_tables
from services.common.roster import define_roster_tables

metadata = sa.MetaData()
outbox, processed_events = define_platform_tables(metadata)
unit_roster, cadre_roster = define_roster_tables(metadata)
