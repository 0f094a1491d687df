"""The competency model, a cadre's individual evidence, and the portrait computed from it."""

from __future__ import annotations

import json
from typing import Any

import strawberry
from strawberry.types import Info

from services.common.errors import invalid
from services.common.graphql import principal_of, roles
from services.scoring.adapters import score_queries as queries
from services.scoring.domain import access
from services.scoring.domain.competency import CapabilitySpec, CompetencyModel
from services.scoring.service_layer import competency_models
from services.scoring.service_layer import individual_evidence as evidence
from services.scoring.service_layer.unit_of_work import scoring_unit_of_work


@strawberry.type(description="The target level (0-100) each position level is expected to reach.")
class LevelTargets:
    principal: float
    deputy: float
    grassroots: float


@strawberry.input
class LevelTargetsInput:
    principal: float
    deputy: float
    grassroots: float


@strawberry.type(description="How much each source of individual evidence counts (0 = not at all).")
class SourceWeights:
    portfolio: float = 0.0
    daily: float = 0.0
    evaluation: float = 0.0
    training: float = 0.0
    term: float = 0.0


@strawberry.input
class SourceWeightsInput:
    portfolio: float = 0.0
    daily: float = 0.0
    evaluation: float = 0.0
    training: float = 0.0
    term: float = 0.0


@strawberry.type
class ModelCapability:
    code: str
    name_zh: str
    name_en: str
    targets: LevelTargets
    sources: SourceWeights


@strawberry.input
class ModelCapabilityInput:
    code: str
    name_zh: str
    name_en: str
    targets: LevelTargetsInput
    sources: SourceWeightsInput


@strawberry.type(description="A version of the competency model: draft, published or superseded.")
class CompetencyModelVersion:
    version: int
    status: str
    capabilities: list[ModelCapability]

    @classmethod
    def of(cls, model: CompetencyModel) -> CompetencyModelVersion:
        return cls(
            version=model.version,
            status=model.status,
            capabilities=[
                ModelCapability(
                    code=c.code,
                    name_zh=c.name_zh,
                    name_en=c.name_en,
                    targets=LevelTargets(**c.targets),
                    sources=SourceWeights(**c.sources),
                )
                for c in model.capabilities
            ],
        )


def _spec(entry: ModelCapabilityInput) -> CapabilitySpec:
    return CapabilitySpec(
        code=entry.code.strip(),
        name_zh=entry.name_zh,
        name_en=entry.name_en,
        targets={
            k: float(getattr(entry.targets, k)) for k in ("principal", "deputy", "grassroots")
        },
        sources={
            k: float(getattr(entry.sources, k))
            for k in ("portfolio", "daily", "evaluation", "training", "term")
        },
    )


@strawberry.input(
    description="A list dimension or an indicator code, with the cadre's share of it."
)
class PortfolioEntryInput:
    code: str
    share: float = strawberry.field(default=1.0, description="Above 0, at most 1.")


@strawberry.input
class AnswerInput:
    capability: str
    score: float = strawberry.field(description="0-100")


@strawberry.input(description="One rater's anonymous 360 ballot: only the rater's group is kept.")
class BallotInput:
    cadre_id: strawberry.ID
    year: int
    rater_group: str = strawberry.field(description="superior, peer or subordinate")
    answers: list[AnswerInput]


@strawberry.type(description="One source's score of a capability and how many records made it.")
class SourceScore:
    source: str
    score: float
    records: int


@strawberry.type(
    description="A record behind a portrait score: a daily record, a portfolio item (unit/indicator), "
    "an enrolment's result, a term result, or a 360 rater group's mean (never a rater)."
)
class PortraitEvidence:
    source: str
    reference: str
    leaf_index: int | None
    value: float
    weight: float
    records: int


@strawberry.type
class PortraitCapability:
    capability: str
    score: float
    target: float
    gap: float = strawberry.field(description="target - score; above 0 is below the target.")
    confidence: float
    evidence_count: int
    peer_percentile: float | None
    peers: int
    sources: list[SourceScore]
    evidence: list[PortraitEvidence]


@strawberry.type(description="A cadre's capability portrait for a period (docs/scoring.md).")
class Portrait:
    period: str
    model_version: int | None
    efficiency_index: float | None
    capabilities: list[PortraitCapability]
    withheld_evaluations: list[str] = strawberry.field(
        description="Capabilities whose 360 answers are not shown: fewer raters than the floor."
    )


def portrait_of(row: Any, evidence_rows: list[Any]) -> Portrait:
    sources = row["source_scores"]
    sources = json.loads(sources) if isinstance(sources, str) else sources
    by_capability: dict[str, list[PortraitEvidence]] = {}
    for e in evidence_rows:
        by_capability.setdefault(e["capability"], []).append(
            PortraitEvidence(
                source=e["source"],
                reference=e["reference"],
                leaf_index=e["leaf_index"],
                value=e["value"],
                weight=e["weight"],
                records=e["records"],
            )
        )
    capabilities = []
    for k, code in enumerate(row["capabilities"]):
        capabilities.append(
            PortraitCapability(
                capability=code,
                score=row["scores"][k],
                target=row["targets"][k],
                gap=row["gaps"][k],
                confidence=row["confidence"][k],
                evidence_count=row["evidence_counts"][k],
                peer_percentile=row["peer_percentiles"][k],
                peers=row["peers"][k],
                sources=[
                    SourceScore(source=name, score=part["scores"][k], records=part["records"][k])
                    for name, part in sources.items()
                    if part["scores"][k] is not None
                ],
                evidence=by_capability.get(code, []),
            )
        )
    return Portrait(
        period=row["period"],
        model_version=row["model_version"],
        efficiency_index=row["efficiency_index"],
        capabilities=capabilities,
        withheld_evaluations=list(row["withheld"]),
    )


