/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AppealInput = {
  cadreId?: string | number | null | undefined;
  indicatorCode?: string | null | undefined;
  period: string;
  reasons: string;
  unitId?: string | number | null | undefined;
};

/** A .csv (UTF-8 or GB18030) or .xlsx file, its bytes in base64 (up to 16 MiB and 50,000 rows under the header); the first row names the columns, in Chinese or English; the file name's ending says the format. */
export type CatalogueFileInput = {
  contentBase64: string;
  filename: string;
};

export type IndicatorListItemInput = {
  indicatorCode: string;
  target?: number | null | undefined;
  weight?: number;
};

export type ObservationReport = {
  indicatorCode: string;
  /** "2025" (annual), "2025-Q1" (quarterly) or "2025-03" (monthly). */
  period: string;
  /** Who measured it; a new report from the same source for the same period is a new revision. */
  source?: string;
  unitId: string | number;
  unitOfMeasure: string;
  value: number;
};

export type PublicEvaluationInput = {
  period: string;
  /** The respondent's invitation code: one evaluation per code, unit and period (only its hash is kept). */
  respondentToken: string;
  /** 0 (very dissatisfied) to 100 (very satisfied). */
  satisfaction: number;
  unitId: string | number;
};

/** A rule a value broke: in import reports here, and as `extensions.problems[].rule` of VALIDATION_FAILED errors from every subgraph. */
export type RuleCode =
  /** A period ends on or after the day it starts. */
  | 'after_start'
  /** A new list version takes effect after the version in force took effect. */
  | 'after_version_in_force'
  /** A split divides a part the parent cascade allocated to that unit. */
  | 'allocated_in_parent'
  /** The value is at least the stated minimum. */
  | 'at_least'
  /** The common indicators of a category take at most the 100 weight points of a list. */
  | 'at_most_100'
  /** A cascaded target feeds a scored target-attainment indicator. */
  | 'attainment_indicator'
  /** Only an automatic-feed indicator takes observations from the feed. */
  | 'auto_feed'
  /** Data an automatic feed delivers needs no on-site check. */
  | 'auto_feed_no_on_site_check'
  /** An automatic-feed indicator names the system its data comes from. */
  | 'auto_feed_source'
  /** Each threshold band is {bound: number, score: 0-100}. */
  | 'band_shape'
  /** A bands cell reads as bound:score pairs, best first. */
  | 'bands'
  /** Threshold bands go best first, bounds and scores never repeated. */
  | 'bands_order'
  /** A threshold-bands rule has at least one band. */
  | 'bands_required'
  /** File content is valid base64. */
  | 'base64'
  /** The cell holds yes/no (是/否). */
  | 'boolean'
  /** The attainment cap lies in the allowed range (1.2 = 120%). */
  | 'cap_range'
  /** A list's target for a cascaded indicator is the unit's allocated part. */
  | 'cascaded_target'
  /** A signed ledger checkpoint of that tree size exists. */
  | 'checkpointed'
  /** Every common indicator of the unit's category is in its list. */
  | 'common_required'
  /** A blocked result (missingMandatory = block) becomes final only once its red lines and vetoes are reported. */
  | 'complete_data'
  /** Each part of an .xlsx inflates to at most the allowed multiple of its compressed size. */
  | 'compression_ratio'
  /** No string argument or file cell holds a control character (tab, line feed and carriage return excepted). */
  | 'control_character'
  /** Every row of a .csv file is well-formed. */
  | 'csv'
  /** The cell holds a date (2025-01-01 or 2025年1月1日). */
  | 'date'
  /** Grade thresholds descend from excellent down. */
  | 'descending'
  /** A transfer goes to a cohort other than the current one. */
  | 'different_cohort'
  /** A comparison is between two different periods. */
  | 'differs_from_before'
  /** The scheme's minimum weight share of each dimension is met. */
  | 'dimension_minimum'
  /** The values are distinct and not blank. */
  | 'distinct'
  /** Only a draft version can be edited or published. */
  | 'draft'
  /** A signature is 64 Ed25519 bytes in base64 or hex. */
  | 'ed25519'
  /** The programme admits the cadre. */
  | 'eligibility'
  /** A .csv file is UTF-8 or GB18030 text. */
  | 'encoding'
  /** A split totals exactly the part of the parent cascade it divides. */
  | 'equals_parent_part'
  /** What the value refers to (unit, indicator, scheme, cascade...) exists. */
  | 'exists'
  /** The file is a .csv or an .xlsx file. */
  | 'file_type'
  /** The value is a finite number. */
  | 'finite'
  /** A category fixed by the reform is neither changed nor removed. */
  | 'fixed'
  /** The value has the required format. */
  | 'format'
  /** The period matches how often the indicator is reported. */
  | 'frequency'
  /** Some unit has a list in force for the period's year. */
  | 'has_lists'
  /** The file's first row names the required columns. */
  | 'header'
  /** The file is not empty: its first row names the columns. */
  | 'header_row'
  /** The indicator named is in the list. */
  | 'in_list'
  /** The cell holds a whole number. */
  | 'integer'
  /** A changed cascade still gives each split of it the part that split divides. */
  | 'keeps_splits'
  /** The setting named exists. */
  | 'known'
  /** The cadre is registered. */
  | 'known_cadre'
  /** Every column header is one the file's layout knows. */
  | 'known_column'
  /** The unit has a list for the period's year. */
  | 'known_period'
  /** The unit has a published list. */
  | 'known_unit'
  /** The period is not locked against this change. */
  | 'locked'
  /** The authorisation covers exactly this change. */
  | 'matches'
  /** The enrolment belongs to the cadre named. */
  | 'matches_enrolment'
  /** A cascade is measured in its indicator's unit of measure. */
  | 'matches_indicator'
  /** The observation comes from the source system the list names. */
  | 'matches_list'
  /** A row of the file has at most the allowed number of columns. */
  | 'max_columns'
  /** No more categories are configured than the reform allows. */
  | 'max_configurable'
  /** One `_entities` call resolves at most the platform's limit of representations. */
  | 'max_entities'
  /** At most the allowed number of items at once. */
  | 'max_items'
  /** The text is at most the allowed length. */
  | 'max_length'
  /** A deduction's cap is empty or at least the points per incident. */
  | 'max_points_range'
  /** The file has at most the allowed number of rows. */
  | 'max_rows'
  /** The file is at most the allowed size. */
  | 'max_size'
  /** An .xlsx file inflates to at most the allowed number of bytes. */
  | 'max_uncompressed'
  /** The text is at least the required length. */
  | 'min_length'
  /** An indicator's minimum is not above its maximum. */
  | 'min_not_above_max'
  /** The value is at least the minimum allowed. */
  | 'minimum'
  /** A waiver covers only red lines and vetoes that the unit's result lacks. */
  | 'missing_mandatory'
  /** The period is a month (monitoring runs month by month). */
  | 'monthly'
  /** An import lists its first problems; this one counts those not listed. */
  | 'more_problems'
  /** A unit imported is not registered yet. */
  | 'new_unit'
  /** Units' parents form no cycle. */
  | 'no_cycle'
  /** An indicator monitored daily is not assessed again at year end. */
  | 'no_double_assessment'
  /** An indicator measures outcomes, not paperwork (the blocklist). */
  | 'no_paperwork'
  /** Red lines, deductions and vetoes carry no weight. */
  | 'no_weight_for_kind'
  /** The number is at least 0. */
  | 'non_negative'
  /** An indicator fed automatically is not reported by hand. */
  | 'not_auto_feed'
  /** The largest cluster count is not below the smallest. */
  | 'not_below_k_min'
  /** A cohort's capacity is not below the seats already taken. */
  | 'not_below_seats_taken'
  /** A waiver cannot replace the data of a blocked result. */
  | 'not_blocked'
  /** The file has data rows under its header. */
  | 'not_empty'
  /** A unit is not its own parent. */
  | 'not_self'
  /** The value is a finite number. */
  | 'number'
  /** The content is a JSON object. */
  | 'object'
  /** The value is one of the allowed values. */
  | 'one_of'
  /** The cohort has not ended. */
  | 'open_cohort'
  /** A page's size (`limit`, `first`) lies between 1 and the platform's maximum. */
  | 'page_size'
  /** Where a page starts (`offset`) is 0 or more. */
  | 'page_start'
  /** A cascade's allocations add up exactly to its total. */
  | 'parts_add_up'
  /** The value matches the required pattern. */
  | 'pattern'
  /** A period reads like 2025, 2025-Q1 or 2025-03. */
  | 'period'
  /** The period is written in a format that can be read. */
  | 'period_format'
  /** A deduction takes a positive number of points per incident. */
  | 'points_positive'
  /** The number is above 0. */
  | 'positive'
  /** Target attainment is measured against a target above 0. */
  | 'positive_for_attainment'
  /** A scored indicator carries a weight above 0. */
  | 'positive_for_scored'
  /** A change to a locked period carries enough distinct valid signatures. */
  | 'quorum'
  /** The number lies within the allowed range. */
  | 'range'
  /** The file can be read within the memory budget of an import. */
  | 'read_memory'
  /** The file can be read within the time budget of an import. */
  | 'read_time'
  /** A remedial class takes the cadre off post: it is full-time. */
  | 'remedial_is_full_time'
  /** The value is given and not blank. */
  | 'required'
  /** The file has every column its layout requires. */
  | 'required_column'
  /** A target-attainment indicator has a target. */
  | 'required_for_attainment'
  /** The file has data rows under its header. */
  | 'rows_required'
  /** The scoring rule type suits the indicator's kind. */
  | 'rule_for_kind'
  /** The scoring rule has only the keys its type knows. */
  | 'rule_keys'
  /** The scoring rule type is one the platform knows. */
  | 'rule_type'
  /** Every row of one unit's list states the same scheme and start date. */
  | 'same_in_list'
  /** A split keeps its parent's year, unit of measure and indicator. */
  | 'same_measure'
  /** A transfer stays within the enrolment's programme. */
  | 'same_programme'
  /** A share lies between 0 and 1. */
  | 'share'
  /** A unit's part is split over its own sub-units only. */
  | 'sub_units_only'
  /** The weights of a list's scored indicators add up to exactly 100. */
  | 'sum_100'
  /** A scheme's minimum dimension shares add up to at most 100. */
  | 'sum_at_most_100'
  /** The fusion weights add up to 1. */
  | 'sum_to_one'
  /** A pass/fail rule has a numeric threshold. */
  | 'threshold_required'
  /** The value is not used twice. */
  | 'unique'
  /** No column appears twice in the file. */
  | 'unique_column'
  /** An item appears once in the file. */
  | 'unique_in_file'
  /** An indicator appears once in a list. */
  | 'unique_in_list'
  /** A cascade gives each unit one part. */
  | 'unique_units'
  /** Every unit a cascade allocates to is registered. */
  | 'units_exist'
  /** A .csv file is UTF-8 text. */
  | 'utf8'
  /** A result with unreported red lines or vetoes becomes final only with an assessor's waiver of each. */
  | 'waived'
  /** The value lies within the indicator's range. */
  | 'within_range'
  /** A list takes effect within its year. */
  | 'within_year'
  /** The file is a readable .xlsx workbook. */
  | 'xlsx';

