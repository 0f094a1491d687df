"""Who may read or change what in the development service: pure functions of the principal.

Resolvers call these and nothing else to decide access; the roles of each field come from here.
"""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied

# Read programmes' enrolments, effect reports and clustering runs.
STAFF = (Role.ADMIN, Role.TRAINER, Role.ASSESSOR)
# Set up programmes and cohorts, enrol, move and cancel by hand, record evaluations.
MANAGERS = (Role.ADMIN, Role.TRAINER)
# Everyone signed in may browse the programme catalogue.
CATALOGUE_READERS = (Role.ADMIN, Role.TRAINER, Role.ASSESSOR, Role.CADRE, Role.UNIT_REPORTER)
# Staff read anyone's enrolments; a cadre reads their own.
ENROLMENT_READERS = (*STAFF, Role.CADRE)
# Clustering is run on demand by the organisation department only.
CLUSTERING_RUNNERS = (Role.ADMIN,)


def enrolments_visible_to(principal: Principal, cadre_id: str | None) -> str | None:
    """The cadre whose enrolments a search may return: a cadre sees only their own, staff anyone's."""
    if principal.role is not Role.CADRE:
        return cadre_id
    cadre_id = cadre_id or principal.cadre_id
    if not cadre_id:
        raise PermissionDenied("a cadre's token must name the cadre (cadre_id) to read enrolments")
    principal.require_cadre(cadre_id)
    return cadre_id


def require_enrolment_reader(principal: Principal, cadre_id: str) -> None:
    """One cadre's enrolments: staff, or the cadre themself."""
    principal.require_role(*ENROLMENT_READERS)
    principal.require_cadre(cadre_id)


def require_cohort_reader(principal: Principal) -> None:
    """A cohort's enrolments and line name many cadres: staff only."""
    principal.require_role(*STAFF)