async def read_portrait(info: Info, cadre_id: str, period: str) -> Portrait | None:
    async with queries.reading(info.context.platform) as conn:
        row = await conn.fetchrow(
            "SELECT * FROM capability_profiles WHERE cadre_id = $1 AND period = $2",
            cadre_id,
            period,
        )
        if row is None:
            return None
        rows = await conn.fetch(
            """SELECT capability, source, reference, leaf_index, value, weight, records FROM portrait_evidence
               WHERE period = $1 AND cadre_id = $2 ORDER BY capability, source, reference""",
            period,
            cadre_id,
        )
    return portrait_of(row, rows)


@strawberry.type
class PortraitQuery:
    @strawberry.field(
        extensions=roles(*access.MODEL_READERS),
        description="Every version of the competency model, newest first.",
    )
    async def competency_models(self, info: Info) -> list[CompetencyModelVersion]:
        async with scoring_unit_of_work(info.context.platform) as uow:
            return [CompetencyModelVersion.of(m) for m in await competency_models.versions(uow)]


@strawberry.type
class PortraitMutation:
    @strawberry.mutation(
        extensions=roles(*access.MODEL_EDITORS),
        description="Makes the draft of the competency model these capabilities (a new draft "
        "follows the latest version).",
    )
    async def save_competency_model_draft(
        self, info: Info, capabilities: list[ModelCapabilityInput]
    ) -> CompetencyModelVersion:
        async with scoring_unit_of_work(info.context.platform) as uow:
            model = await competency_models.save_draft(
                uow, [_spec(c) for c in capabilities], principal_of(info).subject
            )
        return CompetencyModelVersion.of(model)

    @strawberry.mutation(
        extensions=roles(*access.MODEL_EDITORS),
        description="Puts a draft in force; the version in force before is superseded.",
    )
    async def publish_competency_model(self, info: Info, version: int) -> CompetencyModelVersion:
        async with scoring_unit_of_work(info.context.platform) as uow:
            model = await competency_models.publish_draft(uow, version, principal_of(info).subject)
        return CompetencyModelVersion.of(model)

    @strawberry.mutation(
        extensions=roles(*access.MODEL_EDITORS),
        description="A cadre's portfolio for a year: list dimensions and single indicators, each "
        "with the cadre's share of responsibility (replaces the year's portfolio).",
    )
    async def assign_portfolio(
        self,
        info: Info,
        cadre_id: strawberry.ID,
        year: int,
        dimensions: list[PortfolioEntryInput],
        indicators: list[PortfolioEntryInput] | None = None,
    ) -> int:
        async with scoring_unit_of_work(info.context.platform) as uow:
            return await evidence.assign_portfolio(
                uow,
                cadre_id,
                year,
                [(d.code, d.share) for d in dimensions],
                [(i.code, i.share) for i in indicators or []],
                principal_of(info).subject,
            )

    @strawberry.mutation(
        extensions=roles(*access.EVALUATION_RECORDERS),
        description="Anonymous 360 ballots in bulk (up to 5,000 a call); returns how many were stored.",
    )
    async def record_competence_ballots(self, info: Info, ballots: list[BallotInput]) -> int:
        parsed = [
            evidence.Ballot(
                cadre_id=b.cadre_id,
                year=b.year,
                rater_group=b.rater_group,
                answers={a.capability: a.score for a in b.answers},
            )
            for b in ballots
        ]
        if any(len(p.answers) != len(b.answers) for p, b in zip(parsed, ballots)):
            raise invalid("answers", "distinct", "a ballot answers each capability once")
        async with scoring_unit_of_work(info.context.platform) as uow:
            return await evidence.record_ballots(uow, parsed, principal_of(info).subject)

    @strawberry.mutation(
        extensions=roles(*access.EVALUATION_RECORDERS),
        description="A term result of a cadre for a capability (e.g. 3-year survival of projects).",
    )
    async def record_term_result(
        self,
        info: Info,
        cadre_id: strawberry.ID,
        year: int,
        capability: str,
        score: float,
        description: str,
    ) -> strawberry.ID:
        async with scoring_unit_of_work(info.context.platform) as uow:
            result_id = await evidence.record_term_result(
                uow, cadre_id, year, capability, score, description, principal_of(info).subject
            )
        return strawberry.ID(str(result_id))

    @strawberry.mutation(
        extensions=roles(*access.EVALUATION_RECORDERS),
        description="Corrects a daily record's points and capabilities, with the reason.",
    )
    async def correct_daily_record(
        self,
        info: Info,
        record_id: strawberry.ID,
        points: float,
        capabilities: list[str],
        reason: str,
    ) -> bool:
        number = int(record_id) if str(record_id).isdigit() else 0
        if not 1 <= number < 2**63:
            raise invalid(
                "recordId", "integer", "a daily record id is a positive number", record_id
            )
        async with scoring_unit_of_work(info.context.platform) as uow:
            await evidence.correct_daily_record(
                uow, number, points, capabilities, reason, principal_of(info).subject
            )
        return True
