"""Public evaluation: one per respondent, unit and period, limited per minute, blended into the score."""

import pytest

from services.common.auth import Role
from tests.integration.scoring.world import set_up, township, unique_year
from tests.support import token, unique

SUBMIT = """mutation($input: PublicEvaluationInput!) { submitPublicEvaluation(input: $input) { evaluationId } }"""
REPORT = (
    "mutation($inputs: [ObservationReport!]!) { reportObservations(inputs: $inputs) { revision } }"
)
RUN = "mutation($period: String!) { runScoring(period: $period) { units } }"
UNIT_SCORE = """query($unit: ID!, $period: String!) {
  unitScore(unitId: $unit, period: $period) { listScore satisfaction evaluations publicWeight score }
}"""


def evaluation(
    unit_id: str, period: str, satisfaction: float, respondent: str | None = None
) -> dict:
    return {
        "unitId": unit_id,
        "period": period,
        "respondentToken": respondent or unique("citizen"),
        "satisfaction": satisfaction,
    }


async def test_one_evaluation_per_respondent_and_the_mean_is_blended_with_its_weight(
    stack, subgraph
):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    citizen = subgraph("scoring", token(stack, Role.PUBLIC_EVALUATOR, subject=unique("kiosk")))
    admin = subgraph("scoring")
    respondent = unique("invitation")
    for value, who in ((90.0, respondent), (80.0, None), (97.0, None)):
        await citizen.execute(SUBMIT, {"input": evaluation(unit.unit_id, f"{year}-06", value, who)})
    errors = await citizen.errors(
        SUBMIT, {"input": evaluation(unit.unit_id, f"{year}-06", 10.0, respondent)}
    )
    assert errors[0]["extensions"]["code"] == "CONFLICT"
    errors = await citizen.errors(SUBMIT, {"input": evaluation(unit.unit_id, f"{year}-06", 101.0)})
    assert (
        errors[0]["extensions"]["problems"][0]["field"],
        errors[0]["extensions"]["problems"][0]["rule"],
    ) == ("satisfaction", "range")
    refused = await admin.errors(SUBMIT, {"input": evaluation(unit.unit_id, f"{year}-06", 50.0)})
    assert refused[0]["extensions"]["code"] == "FORBIDDEN"

    await admin.execute(
        REPORT,
        {
            "inputs": [
                {
                    "unitId": unit.unit_id,
                    "indicatorCode": "PR-COMPLETION-RATE",
                    "period": f"{year}-12",
                    "value": 90.0,
                    "unitOfMeasure": "%",
                }
            ]
        },
    )
    await admin.execute(RUN, {"period": str(year)})
    score = (await admin.execute(UNIT_SCORE, {"unit": unit.unit_id, "period": str(year)}))[
        "unitScore"
    ]
    assert (
        score["listScore"],
        score["satisfaction"],
        score["evaluations"],
        score["publicWeight"],
    ) == (36.0, 89.0, 3, 0.1)
    assert score["score"] == 41.3  # 0.9 x 36 + 0.1 x 89


@pytest.fixture
async def one_a_minute(change_assessment_settings):
    await change_assessment_settings({"evaluationsPerMinute": 1})


async def test_a_submitter_is_limited_per_minute(stack, subgraph, one_a_minute):
    year, unit = unique_year(), township()
    await set_up(stack, [unit], year)
    kiosk = subgraph("scoring", token(stack, Role.PUBLIC_EVALUATOR, subject=unique("kiosk")))
    await kiosk.execute(SUBMIT, {"input": evaluation(unit.unit_id, str(year), 88.0)})
    errors = await kiosk.errors(SUBMIT, {"input": evaluation(unit.unit_id, str(year), 87.0)})
    assert errors[0]["extensions"]["code"] == "RATE_LIMITED"
