"""Every rule code the platform emits in validation errors (`extensions.problems[].rule`) and in
import row reports: part of the API, so clients may branch on them.

Each code is a `str` (a StrEnum member compares equal to its text) with a one-line description.
A test scans the services' source for codes passed to error constructors and fails on any code
missing here. The indicator subgraph exports the enumeration as the GraphQL enum `RuleCode`.
"""

from __future__ import annotations

from enum import StrEnum


class RuleCode(StrEnum):
    description: str

    def __new__(cls, value: str, description: str) -> RuleCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # Lower-case names: a member's name is its GraphQL enum value, the same text clients read.
    after_start = "after_start", "A period ends on or after the day it starts."
    after_version_in_force = (
        "after_version_in_force",
        "A new list version takes effect after the version in force took effect.",
    )
    allocated_in_parent = (
        "allocated_in_parent",
        "A split divides a part the parent cascade allocated to that unit.",
    )
    at_least = "at_least", "The value is at least the stated minimum."
    at_most_100 = (
        "at_most_100",
        "The common indicators of a category take at most the 100 weight points of a list.",
    )
    attainment_indicator = (
        "attainment_indicator",
        "A cascaded target feeds a scored target-attainment indicator.",
    )
    auto_feed = "auto_feed", "Only an automatic-feed indicator takes observations from the feed."
    auto_feed_no_on_site_check = (
        "auto_feed_no_on_site_check",
        "Data an automatic feed delivers needs no on-site check.",
    )
    auto_feed_source = (
        "auto_feed_source",
        "An automatic-feed indicator names the system its data comes from.",
    )
    band_shape = "band_shape", "Each threshold band is {bound: number, score: 0-100}."
    bands = "bands", "A bands cell reads as bound:score pairs, best first."
    bands_order = "bands_order", "Threshold bands go best first, bounds and scores never repeated."
    bands_required = "bands_required", "A threshold-bands rule has at least one band."
    base64 = "base64", "File content is valid base64."
    boolean = "boolean", "The cell holds yes/no (是/否)."
    cap_range = "cap_range", "The attainment cap lies in the allowed range (1.2 = 120%)."
    cascaded_target = (
        "cascaded_target",
        "A list's target for a cascaded indicator is the unit's allocated part.",
    )
    checkpointed = "checkpointed", "A signed ledger checkpoint of that tree size exists."
    common_required = (
        "common_required",
        "Every common indicator of the unit's category is in its list.",
    )
    complete_data = (
        "complete_data",
        "A blocked result (missingMandatory = block) becomes final only once its red lines and vetoes are reported.",
    )
    compression_ratio = (
        "compression_ratio",
        "Each part of an .xlsx inflates to at most the allowed multiple of its compressed size.",
    )
    control_character = (
        "control_character",
        "No string argument or file cell holds a control character (tab, line feed and carriage return excepted).",
    )
    csv = "csv", "Every row of a .csv file is well-formed."
    date = "date", "The cell holds a date (2025-01-01 or 2025年1月1日)."
    descending = "descending", "Grade thresholds descend from excellent down."
    different_cohort = "different_cohort", "A transfer goes to a cohort other than the current one."
    differs_from_before = "differs_from_before", "A comparison is between two different periods."
    dimension_minimum = (
        "dimension_minimum",
        "The scheme's minimum weight share of each dimension is met.",
    )
    distinct = "distinct", "The values are distinct and not blank."
    draft = "draft", "Only a draft version can be edited or published."
    ed25519 = "ed25519", "A signature is 64 Ed25519 bytes in base64 or hex."
    eligibility = "eligibility", "The programme admits the cadre."
    encoding = "encoding", "A .csv file is UTF-8 or GB18030 text."
    equals_parent_part = (
        "equals_parent_part",
        "A split totals exactly the part of the parent cascade it divides.",
    )
    exists = "exists", "What the value refers to (unit, indicator, scheme, cascade...) exists."
    file_type = "file_type", "The file is a .csv or an .xlsx file."
    finite = "finite", "The value is a finite number."
    fixed = "fixed", "A category fixed by the reform is neither changed nor removed."
    format = "format", "The value has the required format."
    frequency = "frequency", "The period matches how often the indicator is reported."
    has_lists = "has_lists", "Some unit has a list in force for the period's year."
    header = "header", "The file's first row names the required columns."
    header_row = "header_row", "The file is not empty: its first row names the columns."
    in_list = "in_list", "The indicator named is in the list."
    integer = "integer", "The cell holds a whole number."
    keeps_splits = (
        "keeps_splits",
        "A changed cascade still gives each split of it the part that split divides.",
    )
    known = "known", "The setting named exists."
    known_cadre = "known_cadre", "The cadre is registered."
    known_column = "known_column", "Every column header is one the file's layout knows."
    known_period = "known_period", "The unit has a list for the period's year."
    known_unit = "known_unit", "The unit has a published list."
    locked = "locked", "The period is not locked against this change."
    matches = "matches", "The authorisation covers exactly this change."
    matches_enrolment = "matches_enrolment", "The enrolment belongs to the cadre named."
    matches_indicator = (
        "matches_indicator",
        "A cascade is measured in its indicator's unit of measure.",
    )
    matches_list = "matches_list", "The observation comes from the source system the list names."
    max_columns = "max_columns", "A row of the file has at most the allowed number of columns."
    max_configurable = (
        "max_configurable",
        "No more categories are configured than the reform allows.",
    )
    max_entities = (
        "max_entities",
        "One `_entities` call resolves at most the platform's limit of representations.",
    )
    max_items = "max_items", "At most the allowed number of items at once."
    max_length = "max_length", "The text is at most the allowed length."
    max_points_range = (
        "max_points_range",
        "A deduction's cap is empty or at least the points per incident.",
    )
    max_rows = "max_rows", "The file has at most the allowed number of rows."
    max_size = "max_size", "The file is at most the allowed size."
    missing_mandatory = (
        "missing_mandatory",
        "A waiver covers only red lines and vetoes that the unit's result lacks.",
    )
    max_uncompressed = (
        "max_uncompressed",
        "An .xlsx file inflates to at most the allowed number of bytes.",
    )
    min_length = "min_length", "The text is at least the required length."
    min_not_above_max = "min_not_above_max", "An indicator's minimum is not above its maximum."
    minimum = "minimum", "The value is at least the minimum allowed."
    monthly = "monthly", "The period is a month (monitoring runs month by month)."
    new_unit = "new_unit", "A unit imported is not registered yet."
    no_cycle = "no_cycle", "Units' parents form no cycle."
    no_double_assessment = (
        "no_double_assessment",
        "An indicator monitored daily is not assessed again at year end.",
    )
    no_paperwork = "no_paperwork", "An indicator measures outcomes, not paperwork (the blocklist)."
    no_weight_for_kind = (
        "no_weight_for_kind",
        "Red lines, deductions and vetoes carry no weight.",
    )
    non_negative = "non_negative", "The number is at least 0."
    not_auto_feed = (
        "not_auto_feed",
        "An indicator fed automatically is not reported by hand.",
    )
    not_below_k_min = "not_below_k_min", "The largest cluster count is not below the smallest."
    not_below_seats_taken = (
        "not_below_seats_taken",
        "A cohort's capacity is not below the seats already taken.",
    )
    not_blocked = (
        "not_blocked",
        "A waiver cannot replace the data of a blocked result.",
    )
    not_empty = "not_empty", "The file has data rows under its header."
    not_self = "not_self", "A unit is not its own parent."
    number = "number", "The value is a finite number."
    object = "object", "The content is a JSON object."
    one_of = "one_of", "The value is one of the allowed values."
    open_cohort = "open_cohort", "The cohort has not ended."
    page_size = (
        "page_size",
        "A page's size (`limit`, `first`) lies between 1 and the platform's maximum.",
    )
    page_start = "page_start", "Where a page starts (`offset`) is 0 or more."
    parts_add_up = "parts_add_up", "A cascade's allocations add up exactly to its total."
    pattern = "pattern", "The value matches the required pattern."
    period = "period", "A period reads like 2025, 2025-Q1 or 2025-03."
    period_format = "period_format", "The period is written in a format that can be read."
    points_positive = (
        "points_positive",
        "A deduction takes a positive number of points per incident.",
    )
    positive = "positive", "The number is above 0."
    positive_for_attainment = (
        "positive_for_attainment",
        "Target attainment is measured against a target above 0.",
    )
    positive_for_scored = "positive_for_scored", "A scored indicator carries a weight above 0."
    quorum = "quorum", "A change to a locked period carries enough distinct valid signatures."
    more_problems = (
        "more_problems",
        "An import lists its first problems; this one counts those not listed.",
    )
    range = "range", "The number lies within the allowed range."
    read_memory = "read_memory", "The file can be read within the memory budget of an import."
    read_time = "read_time", "The file can be read within the time budget of an import."
    remedial_is_full_time = (
        "remedial_is_full_time",
        "A remedial class takes the cadre off post: it is full-time.",
    )
    required = "required", "The value is given and not blank."
    required_column = "required_column", "The file has every column its layout requires."
    required_for_attainment = (
        "required_for_attainment",
        "A target-attainment indicator has a target.",
    )
    rows_required = "rows_required", "The file has data rows under its header."
    rule_for_kind = "rule_for_kind", "The scoring rule type suits the indicator's kind."
    rule_keys = "rule_keys", "The scoring rule has only the keys its type knows."
    rule_type = "rule_type", "The scoring rule type is one the platform knows."
    same_in_list = (
        "same_in_list",
        "Every row of one unit's list states the same scheme and start date.",
    )
    same_measure = (
        "same_measure",
        "A split keeps its parent's year, unit of measure and indicator.",
    )
    same_programme = "same_programme", "A transfer stays within the enrolment's programme."
    share = "share", "A share lies between 0 and 1."
    sub_units_only = "sub_units_only", "A unit's part is split over its own sub-units only."
    sum_100 = (
        "sum_100",
        "The weights of a list's scored indicators add up to exactly 100.",
    )
    sum_at_most_100 = (
        "sum_at_most_100",
        "A scheme's minimum dimension shares add up to at most 100.",
    )
    sum_to_one = "sum_to_one", "The fusion weights add up to 1."
    threshold_required = "threshold_required", "A pass/fail rule has a numeric threshold."
    unique = "unique", "The value is not used twice."
    unique_column = "unique_column", "No column appears twice in the file."
    unique_in_file = "unique_in_file", "An item appears once in the file."
    unique_in_list = "unique_in_list", "An indicator appears once in a list."
    unique_units = "unique_units", "A cascade gives each unit one part."
    units_exist = "units_exist", "Every unit a cascade allocates to is registered."
    utf8 = "utf8", "A .csv file is UTF-8 text."
    waived = (
        "waived",
        "A result with unreported red lines or vetoes becomes final only with an assessor's waiver of each.",
    )
    within_range = "within_range", "The value lies within the indicator's range."
    within_year = "within_year", "A list takes effect within its year."
    xlsx = "xlsx", "The file is a readable .xlsx workbook."
