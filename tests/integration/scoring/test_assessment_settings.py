"""Assessment settings an admin sets are checked as a whole before anything is stored."""

CONFIGURE = "mutation($c: AssessmentSettingsChanges!) { configureAssessment(changes: $c) { weaknessThreshold } }"
READ = "{ assessmentSettings { weaknessThreshold } }"


async def test_a_weakness_threshold_outside_0_to_100_is_refused_and_nothing_is_stored(
    stack, subgraph
):
    admin = subgraph("scoring")
    before = (await admin.execute(READ))["assessmentSettings"]["weaknessThreshold"]
    for threshold in (150.0, -1.0):
        errors = await admin.errors(CONFIGURE, {"c": {"weaknessThreshold": threshold}})
        [problem] = errors[0]["extensions"]["problems"]
        assert (problem["field"], problem["rule"]) == ("weaknessThreshold", "range")
        assert "between 0 and 100" in problem["message"]
    assert (await admin.execute(READ))["assessmentSettings"]["weaknessThreshold"] == before