export type CityOverviewQueryVariables = Exact<{
  period: string;
  limit: number;
}>;


export type CityOverviewQuery = { scoringRosterSize: number, unitScores: Array<{ unitId: string, unitCategory: string, score: number, grade: string, rank: number, peerGroupSize: number, excellentPlaces: number, veto: boolean, vetoExcellence: boolean, redLinesFailed: number }>, periodLists: Array<{ listName: string, unitId: string, reasons: Array<string> }>, anomalies: Array<{ anomalyId: string, unitId: string, kind: string, rule: string, detail: string, detectedAt: string }>, units: Array<{ id: string, name: string, category: string }> };

export type UnitPageQueryVariables = Exact<{
  unitId: string | number;
  period: string;
  year: number;
}>;


export type UnitPageQuery = { unit: { id: string, name: string, category: string, observations: Array<{ indicatorCode: string, period: string, value: number, unitOfMeasure: string, revision: number }> } | null, unitScore: { unitId: string, score: number, grade: string, rank: number, peerGroupSize: number, listVersion: number, weightedSum: number, deductions: number, satisfaction: number | null, breakdown: Array<{ indicatorCode: string, kind: string, rule: string, aggregate: string, weight: number, target: number | null, value: number | null, fraction: number, points: number, deducted: number, effect: string, observationId: string | null, observationRevision: number | null, observationsUsed: number, listVersion: number, exemptionId: string | null }> } | null, indicatorList: { version: number, items: Array<{ indicatorCode: string, name: string }> } | null };

