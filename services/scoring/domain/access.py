"""The scoring service's access policy: who may read or change what, as pure functions of the
principal. Resolvers only call these; the roles on each field come from the tuples here.

Scores: admin and assessor read everything, a unit reporter their unit, a cadre their own scores
and the scores of the unit they work in (part of their own breakdown). Cases (exemptions,
appeals): overseers see every case, a unit reporter their unit's, a cadre their own.
"""

from __future__ import annotations

from services.common.auth import Principal, Role
from services.common.errors import PermissionDenied

SCORE_READERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)
OVERSEERS = (Role.ADMIN, Role.ASSESSOR)
CASE_PARTIES = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER, Role.CADRE)
APPLICANTS = (Role.ADMIN, Role.UNIT_REPORTER, Role.CADRE)
EVIDENCE_RECORDERS = (Role.ADMIN, Role.ASSESSOR, Role.UNIT_REPORTER)
# Letting a result without some mandatory data become final is an assessment judgement, the
# assessor's alone (an admin configures, a unit cannot excuse its own silence).
WAIVER_AUTHORS = (Role.ASSESSOR,)
# The competency model and portfolios are the organisation department's; overseers read the model
# and record individual evidence (360 ballots, term results, corrections). A portrait is read like a
# cadre's scores (require_cadre_reader: a cadre only their own). No field reads a 360 answer or a
# ballot: a portrait shows rater groups' means, and only from the rater floor up.
MODEL_EDITORS = (Role.ADMIN,)
MODEL_READERS = (Role.ADMIN, Role.ASSESSOR, Role.TRAINER)
EVALUATION_RECORDERS = (Role.ADMIN, Role.ASSESSOR)


def needs_cadre_unit(principal: Principal, unit_id: str) -> bool:
    """Whether reading `unit_id`'s scores depends on the unit the principal (a cadre) works in."""
    return not _reads_unit_by_role(principal, unit_id) and bool(
        principal.role is Role.CADRE and principal.cadre_id
    )


def _reads_unit_by_role(principal: Principal, unit_id: str) -> bool:
    if principal.role in OVERSEERS:
        return True
    return principal.role is Role.UNIT_REPORTER and principal.unit_id == unit_id


def require_unit_reader(principal: Principal, unit_id: str, cadre_unit: str | None = None) -> None:
    """Refuses unless the principal may read the unit's scores (`cadre_unit`: where a cadre works)."""
    if _reads_unit_by_role(principal, unit_id):
        return
    if principal.role is Role.CADRE and principal.cadre_id and cadre_unit == unit_id:
        return
    raise PermissionDenied(
        f"role {principal.role.value!r} may not read the scores of unit {unit_id!r}"
    )


def require_cadre_reader(principal: Principal, cadre_id: str) -> None:
    if principal.role in OVERSEERS:
        return
    if principal.role is Role.CADRE:
        principal.require_cadre(cadre_id)
        return
    raise PermissionDenied(f"role {principal.role.value!r} may not read cadre scores")


def require_case_reader(principal: Principal, unit_id: str | None, cadre_id: str | None) -> None:
    """Refuses a case that concerns another unit or cadre than the principal's own."""
    if principal.role in OVERSEERS:
        return
    if principal.role is Role.CADRE and principal.cadre_id == cadre_id:
        return
    if principal.role is Role.UNIT_REPORTER and unit_id and principal.unit_id == unit_id:
        return
    raise PermissionDenied("this case concerns another unit or cadre")


def visible_scope(
    principal: Principal, unit_id: str | None, cadre_id: str | None
) -> tuple[str | None, str | None]:
    """The filter a listing of cases must apply: reporters see their unit, cadres themselves."""
    if principal.role is Role.UNIT_REPORTER:
        return principal.unit_id, cadre_id
    if principal.role is Role.CADRE:
        return unit_id, principal.cadre_id
    return unit_id, cadre_id
