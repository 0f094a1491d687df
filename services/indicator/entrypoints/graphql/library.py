"""The indicator library, the paperwork blocklist, assessment schemes and common indicators."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from services.common.graphql import roles
from services.indicator.domain import access
from services.indicator.domain import indicators as domain
from services.indicator.domain.lists import CommonIndicator as DomainCommon
from services.indicator.domain.paperwork import PaperworkTerm as DomainTerm
from services.indicator.domain.schemes import Scheme
from services.indicator.entrypoints.graphql.context import reads, unit_of_work
from services.indicator.service_layer import library_commands as commands


@strawberry.federation.type(
    keys=["code"], description="An indicator of the library: what is measured, how and from where."
)
class Indicator:
    code: strawberry.ID
    name: str
    name_en: str | None
    dimension: str
    kind: str = strawberry.field(description="scored, red_line, deduction, veto_excellence or veto")
    direction: str
    unit_of_measure: str
    data_source: str = strawberry.field(
        description="auto_feed, manual_report, survey or third_party"
    )
    source_system: str | None
    frequency: str
    rule: JSON = strawberry.field(
        description="The scoring rule; shapes as in the IndicatorListPublished contract."
    )
    capability_tags: list[str]
    min_value: float | None
    max_value: float | None
    assessed_at_year_end: bool
    on_site_check: bool
    description: str | None

    @classmethod
    def from_domain(cls, ind: domain.Indicator) -> Indicator:
        return cls(
            code=strawberry.ID(ind.code),
            name=ind.name,
            name_en=ind.name_en,
            dimension=ind.dimension,
            kind=ind.kind,
            direction=ind.direction,
            unit_of_measure=ind.unit_of_measure,
            data_source=ind.data_source,
            source_system=ind.source_system,
            frequency=ind.frequency,
            rule=ind.rule,
            capability_tags=list(ind.capability_tags),
            min_value=ind.min_value,
            max_value=ind.max_value,
            assessed_at_year_end=ind.assessed_at_year_end,
            on_site_check=ind.on_site_check,
            description=ind.description,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, code: strawberry.ID) -> Indicator | None:
        async with reads(info) as catalogue:
            found = (await catalogue.library.indicators_by_code([code])).get(code)
        return cls.from_domain(found) if found else None


@strawberry.input
class IndicatorInput:
    code: strawberry.ID
    name: str
    dimension: str
    kind: str
    direction: str
    unit_of_measure: str
    data_source: str
    frequency: str
    rule: JSON
    name_en: str | None = None
    source_system: str | None = None
    capability_tags: list[str] = strawberry.field(default_factory=list)
    min_value: float | None = None
    max_value: float | None = None
    assessed_at_year_end: bool | None = strawberry.field(
        default=None,
        description="Default: true, except for indicators monitored daily (no double assessment)",
    )
    on_site_check: bool = False
    description: str | None = None

    def to_domain(self) -> domain.Indicator:
        year_end = (
            self.frequency != "daily"
            if self.assessed_at_year_end is None
            else self.assessed_at_year_end
        )
        return domain.Indicator(
            code=self.code,
            name=self.name,
            name_en=self.name_en,
            dimension=self.dimension,
            kind=self.kind,
            direction=self.direction,
            unit_of_measure=self.unit_of_measure,
            data_source=self.data_source,
            source_system=self.source_system,
            frequency=self.frequency,
            rule=self.rule,
            capability_tags=tuple(self.capability_tags),
            min_value=self.min_value,
            max_value=self.max_value,
            assessed_at_year_end=year_end,
            on_site_check=self.on_site_check,
            description=self.description,
        )


@strawberry.type(
    description="A term that marks an indicator as measuring paperwork, with the reason."
)
class PaperworkTerm:
    term: str
    category: str
    reason: str

    @classmethod
    def from_domain(cls, term: DomainTerm) -> PaperworkTerm:
        return cls(term=term.term, category=term.category, reason=term.reason)


@strawberry.input
class PaperworkTermInput:
    term: str
    category: str
    reason: str


@strawberry.type
class SchemeDimensionShare:
    dimension: str
    share: float


@strawberry.type(
    description="A named set of lists and rules run side by side with others (Jishou runs five)."
)
class AssessmentScheme:
    code: str
    name: str
    name_en: str
    description: str
    dimension_minimums: list[SchemeDimensionShare]

    @classmethod
    def from_domain(cls, scheme: Scheme) -> AssessmentScheme:
        return cls(
            code=scheme.code,
            name=scheme.name,
            name_en=scheme.name_en,
            description=scheme.description,
            dimension_minimums=[
                SchemeDimensionShare(dimension=d, share=s)
                for d, s in scheme.dimension_minimums.items()
            ],
        )


@strawberry.input
class SchemeDimensionShareInput:
    dimension: str
    share: float


@strawberry.input
class AssessmentSchemeInput:
    code: str
    name: str
    name_en: str
    description: str = ""
    dimension_minimums: list[SchemeDimensionShareInput] = strawberry.field(default_factory=list)


@strawberry.type(
    description="An indicator every unit of a category carries, with its default weight and target."
)
class CommonIndicator:
    category: str
    indicator_code: str
    weight: float
    target: float | None

    @classmethod
    def from_domain(cls, common: DomainCommon) -> CommonIndicator:
        return cls(
            category=common.category,
            indicator_code=common.indicator_code,
            weight=common.weight,
            target=common.target,
        )


@strawberry.input
class CommonIndicatorInput:
    indicator_code: str
    weight: float = 0.0
    target: float | None = None


@strawberry.type
class LibraryQueries:
    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def indicator(self, info: Info, code: strawberry.ID) -> Indicator | None:
        return await Indicator.resolve_reference(info, code)

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def indicators(
        self,
        info: Info,
        dimension: str | None = None,
        kind: str | None = None,
        capability: str | None = None,
        search: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Indicator]:
        async with reads(info) as catalogue:
            found = await catalogue.library.find_indicators(
                dimension=dimension,
                kind=kind,
                capability=capability,
                search=search,
                limit=limit,
                offset=offset,
            )
        return [Indicator.from_domain(i) for i in found]

    @strawberry.field(
        extensions=roles(*access.CATALOGUE_READERS),
        description="Terms that mark an indicator as paperwork.",
    )
    async def paperwork_blocklist(self, info: Info) -> list[PaperworkTerm]:
        async with reads(info) as catalogue:
            blocklist = await catalogue.library.blocklist()
        return [PaperworkTerm.from_domain(t) for t in blocklist.terms]

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def assessment_schemes(self, info: Info) -> list[AssessmentScheme]:
        async with reads(info) as catalogue:
            schemes = await catalogue.library.schemes()
        return [AssessmentScheme.from_domain(x) for x in schemes.values()]

    @strawberry.field(extensions=roles(*access.CATALOGUE_READERS))
    async def common_indicators(self, info: Info, category: str) -> list[CommonIndicator]:
        async with reads(info) as catalogue:
            found = await catalogue.library.commons_by_category([category])
        return [CommonIndicator.from_domain(c) for c in found.get(category, [])]


@strawberry.type
class LibraryMutations:
    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Adds an indicator or redefines it (published lists keep theirs).",
    )
    async def save_indicator(self, info: Info, input: IndicatorInput) -> Indicator:
        async with unit_of_work(info) as uow:
            saved = await commands.save_indicator(uow, input.to_domain())
        return Indicator.from_domain(saved)

    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def add_paperwork_term(self, info: Info, input: PaperworkTermInput) -> PaperworkTerm:
        async with unit_of_work(info) as uow:
            term = await commands.add_paperwork_term(
                uow, DomainTerm(input.term, input.category, input.reason)
            )
        return PaperworkTerm.from_domain(term)

    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def remove_paperwork_term(self, info: Info, term: str) -> bool:
        async with unit_of_work(info) as uow:
            await commands.remove_paperwork_term(uow, term)
        return True

    @strawberry.mutation(extensions=roles(*access.EDITORS))
    async def save_assessment_scheme(
        self, info: Info, input: AssessmentSchemeInput
    ) -> AssessmentScheme:
        scheme = Scheme(
            input.code,
            input.name,
            input.name_en,
            input.description,
            {d.dimension: d.share for d in input.dimension_minimums},
        )
        async with unit_of_work(info) as uow:
            saved = await commands.save_scheme(uow, scheme)
        return AssessmentScheme.from_domain(saved)

    @strawberry.mutation(
        extensions=roles(*access.EDITORS),
        description="Replaces the common indicators of a unit category.",
    )
    async def set_common_indicators(
        self, info: Info, category: str, items: list[CommonIndicatorInput]
    ) -> list[CommonIndicator]:
        commons = [DomainCommon(category, i.indicator_code, i.weight, i.target) for i in items]
        async with unit_of_work(info) as uow:
            stored = await commands.set_common_indicators(uow, category, commons)
        return [CommonIndicator.from_domain(c) for c in stored]