export type ListVersionsQueryVariables = Exact<{
  unitId: string | number;
  year: number;
}>;


export type ListVersionsQuery = { indicatorListVersions: Array<{ id: string, version: number, status: string, totalWeight: number, items: Array<{ indicatorCode: string, name: string, kind: string, weight: number, target: number | null, unitOfMeasure: string, origin: string }> }> };

export type EditDraftMutationVariables = Exact<{
  unitId: string | number;
  year: number;
  set?: Array<IndicatorListItemInput> | IndicatorListItemInput | null | undefined;
}>;


export type EditDraftMutation = { editIndicatorListDraft: { version: number, status: string, totalWeight: number } };

export type DraftListMutationVariables = Exact<{
  unitId: string | number;
  year: number;
}>;


export type DraftListMutation = { draftIndicatorList: { version: number, status: string } };

export type PublishListMutationVariables = Exact<{
  unitId: string | number;
  year: number;
}>;


export type PublishListMutation = { publishIndicatorList: { version: number, status: string, publishedAt: string | null } };

export type ImportListsMutationVariables = Exact<{
  file: CatalogueFileInput;
}>;


export type ImportListsMutation = { importIndicatorLists: { rows: number, applied: boolean, errorCount: number, errors: Array<{ row: number | null, column: string | null, rule: RuleCode, reason: string, value: unknown }> } };

