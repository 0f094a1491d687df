"""The synthetic city's individual evidence for bench/rescoring.py: about 10 tagged daily records per
cadre (~200,000) and 360 ballots of 3-9 raters on 4 capabilities per cadre (~500,000 answers, so
some capabilities stay under the rater floor), and a competency model covering the city's tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import asyncpg
import httpx
import numpy as np
from common import ROOT  # noqa: F401  (puts the repository on sys.path first)

from tests.unit.scoring import synthetic

DAILY_PER_CADRE = 10
EVALUATED_PER_CADRE = 4
GROUPS = ("superior", "peer", "subordinate")
MODELS = "{ competencyModels { status capabilities { code nameZh nameEn targets { principal deputy grassroots } sources { portfolio daily evaluation training term } } } }"
SAVE = "mutation($c: [ModelCapabilityInput!]!) { saveCompetencyModelDraft(capabilities: $c) { version } }"
PUBLISH = "mutation($v: Int!) { publishCompetencyModel(version: $v) { version } }"


@dataclass
class Evidence:
    daily_cadre: np.ndarray
    daily_capability: np.ndarray
    daily_points: np.ndarray
    ballot_cadre: np.ndarray
    ballot_group: np.ndarray
    answer_ballot: np.ndarray
    answer_capability: np.ndarray
    answer_score: np.ndarray

    def points_per_cadre(self, n_cadres: int) -> np.ndarray:
        return np.bincount(self.daily_cadre, weights=self.daily_points, minlength=n_cadres)


def generate(n_cadres: int, seed: int = 2029) -> Evidence:
    rng = np.random.default_rng(seed)
    k = len(synthetic.CAPABILITIES)
    daily_cadre = np.repeat(np.arange(n_cadres), DAILY_PER_CADRE)
    raters = rng.integers(3, 10, n_cadres)
    ballot_cadre = np.repeat(np.arange(n_cadres), raters)
    ballots = len(ballot_cadre)
    first = rng.integers(0, k, n_cadres)[ballot_cadre]
    answer_ballot = np.repeat(np.arange(ballots), EVALUATED_PER_CADRE)
    offset = np.tile(np.arange(EVALUATED_PER_CADRE), ballots)
    return Evidence(
        daily_cadre=daily_cadre,
        daily_capability=rng.integers(0, k, len(daily_cadre)),
        daily_points=rng.integers(-5, 9, len(daily_cadre)).astype(float),
        ballot_cadre=ballot_cadre,
        ballot_group=rng.integers(0, len(GROUPS), ballots),
        answer_ballot=answer_ballot,
        answer_capability=(first[answer_ballot] + offset) % k,
        answer_score=np.round(rng.uniform(50, 100, len(answer_ballot)), 1),
    )


async def load(
    conn: asyncpg.Connection, city: synthetic.City, evidence: Evidence, year: int
) -> None:
    ids, caps = city.cadre_ids, synthetic.CAPABILITIES
    months = np.arange(len(evidence.daily_cadre)) % 12 + 1
    await conn.copy_records_to_table(
        "daily_records",
        records=[
            (ids[c], date(year, m, 15), "other", p, "bench", "bench", [caps[k]])
            for c, m, p, k in zip(
                evidence.daily_cadre.tolist(),
                months.tolist(),
                evidence.daily_points.tolist(),
                evidence.daily_capability.tolist(),
            )
        ],
        columns=(
            "cadre_id",
            "occurred_on",
            "kind",
            "points",
            "description",
            "recorded_by",
            "capabilities",
        ),
    )
    ballot_ids = [
        r["ballot_id"]
        for r in await conn.fetch(
            """INSERT INTO competence_ballots (cadre_id, year, rater_group, recorded_by)
               SELECT c, $3, g, 'bench' FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS n(c, g, o)
               ORDER BY o RETURNING ballot_id""",
            [ids[c] for c in evidence.ballot_cadre.tolist()],
            [GROUPS[g] for g in evidence.ballot_group.tolist()],
            year,
        )
    ]
    cadre_of, group_of = evidence.ballot_cadre.tolist(), evidence.ballot_group.tolist()
    await conn.copy_records_to_table(
        "competence_answers",
        records=[
            (ballot_ids[b], caps[k], ids[cadre_of[b]], year, GROUPS[group_of[b]], s)
            for b, k, s in zip(
                evidence.answer_ballot.tolist(),
                evidence.answer_capability.tolist(),
                evidence.answer_score.tolist(),
            )
        ],
        columns=("ballot_id", "capability", "cadre_id", "year", "rater_group", "score"),
    )


async def clear(conn: asyncpg.Connection, year: int) -> None:
    await conn.execute(
        "DELETE FROM daily_records WHERE recorded_by = 'bench' AND occurred_on >= make_date($1, 1, 1) AND occurred_on < make_date($1 + 1, 1, 1)",
        year,
    )
    for table in ("competence_answers", "competence_ballots"):
        await conn.execute(f"DELETE FROM {table} WHERE year = $1", year)
    for table in ("open_weaknesses", "portrait_evidence"):
        await conn.execute(f"DELETE FROM {table} WHERE period LIKE $1", f"{year}%")


async def ensure_model(url: str, bearer: str) -> None:
    """Adds the city's capabilities the model in force lacks (the others stay as they are)."""

    async def call(query: str, variables: dict | None = None) -> dict:
        async with httpx.AsyncClient(timeout=60) as client:
            response = await client.post(
                url,
                json={"query": query, "variables": variables or {}},
                headers={"authorization": f"Bearer {bearer}"},
            )
        body = response.json()
        if body.get("errors"):
            raise SystemExit(f"competency model: {body['errors']}")
        return body["data"]

    models = (await call(MODELS))["competencyModels"]
    kept = next((m["capabilities"] for m in models if m["status"] == "published"), [])
    missing = [code for code in synthetic.CAPABILITIES if code not in {c["code"] for c in kept}]
    if not missing:
        return
    added = [
        {
            "code": code,
            "nameZh": code,
            "nameEn": code.replace("_", " "),
            "targets": {"principal": 80, "deputy": 75, "grassroots": 70},
            "sources": {
                "portfolio": 0.4,
                "daily": 0.2,
                "evaluation": 0.3,
                "training": 0.05,
                "term": 0.05,
            },
        }
        for code in missing
    ]
    version = (await call(SAVE, {"c": kept + added}))["saveCompetencyModelDraft"]["version"]
    await call(PUBLISH, {"v": version})
