"""What scoring holds about a cadre, table by table, for the cadre's data export.

A table that stores rows about one cadre is listed here (a new one too: portraits' evidence),
so that the export stays complete; the access log is added by services.common.personal_data.
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
    PersonalDataTable("exemptions", "exemptions"),
    PersonalDataTable("appeals", "appeals"),
)