export type ScoringRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScoringRunsQuery = { scoringRuns: Array<{ runId: string, period: string, requestedBy: string, startedAt: string, seconds: number | null, units: number | null, cadres: number | null }> };

export type RunScoringMutationVariables = Exact<{
  period: string;
}>;


export type RunScoringMutation = { runScoring: { runId: string, period: string, units: number, cadres: number, seconds: number } };

export type RankingsQueryVariables = Exact<{
  period: string;
}>;


export type RankingsQuery = { rankings: Array<{ cadreId: string, peerGroup: string, total: number, grade: string, rank: number, peerGroupSize: number }> };

export type ReporterFormQueryVariables = Exact<{
  unitId: string | number;
  year: number;
}>;


export type ReporterFormQuery = { indicatorList: { version: number, items: Array<{ indicatorCode: string, name: string, unitOfMeasure: string, dataSource: string, frequency: string, minValue: number | null, maxValue: number | null, target: number | null }> } | null };

export type ReportObservationsMutationVariables = Exact<{
  inputs: Array<ObservationReport> | ObservationReport;
}>;


export type ReportObservationsMutation = { reportObservations: Array<{ indicatorCode: string, revision: number, value: number }> };

export type ImportObservationsMutationVariables = Exact<{
  fileName: string;
  contentBase64: string;
}>;


export type ImportObservationsMutation = { importObservations: { accepted: number } };

export type CadrePageQueryVariables = Exact<{
  cadreId: string | number;
  period: string;
}>;


export type CadrePageQuery = { cadreScore: { cadreId: string, total: number, grade: string, rank: number, peerGroupSize: number, peerGroup: string, components: Array<{ name: string, score: number | null, weight: number, weighted: number, source: string }>, capabilities: Array<{ capability: string, score: number, peerPercentile: number, peers: number, peerMedian: number | null }>, unitScore: { unitId: string, score: number, breakdown: Array<{ indicatorCode: string, rule: string, weight: number, value: number | null, points: number, deducted: number, effect: string, observationRevision: number | null, listVersion: number }> } | null } | null, cadre: { id: string, name: string, unitId: string, enrolments: Array<{ id: string, programmeId: string, status: string, capability: string | null, waitlistPosition: number | null }> } | null };

export type SubmitAppealMutationVariables = Exact<{
  input: AppealInput;
}>;


export type SubmitAppealMutation = { submitAppeal: { id: string, status: string } };

export type ProgrammesQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgrammesQuery = { programmes: Array<{ id: string, name: string, kind: string, fullTime: boolean, cohorts: Array<{ id: string, name: string, startsOn: string, endsOn: string, capacity: number, seatsTaken: number, freeSeats: number, enrolments: Array<{ id: string, cadreId: string, status: string, offPost: boolean, passed: boolean | null, resultScore: number | null, evaluationPassed: boolean | null }>, waitlist: Array<{ id: string, cadreId: string, waitlistPosition: number | null }> }> }> };

export type RecordEvaluationMutationVariables = Exact<{
  enrolmentId: string | number;
  passed: boolean;
  score?: number | null | undefined;
}>;


export type RecordEvaluationMutation = { recordEvaluation: { id: string, status: string, evaluationPassed: boolean | null, offPost: boolean } };

export type SubmitPublicEvaluationMutationVariables = Exact<{
  input: PublicEvaluationInput;
}>;


export type SubmitPublicEvaluationMutation = { submitPublicEvaluation: { evaluationId: string } };

export type ExemptionsQueryVariables = Exact<{
  status?: string | null | undefined;
}>;


export type ExemptionsQuery = { exemptionCategories: Array<{ code: string, name: string }>, exemptions: Array<{ id: string, period: string, categoryCode: string, indicatorCode: string, reasons: string, status: string, subject: { kind: string, unitId: string | null, cadreId: string | null }, evidence: Array<{ name: string, sha256: string }>, applied: { by: string, at: string }, decision: { by: string, at: string, reason: string | null } | null }> };

