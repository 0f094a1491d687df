"""Who may read the evidence ledger: the log is evidence for every party to a case, its proofs of
single records for those who review them, and a full copy for the department alone."""

from __future__ import annotations

from services.common.auth import Role

CHECKPOINT_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)
RECORD_READERS = (Role.ADMIN, Role.ASSESSOR)
MIRROR_READERS = (Role.ADMIN,)
MAX_PAGE = 1000
