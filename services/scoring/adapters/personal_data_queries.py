"""What scoring holds about a cadre, table by table, for the cadre's data export.

A table that stores rows about one cadre is listed here, so that the export stays complete; the
access log is added by services.common.personal_data. The 360 ballots and answers are left out on
purpose: a cadre sees a rater group's mean from the rater floor up, never a single ballot.
"""

from services.common.personal_data import PersonalDataTable

PERSONAL_DATA_TABLES = (
    PersonalDataTable("roster", "cadre_roster"),
    PersonalDataTable("scores", "cadre_scores"),
    PersonalDataTable("capabilityProfiles", "capability_profiles"),
    PersonalDataTable("announcedProfiles", "emitted_profiles"),
    PersonalDataTable("evaluations", "cadre_evaluations"),
    PersonalDataTable("dailyRecords", "daily_records"),
    PersonalDataTable("areasInCharge", "cadre_areas"),
    PersonalDataTable("portfolioIndicators", "portfolio_indicators"),
    PersonalDataTable("trainingResults", "training_results"),
    PersonalDataTable("termResults", "term_results"),
    PersonalDataTable("portraitEvidence", "portrait_evidence"),
    PersonalDataTable("openWeaknesses", "open_weaknesses"),
    PersonalDataTable("exemptions", "exemptions"),
    PersonalDataTable("appeals", "appeals"),
)