export type DecideExemptionMutationVariables = Exact<{
  id: string | number;
  approve: boolean;
  reason: string;
}>;


export type DecideExemptionMutation = { decideExemption: { id: string, status: string } };

export type AppealsQueryVariables = Exact<{
  status?: string | null | undefined;
}>;


export type AppealsQuery = { appeals: Array<{ id: string, period: string, indicatorCode: string | null, reasons: string, status: string, subject: { kind: string, unitId: string | null, cadreId: string | null }, submitted: { by: string, at: string }, review: { by: string, at: string } | null, decision: { by: string, at: string, reason: string | null } | null }> };

export type StartAppealReviewMutationVariables = Exact<{
  id: string | number;
}>;


export type StartAppealReviewMutation = { startAppealReview: { id: string, status: string } };

export type DecideAppealMutationVariables = Exact<{
  id: string | number;
  upheld: boolean;
  reason: string;
}>;


export type DecideAppealMutation = { decideAppeal: { id: string, status: string } };

export type LatestCheckpointQueryVariables = Exact<{ [key: string]: never; }>;


export type LatestCheckpointQuery = { ledgerCheckpoint: { treeSize: number, rootHash: string, signedAt: string, keyId: string, signature: string, signedMessage: string, origin: string } };

export type InclusionProofQueryVariables = Exact<{
  leafIndex: number;
  treeSize?: number | null | undefined;
}>;


export type InclusionProofQuery = { ledgerInclusionProof: { leafIndex: number, treeSize: number, auditPath: Array<string>, leaf: { leaf: string, leafHash: string, kind: string, recordId: string, recordedAt: string }, checkpoint: { treeSize: number, rootHash: string } } };

export type ListDiffQueryVariables = Exact<{
  unitId: string | number;
  year: number;
  fromVersion: number;
  toVersion: number;
}>;


export type ListDiffQuery = { indicatorListDiff: { fromVersion: number, toVersion: number, added: Array<{ indicatorCode: string, name: string, weight: number, target: number | null }>, removed: Array<{ indicatorCode: string, name: string, weight: number, target: number | null }>, changed: Array<{ indicatorCode: string, changes: Array<{ field: string, before: unknown, after: unknown }> }>, headerChanges: Array<{ field: string, before: unknown, after: unknown }> } };

export type ProgrammeNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgrammeNamesQuery = { programmes: Array<{ id: string, name: string, capabilities: Array<string> }> };

export type TrainingEffectQueryVariables = Exact<{
  programmeId: string | number;
  beforePeriod: string;
  afterPeriod: string;
}>;


export type TrainingEffectQuery = { trainingEffect: { beforePeriod: string, afterPeriod: string, programme: { id: string, name: string }, capabilities: Array<{ capability: string, differenceInDifferences: number | null, enrolledCount: number, comparisonCount: number, unmatchedEnrolledCount: number, peerGroups: Array<{ unitCategory: string, positionLevel: string, enrolledCount: number, comparisonCount: number, enrolledBefore: number | null, enrolledAfter: number | null, comparisonBefore: number | null, comparisonAfter: number | null, differenceInDifferences: number | null }> }> } };

export type ClusteringRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ClusteringRunsQuery = { clusteringRuns: Array<{ id: string, period: string | null, status: string, message: string, requestedBy: string, cadreCount: number, k: number | null, silhouette: number | null, startedAt: string, clusters: Array<{ index: number, size: number, share: number, definingCapabilities: Array<string>, recommendation: string, levelShares: Array<{ positionLevel: string, share: number }>, meanGaps: Array<{ capability: string, meanGap: number }> }> }> };

export type RetrainClusteringMutationVariables = Exact<{
  period?: string | null | undefined;
}>;


export type RetrainClusteringMutation = { retrainClustering: { id: string, status: string, message: string } };

export type AttainmentBreakdownQueryVariables = Exact<{
  period: string;
  unitCategory?: string | null | undefined;
  limit: number;
}>;


export type AttainmentBreakdownQuery = { unitScores: Array<{ unitId: string, unitCategory: string, breakdown: Array<{ indicatorCode: string, kind: string, fraction: number, value: number | null }> }> };

export type UnitCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type UnitCategoriesQuery = { unitCategories: Array<{ code: string, name: string, nameEn: string }> };

export type RecordCompletionMutationVariables = Exact<{
  enrolmentId: string | number;
  attendanceRate: number;
  resultScore: number;
  passed: boolean;
  completedOn: string;
}>;


