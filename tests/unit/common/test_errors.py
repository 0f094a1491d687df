from services.common.errors import FieldProblem, ValidationFailed, invalid


def test_validation_error_names_field_rule_and_value_for_clients():
    error = ValidationFailed(
        [
            FieldProblem("weight", "sum_to_100", "weights must add up to 100", 95, row=3),
            FieldProblem("name", "required", "a name is required", ""),
        ]
    )
    assert str(error) == "weight: weights must add up to 100 (and 1 more)"
    assert error.extensions["code"] == "VALIDATION_FAILED"
    assert error.extensions["problems"][0] == {
        "field": "weight",
        "rule": "sum_to_100",
        "message": "weights must add up to 100",
        "value": 95,
        "row": 3,
    }


def test_invalid_builds_a_single_problem():
    error = invalid("period", "format", "use YYYY, YYYY-Qn or YYYY-MM", "2025/3")
    assert error.problems == [
        FieldProblem("period", "format", "use YYYY, YYYY-Qn or YYYY-MM", "2025/3")
    ]
