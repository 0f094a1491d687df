"""Cascading a city target onto units, and a unit's part onto its sub-units."""

from __future__ import annotations

from schemas.rule_codes import RuleCode
from services.common.errors import FieldProblem, ValidationFailed
from services.indicator.domain.cascade import TargetCascade, check_cascade
from services.indicator.service_layer.unit_of_work import IndicatorUnitOfWork


async def cascade_target(uow: IndicatorUnitOfWork, cascade: TargetCascade) -> TargetCascade:
    """Stores the split (replacing an earlier one of the same code) when the parts add up."""
    parent = await uow.cascades.get(cascade.parent_code) if cascade.parent_code else None
    indicator = None
    if cascade.indicator_code:
        indicator = (await uow.library.indicators_by_code([cascade.indicator_code])).get(
            cascade.indicator_code
        )
    wanted = [a.unit_id for a in cascade.allocations] + (
        [cascade.parent_unit_id] if cascade.parent_unit_id else []
    )
    units = await uow.units.by_id(wanted)
    check_cascade(cascade, parent, indicator, units)
    # Splits of this target's parts were made to fit them; a changed part must not strand one.
    stranded = [
        FieldProblem(
            "allocations",
            RuleCode.keeps_splits,
            f"split {child.code} divides unit {child.parent_unit_id}'s part of {child.total}; change it first",
            child.parent_unit_id,
        )
        for child in await uow.cascades.find(parent_code=cascade.code)
        if child.parent_unit_id is None or cascade.part_of(child.parent_unit_id) != child.total
    ]
    if stranded:
        raise ValidationFailed(stranded)
    await uow.cascades.save(cascade)
    return cascade
