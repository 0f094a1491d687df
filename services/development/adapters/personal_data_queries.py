"""What development holds about a cadre, table by table, for the cadre's data export.

A table that stores rows about one cadre is listed here, so that the export stays complete; the
access log is added by services.common.personal_data.
"""

from services.common.personal_data import PersonalDataTable

PERSONAL_DATA_TABLES = (
    PersonalDataTable("roster", "cadre_roster"),
    PersonalDataTable("enrolments", "enrolments"),
    PersonalDataTable("enrolmentCauses", "enrolment_causes"),
    PersonalDataTable("capabilityProfiles", "capability_profiles"),
)
