"""Full rescoring of a city-year: 2,000 units x 40 indicators x 12 months (~1M observations, with 1%
resubmitted) and 20,000 cadres with their individual evidence (~200,000 daily records tagged with
capabilities, ~500,000 360 answers; bench/individual_evidence.py).

Loads the synthetic city into the scoring database (COPY; not timed), then measures
- the pure scoring core (numpy, in this process) and the same rules as a naive per-observation
  Python loop on the same data, checking that both give the same figures;
- the scoring service rescoring the year through its GraphQL mutation: read from PostgreSQL, score,
  write every result and breakdown back, announce the events (timed by the client), and checks the
  unit scores it stored against the core's; `portrait_s` is the service's portrait step (the numpy
  computation of every cadre's portrait from the evidence read), as the run reports it.
The bench adds the city's capabilities to the competency model in force if it lacks them.

    python bench/rescoring.py                 # full size
    python bench/rescoring.py --units 200     # smaller while developing

Runs against the stack in the environment (`eval "$(python3 scripts/stack.py env)"`). Figures:
observations, cadres, rescore_s, core_s, portrait_s, naive_core_s, speedup_vs_naive.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import UTC, datetime

import asyncpg
import httpx
import individual_evidence
import numpy as np
from common import emit_figures, heading, line, stack_settings

from services.common.auth import Role, mint_token
from services.common.db import asyncpg_dsn
from services.scoring.domain.assessment import assess
from services.scoring.domain.settings import AssessmentSettings
from tests.unit.scoring import synthetic
from tests.unit.scoring.naive_reference import naive_assessment, plain

# A year no demo data or test uses: the bench owns it and replaces it on every run.
BENCH_YEAR = 2029
RUN = "mutation($period: String!) { runScoring(period: $period) { runId observations units cadres events seconds portraitSeconds } }"


async def clear_year(conn: asyncpg.Connection, year: int) -> None:
    period = str(year)
    await conn.execute("DELETE FROM observations WHERE year = $1", year)
    for table in ("lists_in_force", "list_items", "list_versions"):
        await conn.execute(f"DELETE FROM {table} WHERE year = $1", year)
    for table in ("emitted_causes", "emitted_profiles", "anomalies", "monitoring_checks"):
        await conn.execute(f"DELETE FROM {table} WHERE period LIKE $1", f"{period}%")
    await conn.execute("DELETE FROM cadre_evaluations WHERE year = $1", year)
    await conn.execute("DELETE FROM cadre_areas WHERE year = $1", year)
    await conn.execute("DELETE FROM public_evaluations WHERE period = $1", period)


async def load_city(
    conn: asyncpg.Connection,
    city: synthetic.City,
    evidence: individual_evidence.Evidence,
    year: int,
) -> None:
    """Writes the city as the service would hold it after its lists and observations arrived."""
    await clear_year(conn, year)
    await individual_evidence.clear(conn, year)
    keys = await load_lists(conn, city, year)
    await load_observations(conn, city, year, keys)
    await load_people(conn, city, year)
    await individual_evidence.load(conn, city, evidence, year)
    await conn.execute(
        "ANALYZE observations; ANALYZE list_items; ANALYZE cadre_roster; ANALYZE daily_records; "
        "ANALYZE competence_answers"
    )


async def load_lists(
    conn: asyncpg.Connection, city: synthetic.City, year: int
) -> dict[tuple[str, str], int]:
    """The units, their lists in force and series; returns the series key of each (unit, indicator)."""
    units, categories = city.unit_ids, city.categories
    await conn.execute(
        """INSERT INTO unit_roster (unit_id, name, category) SELECT u, u, c FROM unnest($1::text[], $2::text[]) AS n(u, c)
           ON CONFLICT (unit_id) DO UPDATE SET category = excluded.category""",
        units,
        categories,
    )
    await conn.execute(
        """INSERT INTO list_versions (unit_id, year, version, list_id, unit_category, scheme_code, effective_from)
           SELECT u, $3::smallint, 1, 'bench-' || u, c, 'bench', make_date($3::int, 1, 1) FROM unnest($1::text[], $2::text[]) AS n(u, c)""",
        units,
        categories,
        year,
    )
    codes = [item.indicator_code for item in city.items]
    pairs = [(u, code) for u in units for code in codes]
    await conn.execute(
        "INSERT INTO series (unit_id, indicator_code) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING",
        [p[0] for p in pairs],
        [p[1] for p in pairs],
    )
    keys = {
        (r["unit_id"], r["indicator_code"]): r["series_key"]
        for r in await conn.fetch(
            "SELECT unit_id, indicator_code, series_key FROM series WHERE unit_id = ANY($1::text[])",
            units,
        )
    }
    rows = []
    for u in units:
        for item in city.items:
            rows.append(
                (
                    u,
                    year,
                    1,
                    item.indicator_code,
                    keys[(u, item.indicator_code)],
                    item.name,
                    item.dimension,
                    item.kind,
                    item.direction,
                    item.unit_of_measure,
                    item.weight,
                    item.target,
                    json.dumps(item.rule),
                    item.data_source,
                    item.source_system,
                    item.frequency,
                    list(item.capability_tags),
                    item.min_value,
                    item.max_value,
                )
            )
    await conn.copy_records_to_table(
        "list_items",
        records=rows,
        columns=(
            "unit_id",
            "year",
            "version",
            "indicator_code",
            "series_key",
            "name",
            "dimension",
            "kind",
            "direction",
            "unit_of_measure",
            "weight",
            "target",
            "rule",
            "data_source",
            "source_system",
            "frequency",
            "capability_tags",
            "min_value",
            "max_value",
        ),
    )
    await conn.execute(
        "INSERT INTO lists_in_force (unit_id, year, version) SELECT u, $2, 1 FROM unnest($1::text[]) AS u",
        units,
        year,
    )
    return keys


async def load_observations(
    conn: asyncpg.Connection, city: synthetic.City, year: int, keys: dict
) -> None:
    units, codes = city.unit_ids, [item.indicator_code for item in city.items]
    key_of = np.array([[keys[(u, code)] for code in codes] for u in units], np.int64)
    series_key = key_of[city.obs_unit, city.obs_item].tolist()
    periods = [f"{year}-{m:02d}" for m in range(13)]
    measure = [item.unit_of_measure for item in city.items]
    now = datetime.now(UTC)
    observations = list(
        zip(
            series_key,
            [periods[m] for m in city.obs_month.tolist()],
            [year] * len(series_key),
            city.obs_month.tolist(),
            ["unit_report"] * len(series_key),
            city.obs_revision.tolist(),
            city.obs_value.tolist(),
            [measure[i] for i in city.obs_item.tolist()],
            [1] * len(series_key),
            ["upload"] * len(series_key),
            ["bench"] * len(series_key),
            [now] * len(series_key),
        )
    )
    await conn.copy_records_to_table(
        "observations",
        records=observations,
        columns=(
            "series_key",
            "period",
            "year",
            "month",
            "source",
            "revision",
            "value",
            "unit_of_measure",
            "list_version",
            "channel",
            "reported_by",
            "reported_at",
        ),
    )


async def load_people(conn: asyncpg.Connection, city: synthetic.City, year: int) -> None:
    """Cadres with their own and term evaluations, deputies' areas, and public evaluations."""
    units, categories, levels = city.unit_ids, city.categories, city.cadre_level
    await conn.execute(
        """INSERT INTO cadre_roster (cadre_id, name, unit_id, unit_category, position_level)
           SELECT c, c, u, k, l FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS n(c, u, k, l)
           ON CONFLICT (cadre_id) DO UPDATE SET unit_id = excluded.unit_id, position_level = excluded.position_level""",
        city.cadre_ids,
        [units[u] for u in city.cadre_unit.tolist()],
        [categories[u] for u in city.cadre_unit.tolist()],
        levels,
    )
    evaluations = [
        (c, year, "own", float(s), "bench") for c, s in zip(city.cadre_ids, city.own.tolist())
    ]
    evaluations += [
        (c, year, "term", float(s), "bench")
        for c, s in zip(city.cadre_ids, city.term.tolist())
        if s == s
    ]
    await conn.copy_records_to_table(
        "cadre_evaluations",
        records=evaluations,
        columns=("cadre_id", "year", "kind", "score", "evaluated_by"),
    )
    # As synthetic.inputs_of assigns them: each deputy answers for one dimension.
    areas = [
        (c, year, synthetic.DIMENSIONS[i % len(synthetic.DIMENSIONS)], "bench")
        for i, (c, level) in enumerate(zip(city.cadre_ids, levels))
        if level == "deputy"
    ]
    await conn.copy_records_to_table(
        "cadre_areas", records=areas, columns=("cadre_id", "year", "dimension", "assigned_by")
    )
    satisfied = [
        (u, str(year), f"bench-{u}", float(s), "bench")
        for u, s in zip(units, city.satisfaction.tolist())
        if s == s
    ]
    await conn.copy_records_to_table(
        "public_evaluations",
        records=satisfied,
        columns=("unit_id", "period", "respondent_digest", "satisfaction", "submitted_by"),
    )


