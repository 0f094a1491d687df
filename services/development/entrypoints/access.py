"""Who may do what in the development subgraph."""

from services.common.auth import Role

# Read programmes, enrolments, effect reports and clustering runs.
STAFF = (Role.ADMIN, Role.TRAINER, Role.ASSESSOR)
# Manage programmes, cohorts and enrolments.
MANAGERS = (Role.ADMIN, Role.TRAINER)
# Everyone signed in may browse the programme catalogue.
CATALOGUE_READERS = (Role.ADMIN, Role.TRAINER, Role.ASSESSOR, Role.CADRE, Role.UNIT_REPORTER)