export type RecordCompletionMutation = { recordCompletion: { id: string, cadreId: string, status: string, passed: boolean | null, resultScore: number | null, attendanceRate: number | null, offPost: boolean } };

export type OverviewFollowUpsQueryVariables = Exact<{
  period: string;
}>;


export type OverviewFollowUpsQuery = { interviewsDue: Array<{ period: string, unitId: string, indicatorCode: string, eventId: string, actual: number | null, planned: number | null, shortfall: number | null }>, dataCompleteness: Array<{ unitId: string, unitCategory: string, items: number, reported: number, share: number, missing: Array<string> }> };

export type ClusterPictureQueryVariables = Exact<{
  id: string | number;
}>;


export type ClusterPictureQuery = { clusteringRun: { id: string, projection: { explainedVariance: Array<number>, points: Array<{ cadreId: string, x: number, y: number, cluster: number }> } | null } | null };


export const CityOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CityOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitScores"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"unitCategory"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroupSize"}},{"kind":"Field","name":{"kind":"Name","value":"excellentPlaces"}},{"kind":"Field","name":{"kind":"Name","value":"veto"}},{"kind":"Field","name":{"kind":"Name","value":"vetoExcellence"}},{"kind":"Field","name":{"kind":"Name","value":"redLinesFailed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"periodLists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"listName"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"Field","name":{"kind":"Name","value":"anomalies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"anomalyId"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"units"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scoringRosterSize"}}]}}]} as unknown as DocumentNode<CityOverviewQuery, CityOverviewQueryVariables>;
export const UnitPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnitPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"observations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"unitOfMeasure"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unitScore"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroupSize"}},{"kind":"Field","name":{"kind":"Name","value":"listVersion"}},{"kind":"Field","name":{"kind":"Name","value":"weightedSum"}},{"kind":"Field","name":{"kind":"Name","value":"deductions"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"aggregate"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"deducted"}},{"kind":"Field","name":{"kind":"Name","value":"effect"}},{"kind":"Field","name":{"kind":"Name","value":"observationId"}},{"kind":"Field","name":{"kind":"Name","value":"observationRevision"}},{"kind":"Field","name":{"kind":"Name","value":"observationsUsed"}},{"kind":"Field","name":{"kind":"Name","value":"listVersion"}},{"kind":"Field","name":{"kind":"Name","value":"exemptionId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"indicatorList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UnitPageQuery, UnitPageQueryVariables>;
export const ListVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorListVersions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeight"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"unitOfMeasure"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}}]}}]}}]} as unknown as DocumentNode<ListVersionsQuery, ListVersionsQueryVariables>;
export const EditDraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EditDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"set"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IndicatorListItemInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"editIndicatorListDraft"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"set"},"value":{"kind":"Variable","name":{"kind":"Name","value":"set"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"totalWeight"}}]}}]}}]} as unknown as DocumentNode<EditDraftMutation, EditDraftMutationVariables>;
export const DraftListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DraftList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"draftIndicatorList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DraftListMutation, DraftListMutationVariables>;
export const PublishListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishIndicatorList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}}]} as unknown as DocumentNode<PublishListMutation, PublishListMutationVariables>;
export const ImportListsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportLists"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CatalogueFileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importIndicatorLists"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"errorCount"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ImportListsMutation, ImportListsMutationVariables>;
export const ScoringRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScoringRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoringRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"cadres"}}]}}]}}]} as unknown as DocumentNode<ScoringRunsQuery, ScoringRunsQueryVariables>;
export const RunScoringDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunScoring"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScoring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"cadres"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}}]}}]} as unknown as DocumentNode<RunScoringMutation, RunScoringMutationVariables>;
export const RankingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Rankings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rankings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroupSize"}}]}}]}}]} as unknown as DocumentNode<RankingsQuery, RankingsQueryVariables>;
export const ReporterFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReporterForm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unitOfMeasure"}},{"kind":"Field","name":{"kind":"Name","value":"dataSource"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"minValue"}},{"kind":"Field","name":{"kind":"Name","value":"maxValue"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}}]}}]}}]} as unknown as DocumentNode<ReporterFormQuery, ReporterFormQueryVariables>;
export const ReportObservationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportObservations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObservationReport"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportObservations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<ReportObservationsMutation, ReportObservationsMutationVariables>;
export const ImportObservationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportObservations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fileName"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"contentBase64"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importObservations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"fileName"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fileName"}}},{"kind":"Argument","name":{"kind":"Name","value":"contentBase64"},"value":{"kind":"Variable","name":{"kind":"Name","value":"contentBase64"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}}]}}]}}]} as unknown as DocumentNode<ImportObservationsMutation, ImportObservationsMutationVariables>;
export const CadrePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CadrePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cadreId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cadreScore"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cadreId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cadreId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroupSize"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroup"}},{"kind":"Field","name":{"kind":"Name","value":"components"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"weighted"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"peerPercentile"}},{"kind":"Field","name":{"kind":"Name","value":"peers"}},{"kind":"Field","name":{"kind":"Name","value":"peerMedian"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unitScore"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"deducted"}},{"kind":"Field","name":{"kind":"Name","value":"effect"}},{"kind":"Field","name":{"kind":"Name","value":"observationRevision"}},{"kind":"Field","name":{"kind":"Name","value":"listVersion"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cadre"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cadreId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"enrolments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"programmeId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistPosition"}}]}}]}}]}}]} as unknown as DocumentNode<CadrePageQuery, CadrePageQueryVariables>;
export const SubmitAppealDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitAppeal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppealInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitAppeal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<SubmitAppealMutation, SubmitAppealMutationVariables>;
export const ProgrammesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Programmes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programmes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fullTime"}},{"kind":"Field","name":{"kind":"Name","value":"cohorts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"seatsTaken"}},{"kind":"Field","name":{"kind":"Name","value":"freeSeats"}},{"kind":"Field","name":{"kind":"Name","value":"enrolments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"offPost"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"resultScore"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationPassed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistPosition"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgrammesQuery, ProgrammesQueryVariables>;
export const RecordEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enrolmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"passed"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"score"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enrolmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enrolmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"passed"},"value":{"kind":"Variable","name":{"kind":"Name","value":"passed"}}},{"kind":"Argument","name":{"kind":"Name","value":"score"},"value":{"kind":"Variable","name":{"kind":"Name","value":"score"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationPassed"}},{"kind":"Field","name":{"kind":"Name","value":"offPost"}}]}}]}}]} as unknown as DocumentNode<RecordEvaluationMutation, RecordEvaluationMutationVariables>;
export const SubmitPublicEvaluationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitPublicEvaluation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublicEvaluationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitPublicEvaluation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}}]}}]}}]} as unknown as DocumentNode<SubmitPublicEvaluationMutation, SubmitPublicEvaluationMutationVariables>;
export const ExemptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Exemptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exemptionCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exemptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"cadreId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}},{"kind":"Field","name":{"kind":"Name","value":"applied"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ExemptionsQuery, ExemptionsQueryVariables>;
export const DecideExemptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecideExemption"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"approve"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideExemption"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"approve"},"value":{"kind":"Variable","name":{"kind":"Name","value":"approve"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DecideExemptionMutation, DecideExemptionMutationVariables>;
export const AppealsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Appeals"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appeals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"cadreId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"by"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<AppealsQuery, AppealsQueryVariables>;
export const StartAppealReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartAppealReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startAppealReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<StartAppealReviewMutation, StartAppealReviewMutationVariables>;
export const DecideAppealDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DecideAppeal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"upheld"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decideAppeal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"upheld"},"value":{"kind":"Variable","name":{"kind":"Name","value":"upheld"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DecideAppealMutation, DecideAppealMutationVariables>;
export const LatestCheckpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestCheckpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerCheckpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"treeSize"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}},{"kind":"Field","name":{"kind":"Name","value":"signedAt"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"signature"}},{"kind":"Field","name":{"kind":"Name","value":"signedMessage"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}}]}}]}}]} as unknown as DocumentNode<LatestCheckpointQuery, LatestCheckpointQueryVariables>;
export const InclusionProofDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InclusionProof"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leafIndex"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"treeSize"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ledgerInclusionProof"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"leafIndex"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leafIndex"}}},{"kind":"Argument","name":{"kind":"Name","value":"treeSize"},"value":{"kind":"Variable","name":{"kind":"Name","value":"treeSize"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leafIndex"}},{"kind":"Field","name":{"kind":"Name","value":"treeSize"}},{"kind":"Field","name":{"kind":"Name","value":"auditPath"}},{"kind":"Field","name":{"kind":"Name","value":"leaf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaf"}},{"kind":"Field","name":{"kind":"Name","value":"leafHash"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"checkpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"treeSize"}},{"kind":"Field","name":{"kind":"Name","value":"rootHash"}}]}}]}}]}}]} as unknown as DocumentNode<InclusionProofQuery, InclusionProofQueryVariables>;
export const ListDiffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListDiff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fromVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"toVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorListDiff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"unitId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitId"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}},{"kind":"Argument","name":{"kind":"Name","value":"fromVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fromVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"toVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"toVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromVersion"}},{"kind":"Field","name":{"kind":"Name","value":"toVersion"}},{"kind":"Field","name":{"kind":"Name","value":"added"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"removed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"target"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"headerChanges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]} as unknown as DocumentNode<ListDiffQuery, ListDiffQueryVariables>;
export const ProgrammeNamesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgrammeNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programmes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}}]}}]}}]} as unknown as DocumentNode<ProgrammeNamesQuery, ProgrammeNamesQueryVariables>;
export const TrainingEffectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingEffect"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"programmeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"beforePeriod"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterPeriod"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingEffect"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"programmeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"programmeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"beforePeriod"},"value":{"kind":"Variable","name":{"kind":"Name","value":"beforePeriod"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterPeriod"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterPeriod"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beforePeriod"}},{"kind":"Field","name":{"kind":"Name","value":"afterPeriod"}},{"kind":"Field","name":{"kind":"Name","value":"programme"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"differenceInDifferences"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledCount"}},{"kind":"Field","name":{"kind":"Name","value":"comparisonCount"}},{"kind":"Field","name":{"kind":"Name","value":"unmatchedEnrolledCount"}},{"kind":"Field","name":{"kind":"Name","value":"peerGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitCategory"}},{"kind":"Field","name":{"kind":"Name","value":"positionLevel"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledCount"}},{"kind":"Field","name":{"kind":"Name","value":"comparisonCount"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledBefore"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledAfter"}},{"kind":"Field","name":{"kind":"Name","value":"comparisonBefore"}},{"kind":"Field","name":{"kind":"Name","value":"comparisonAfter"}},{"kind":"Field","name":{"kind":"Name","value":"differenceInDifferences"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrainingEffectQuery, TrainingEffectQueryVariables>;
export const ClusteringRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClusteringRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusteringRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"cadreCount"}},{"kind":"Field","name":{"kind":"Name","value":"k"}},{"kind":"Field","name":{"kind":"Name","value":"silhouette"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"definingCapabilities"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"}},{"kind":"Field","name":{"kind":"Name","value":"levelShares"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"positionLevel"}},{"kind":"Field","name":{"kind":"Name","value":"share"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meanGaps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"}},{"kind":"Field","name":{"kind":"Name","value":"meanGap"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClusteringRunsQuery, ClusteringRunsQueryVariables>;
export const RetrainClusteringDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetrainClustering"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrainClustering"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RetrainClusteringMutation, RetrainClusteringMutationVariables>;
export const AttainmentBreakdownDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AttainmentBreakdown"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unitCategory"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitScores"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"unitCategory"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unitCategory"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"unitCategory"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<AttainmentBreakdownQuery, AttainmentBreakdownQueryVariables>;
export const UnitCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnitCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]} as unknown as DocumentNode<UnitCategoriesQuery, UnitCategoriesQueryVariables>;
export const RecordCompletionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCompletion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enrolmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"attendanceRate"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"resultScore"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"passed"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"completedOn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCompletion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enrolmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enrolmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"attendanceRate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"attendanceRate"}}},{"kind":"Argument","name":{"kind":"Name","value":"resultScore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"resultScore"}}},{"kind":"Argument","name":{"kind":"Name","value":"passed"},"value":{"kind":"Variable","name":{"kind":"Name","value":"passed"}}},{"kind":"Argument","name":{"kind":"Name","value":"completedOn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"completedOn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"resultScore"}},{"kind":"Field","name":{"kind":"Name","value":"attendanceRate"}},{"kind":"Field","name":{"kind":"Name","value":"offPost"}}]}}]}}]} as unknown as DocumentNode<RecordCompletionMutation, RecordCompletionMutationVariables>;
export const OverviewFollowUpsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverviewFollowUps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interviewsDue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorCode"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"actual"}},{"kind":"Field","name":{"kind":"Name","value":"planned"}},{"kind":"Field","name":{"kind":"Name","value":"shortfall"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataCompleteness"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unitId"}},{"kind":"Field","name":{"kind":"Name","value":"unitCategory"}},{"kind":"Field","name":{"kind":"Name","value":"items"}},{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}}]}}]}}]} as unknown as DocumentNode<OverviewFollowUpsQuery, OverviewFollowUpsQueryVariables>;
export const ClusterPictureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClusterPicture"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusteringRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"projection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"explainedVariance"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cadreId"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClusterPictureQuery, ClusterPictureQueryVariables>;