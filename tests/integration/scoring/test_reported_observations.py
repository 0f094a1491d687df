"""Observations reported by people: one, a batch, or a file; all or nothing, with revisions kept."""

import base64
import csv
import io

from openpyxl import Workbook

from services.common.auth import Role
from tests.integration.scoring.world import scoring_fetchval, set_up, township, unique_year
from tests.support import token

REPORT = """mutation($inputs: [ObservationReport!]!) {
  reportObservations(inputs: $inputs) { observationId unitId indicatorCode period source revision listVersion }
}"""
IMPORT = """mutation($name: String!, $content: String!) {
  importObservations(fileName: $name, contentBase64: $content) { accepted observations { indicatorCode period revision } }
}"""
HISTORY = """query($unit: ID!, $code: String!, $period: String!) {
  observationHistory(unitId: $unit, indicatorCode: $code, period: $period) { revision value channel reportedBy }
}"""


def report(
    unit_id: str, period: str, value: float, code: str = "PR-COMPLETION-RATE", unit: str = "%"
) -> dict:
    return {
        "unitId": unit_id,
        "indicatorCode": code,
        "period": period,
        "value": value,
        "unitOfMeasure": unit,
    }


async def stored(settings, unit_id: str) -> int:
    return await scoring_fetchval(
        settings,
        "SELECT count(*) FROM observations o JOIN series s USING (series_key) WHERE s.unit_id = $1",
        unit_id,
    )


async def test_a_unit_reporter_reports_for_their_own_unit_and_a_resubmission_is_a_new_revision(
    stack, subgraph
):
    year, unit, other = unique_year(), township(), township()
    await set_up(stack, [unit, other], year)
    reporter = subgraph("scoring", token(stack, Role.UNIT_REPORTER, unit_id=unit.unit_id))
    period = f"{year}-02"
    first = (await reporter.execute(REPORT, {"inputs": [report(unit.unit_id, period, 41.0)]}))[
        "reportObservations"
    ]
    again = (await reporter.execute(REPORT, {"inputs": [report(unit.unit_id, period, 43.5)]}))[
        "reportObservations"
    ]
    assert (first[0]["revision"], again[0]["revision"], again[0]["listVersion"]) == (1, 2, 1)
    history = await reporter.execute(
        HISTORY, {"unit": unit.unit_id, "code": "PR-COMPLETION-RATE", "period": period}
    )
    assert [(h["revision"], h["value"], h["channel"]) for h in history["observationHistory"]] == [
        (1, 41.0, "graphql"),
        (2, 43.5, "graphql"),
    ]

    errors = await reporter.errors(REPORT, {"inputs": [report(other.unit_id, period, 50.0)]})
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await stored(stack, other.unit_id) == 0


async def test_a_batch_with_one_bad_observation_stores_nothing_and_names_every_problem(
    stack, subgraph
):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    admin = subgraph("scoring")
    batch = [
        report(unit.unit_id, f"{year}-01", 30.0),
        report(unit.unit_id, f"{year}-02", 130.0),  # a rate above 100%
        report(
            unit.unit_id, f"{year}-03", 5.0, code="EC-INVESTMENT", unit="万元"
        ),  # the list says 亿元
        report(
            unit.unit_id, f"{year}-03", 97.0, code="SV-12345-RESPONSE"
        ),  # fed by the hotline, not reported
        report(unit.unit_id, f"{year}-13", 30.0),
    ]
    errors = await admin.errors(REPORT, {"inputs": batch})
    assert errors[0]["extensions"]["code"] == "VALIDATION_FAILED"
    problems = {(p["row"], p["field"], p["rule"]) for p in errors[0]["extensions"]["problems"]}
    assert problems == {
        (1, "value", "range"),
        (2, "unitOfMeasure", "matches_list"),
        (3, "indicatorCode", "not_auto_feed"),
        (4, "period", "period_format"),
    }
    assert await stored(stack, unit.unit_id) == 0


def csv_file(rows: list[list]) -> str:
    text = io.StringIO()
    csv.writer(text).writerows(
        [["unit_id", "indicator_code", "period", "value", "unit_of_measure"], *rows]
    )
    return base64.b64encode(text.getvalue().encode()).decode()


def xlsx_file(rows: list[list]) -> str:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Unit ID", "Indicator code", "Period", "Value", "Unit of measure"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return base64.b64encode(data.getvalue()).decode()


async def test_a_file_is_imported_whole_or_refused_with_a_report_by_row(stack, subgraph):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    admin = subgraph("scoring")
    good = [
        [unit.unit_id, "PR-COMPLETION-RATE", f"{year}-{m:02d}", 10.0 * m, "%"] for m in range(1, 4)
    ]
    bad = good + [
        [unit.unit_id, "PR-COMPLETION-RATE", f"{year}-04", "about forty", "%"],
        [unit.unit_id, "NOT-ON-THE-LIST", f"{year}-04", 1.0, "%"],
    ]

    errors = await admin.errors(IMPORT, {"name": "march.xlsx", "content": xlsx_file(bad)})
    problems = {(p["row"], p["field"], p["rule"]) for p in errors[0]["extensions"]["problems"]}
    assert problems == {(5, "value", "number")}  # cells are checked first, row 1 is the header
    errors = await admin.errors(
        IMPORT, {"name": "march.csv", "content": csv_file(bad[:3] + bad[4:])}
    )
    problems = {(p["row"], p["field"], p["rule"]) for p in errors[0]["extensions"]["problems"]}
    assert problems == {(5, "indicatorCode", "in_list")}
    assert await stored(stack, unit.unit_id) == 0

    imported = (await admin.execute(IMPORT, {"name": "march.xlsx", "content": xlsx_file(good)}))[
        "importObservations"
    ]
    assert imported["accepted"] == 3
    again = (await admin.execute(IMPORT, {"name": "march.csv", "content": csv_file(good[:1])}))[
        "importObservations"
    ]
    assert again["observations"] == [
        {"indicatorCode": "PR-COMPLETION-RATE", "period": f"{year}-01", "revision": 2}
    ]
    assert await stored(stack, unit.unit_id) == 4