def with_daily_records(city: synthetic.City, evidence: individual_evidence.Evidence) -> None:
    """The core scores with the points of the daily records the bench writes for the service."""
    city.daily_points = evidence.points_per_cadre(len(city.cadre_ids))


def time_core(
    city: synthetic.City, settings: AssessmentSettings
) -> tuple[float, float, float, object]:
    started = time.perf_counter()
    inputs, rules = synthetic.inputs_of(city, settings)
    prepare_s = time.perf_counter() - started
    started = time.perf_counter()
    result = assess(inputs, settings)
    core_s = time.perf_counter() - started
    flat = plain(inputs, rules)
    started = time.perf_counter()
    naive = naive_assessment(flat, settings)
    naive_s = time.perf_counter() - started
    assert result.units.score.tolist() == naive["unit_score"], (
        "the engine and the naive loop disagree on unit scores"
    )
    totals = np.array([naive["cadre_total"][c] for c in range(len(city.cadre_ids))])
    assert np.array_equal(result.cadres.total, totals), (
        "the engine and the naive loop disagree on cadre totals"
    )
    return prepare_s, core_s, naive_s, result


async def rescore(url: str, bearer: str, period: str) -> tuple[float, dict]:
    async with httpx.AsyncClient(timeout=600) as client:
        started = time.perf_counter()
        response = await client.post(
            url,
            json={"query": RUN, "variables": {"period": period}},
            headers={"authorization": f"Bearer {bearer}"},
        )
        elapsed = time.perf_counter() - started
    body = response.json()
    if body.get("errors"):
        raise SystemExit(f"runScoring failed: {body['errors']}")
    return elapsed, body["data"]["runScoring"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--year", type=int, default=BENCH_YEAR)
    args = parser.parse_args()
    settings = stack_settings()
    heading(f"rescoring a city-year: {args.units} units x 40 indicators x 12 months")

    city = synthetic.city(units=args.units, seed=2029, prefix="B-")
    evidence = individual_evidence.generate(len(city.cadre_ids))
    with_daily_records(city, evidence)
    assessment = AssessmentSettings()
    prepare_s, core_s, naive_s, result = time_core(city, assessment)
    line("observations (with resubmissions)", len(city.obs_id))
    line("cadres", len(city.cadre_ids))
    line(
        "daily records / 360 answers",
        f"{len(evidence.daily_cadre)} / {len(evidence.answer_ballot)}",
    )
    line("core: arrays from rows (not in core_s)", f"{prepare_s:.3f}", "s")
    line("core: pure scoring (numpy)", f"{core_s:.3f}", "s")
    line("naive per-observation Python loop", f"{naive_s:.3f}", "s")
    line("same unit scores and cadre totals", "yes")

    conn = await asyncpg.connect(asyncpg_dsn(settings.database_url("scoring")))
    try:
        stored = await conn.fetchval(
            "SELECT settings FROM assessment_settings WHERE settings_id = 1"
        )
        if stored and json.loads(stored) != assessment.as_json():
            line("note", "the service's settings differ from the defaults the core used")
        started = time.perf_counter()
        await load_city(conn, city, evidence, args.year)
        line("loading the city into PostgreSQL (COPY)", f"{time.perf_counter() - started:.1f}", "s")
        bearer = mint_token(settings, Role.ADMIN, subject="bench")
        url = settings.service_url("scoring").rstrip("/") + "/graphql"
        await individual_evidence.ensure_model(url, bearer)
        first_s, first = await rescore(url, bearer, str(args.year))
        line("rescoring through the service (first run)", f"{first_s:.3f}", "s")
        line("  server-side", f"{first['seconds']:.3f}", "s")
        line("  of which the portrait step", f"{first['portraitSeconds']:.3f}", "s")
        line(
            "  observations read / units / cadres",
            f"{first['observations']} / {first['units']} / {first['cadres']}",
        )
        line("  events announced", first["events"])
        again_s, again = await rescore(url, bearer, str(args.year))
        line("rescoring again (causes already announced)", f"{again_s:.3f}", "s")
        line("  events announced", again["events"])
        for what, table, key, ids, values in (
            ("unit scores", "unit_scores", "unit_id", city.unit_ids, result.units.score),
            ("cadre totals", "cadre_scores", "cadre_id", city.cadre_ids, result.cadres.total),
        ):
            column = "score" if table == "unit_scores" else "total"
            stored_rows = await conn.fetch(
                f"SELECT {key}, {column} FROM {table} WHERE period = $1 AND {key} = ANY($2::text[])",
                str(args.year),
                ids,
            )
            stored_values = {r[key]: r[column] for r in stored_rows}
            differing = sum(stored_values.get(i) != v for i, v in zip(ids, values.tolist()))
            line(
                f"{what} stored by the service = core",
                "yes" if not differing else f"NO ({differing} differ)",
            )
    finally:
        await conn.close()
    emit_figures(
        {
            "observations": len(city.obs_id),
            "cadres": len(city.cadre_ids),
            "rescore_s": round(first_s, 3),
            "core_s": round(core_s, 3),
            "portrait_s": round(first["portraitSeconds"], 3),
            "naive_core_s": round(naive_s, 3),
            "speedup_vs_naive": round(naive_s / core_s, 1),
        }
    )


if __name__ == "__main__":
    asyncio.run(main())
