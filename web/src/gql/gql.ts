/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CityOverview($period: String!, $limit: Int!) {\n    unitScores(period: $period, limit: $limit) {\n      unitId\n      unitCategory\n      score\n      grade\n      rank\n      peerGroupSize\n      excellentPlaces\n      veto\n      vetoExcellence\n      redLinesFailed\n    }\n    periodLists(period: $period) {\n      listName\n      unitId\n      reasons\n    }\n    anomalies(period: $period, limit: 50) {\n      anomalyId\n      unitId\n      kind\n      rule\n      detail\n      detectedAt\n    }\n    units(limit: 500) {\n      id\n      name\n      category\n    }\n    scoringRosterSize\n  }\n": typeof types.CityOverviewDocument,
    "\n  query UnitPage($unitId: ID!, $period: String!, $year: Int!) {\n    unit(id: $unitId) {\n      id\n      name\n      category\n      observations {\n        indicatorCode\n        period\n        value\n        unitOfMeasure\n        revision\n      }\n    }\n    unitScore(unitId: $unitId, period: $period) {\n      unitId\n      score\n      grade\n      rank\n      peerGroupSize\n      listVersion\n      weightedSum\n      deductions\n      satisfaction\n      breakdown {\n        indicatorCode\n        kind\n        rule\n        aggregate\n        weight\n        target\n        value\n        fraction\n        points\n        deducted\n        effect\n        observationId\n        observationRevision\n        observationsUsed\n        listVersion\n        exemptionId\n      }\n    }\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n      }\n    }\n  }\n": typeof types.UnitPageDocument,
    "\n  query ListVersions($unitId: ID!, $year: Int!) {\n    indicatorListVersions(unitId: $unitId, year: $year) {\n      id\n      version\n      status\n      totalWeight\n      items {\n        indicatorCode\n        name\n        kind\n        weight\n        target\n        unitOfMeasure\n        origin\n      }\n    }\n  }\n": typeof types.ListVersionsDocument,
    "\n  mutation EditDraft($unitId: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {\n    editIndicatorListDraft(unitId: $unitId, year: $year, set: $set) {\n      version\n      status\n      totalWeight\n    }\n  }\n": typeof types.EditDraftDocument,
    "\n  mutation DraftList($unitId: ID!, $year: Int!) {\n    draftIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n    }\n  }\n": typeof types.DraftListDocument,
    "\n  mutation PublishList($unitId: ID!, $year: Int!) {\n    publishIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n      publishedAt\n    }\n  }\n": typeof types.PublishListDocument,
    "\n  mutation ImportLists($file: CatalogueFileInput!) {\n    importIndicatorLists(file: $file) {\n      rows\n      applied\n      errorCount\n      errors {\n        row\n        column\n        rule\n        reason\n        value\n      }\n    }\n  }\n": typeof types.ImportListsDocument,
    "\n  query ScoringRuns {\n    scoringRuns(limit: 10) {\n      runId\n      period\n      requestedBy\n      startedAt\n      seconds\n      units\n      cadres\n    }\n  }\n": typeof types.ScoringRunsDocument,
    "\n  mutation RunScoring($period: String!) {\n    runScoring(period: $period) {\n      runId\n      period\n      units\n      cadres\n      seconds\n    }\n  }\n": typeof types.RunScoringDocument,
    "\n  query Rankings($period: String!) {\n    rankings(period: $period, limit: 100) {\n      cadreId\n      peerGroup\n      total\n      grade\n      rank\n      peerGroupSize\n    }\n  }\n": typeof types.RankingsDocument,
    "\n  query ReporterForm($unitId: ID!, $year: Int!) {\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n        unitOfMeasure\n        dataSource\n        frequency\n        minValue\n        maxValue\n        target\n      }\n    }\n  }\n": typeof types.ReporterFormDocument,
    "\n  mutation ReportObservations($inputs: [ObservationReport!]!) {\n    reportObservations(inputs: $inputs) {\n      indicatorCode\n      revision\n      value\n    }\n  }\n": typeof types.ReportObservationsDocument,
    "\n  mutation ImportObservations($fileName: String!, $contentBase64: String!) {\n    importObservations(fileName: $fileName, contentBase64: $contentBase64) {\n      accepted\n    }\n  }\n": typeof types.ImportObservationsDocument,
    "\n  query CadrePage($cadreId: ID!, $period: String!) {\n    cadreScore(cadreId: $cadreId, period: $period) {\n      cadreId\n      total\n      grade\n      rank\n      peerGroupSize\n      peerGroup\n      components {\n        name\n        score\n        weight\n        weighted\n        source\n      }\n      capabilities {\n        capability\n        score\n        peerPercentile\n        peers\n      }\n      unitScore {\n        unitId\n        score\n        breakdown {\n          indicatorCode\n          rule\n          weight\n          value\n          points\n          deducted\n          effect\n          observationRevision\n          listVersion\n        }\n      }\n    }\n    cadre(id: $cadreId) {\n      id\n      name\n      unitId\n      enrolments {\n        id\n        programmeId\n        status\n        capability\n        waitlistPosition\n      }\n    }\n  }\n": typeof types.CadrePageDocument,
    "\n  mutation SubmitAppeal($input: AppealInput!) {\n    submitAppeal(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.SubmitAppealDocument,
    "\n  query Programmes {\n    programmes {\n      id\n      name\n      kind\n      fullTime\n      cohorts {\n        id\n        name\n        startsOn\n        endsOn\n        capacity\n        seatsTaken\n        freeSeats\n        enrolments {\n          id\n          cadreId\n          status\n          offPost\n          evaluationPassed\n        }\n        waitlist {\n          id\n          cadreId\n          waitlistPosition\n        }\n      }\n    }\n  }\n": typeof types.ProgrammesDocument,
    "\n  mutation RecordEvaluation($enrolmentId: ID!, $passed: Boolean!, $score: Float) {\n    recordEvaluation(enrolmentId: $enrolmentId, passed: $passed, score: $score) {\n      id\n      status\n      evaluationPassed\n      offPost\n    }\n  }\n": typeof types.RecordEvaluationDocument,
    "\n  mutation SubmitPublicEvaluation($input: PublicEvaluationInput!) {\n    submitPublicEvaluation(input: $input) {\n      evaluationId\n    }\n  }\n": typeof types.SubmitPublicEvaluationDocument,
};
const documents: Documents = {
    "\n  query CityOverview($period: String!, $limit: Int!) {\n    unitScores(period: $period, limit: $limit) {\n      unitId\n      unitCategory\n      score\n      grade\n      rank\n      peerGroupSize\n      excellentPlaces\n      veto\n      vetoExcellence\n      redLinesFailed\n    }\n    periodLists(period: $period) {\n      listName\n      unitId\n      reasons\n    }\n    anomalies(period: $period, limit: 50) {\n      anomalyId\n      unitId\n      kind\n      rule\n      detail\n      detectedAt\n    }\n    units(limit: 500) {\n      id\n      name\n      category\n    }\n    scoringRosterSize\n  }\n": types.CityOverviewDocument,
    "\n  query UnitPage($unitId: ID!, $period: String!, $year: Int!) {\n    unit(id: $unitId) {\n      id\n      name\n      category\n      observations {\n        indicatorCode\n        period\n        value\n        unitOfMeasure\n        revision\n      }\n    }\n    unitScore(unitId: $unitId, period: $period) {\n      unitId\n      score\n      grade\n      rank\n      peerGroupSize\n      listVersion\n      weightedSum\n      deductions\n      satisfaction\n      breakdown {\n        indicatorCode\n        kind\n        rule\n        aggregate\n        weight\n        target\n        value\n        fraction\n        points\n        deducted\n        effect\n        observationId\n        observationRevision\n        observationsUsed\n        listVersion\n        exemptionId\n      }\n    }\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n      }\n    }\n  }\n": types.UnitPageDocument,
    "\n  query ListVersions($unitId: ID!, $year: Int!) {\n    indicatorListVersions(unitId: $unitId, year: $year) {\n      id\n      version\n      status\n      totalWeight\n      items {\n        indicatorCode\n        name\n        kind\n        weight\n        target\n        unitOfMeasure\n        origin\n      }\n    }\n  }\n": types.ListVersionsDocument,
    "\n  mutation EditDraft($unitId: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {\n    editIndicatorListDraft(unitId: $unitId, year: $year, set: $set) {\n      version\n      status\n      totalWeight\n    }\n  }\n": types.EditDraftDocument,
    "\n  mutation DraftList($unitId: ID!, $year: Int!) {\n    draftIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n    }\n  }\n": types.DraftListDocument,
    "\n  mutation PublishList($unitId: ID!, $year: Int!) {\n    publishIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n      publishedAt\n    }\n  }\n": types.PublishListDocument,
    "\n  mutation ImportLists($file: CatalogueFileInput!) {\n    importIndicatorLists(file: $file) {\n      rows\n      applied\n      errorCount\n      errors {\n        row\n        column\n        rule\n        reason\n        value\n      }\n    }\n  }\n": types.ImportListsDocument,
    "\n  query ScoringRuns {\n    scoringRuns(limit: 10) {\n      runId\n      period\n      requestedBy\n      startedAt\n      seconds\n      units\n      cadres\n    }\n  }\n": types.ScoringRunsDocument,
    "\n  mutation RunScoring($period: String!) {\n    runScoring(period: $period) {\n      runId\n      period\n      units\n      cadres\n      seconds\n    }\n  }\n": types.RunScoringDocument,
    "\n  query Rankings($period: String!) {\n    rankings(period: $period, limit: 100) {\n      cadreId\n      peerGroup\n      total\n      grade\n      rank\n      peerGroupSize\n    }\n  }\n": types.RankingsDocument,
    "\n  query ReporterForm($unitId: ID!, $year: Int!) {\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n        unitOfMeasure\n        dataSource\n        frequency\n        minValue\n        maxValue\n        target\n      }\n    }\n  }\n": types.ReporterFormDocument,
    "\n  mutation ReportObservations($inputs: [ObservationReport!]!) {\n    reportObservations(inputs: $inputs) {\n      indicatorCode\n      revision\n      value\n    }\n  }\n": types.ReportObservationsDocument,
    "\n  mutation ImportObservations($fileName: String!, $contentBase64: String!) {\n    importObservations(fileName: $fileName, contentBase64: $contentBase64) {\n      accepted\n    }\n  }\n": types.ImportObservationsDocument,
    "\n  query CadrePage($cadreId: ID!, $period: String!) {\n    cadreScore(cadreId: $cadreId, period: $period) {\n      cadreId\n      total\n      grade\n      rank\n      peerGroupSize\n      peerGroup\n      components {\n        name\n        score\n        weight\n        weighted\n        source\n      }\n      capabilities {\n        capability\n        score\n        peerPercentile\n        peers\n      }\n      unitScore {\n        unitId\n        score\n        breakdown {\n          indicatorCode\n          rule\n          weight\n          value\n          points\n          deducted\n          effect\n          observationRevision\n          listVersion\n        }\n      }\n    }\n    cadre(id: $cadreId) {\n      id\n      name\n      unitId\n      enrolments {\n        id\n        programmeId\n        status\n        capability\n        waitlistPosition\n      }\n    }\n  }\n": types.CadrePageDocument,
    "\n  mutation SubmitAppeal($input: AppealInput!) {\n    submitAppeal(input: $input) {\n      id\n      status\n    }\n  }\n": types.SubmitAppealDocument,
    "\n  query Programmes {\n    programmes {\n      id\n      name\n      kind\n      fullTime\n      cohorts {\n        id\n        name\n        startsOn\n        endsOn\n        capacity\n        seatsTaken\n        freeSeats\n        enrolments {\n          id\n          cadreId\n          status\n          offPost\n          evaluationPassed\n        }\n        waitlist {\n          id\n          cadreId\n          waitlistPosition\n        }\n      }\n    }\n  }\n": types.ProgrammesDocument,
    "\n  mutation RecordEvaluation($enrolmentId: ID!, $passed: Boolean!, $score: Float) {\n    recordEvaluation(enrolmentId: $enrolmentId, passed: $passed, score: $score) {\n      id\n      status\n      evaluationPassed\n      offPost\n    }\n  }\n": types.RecordEvaluationDocument,
    "\n  mutation SubmitPublicEvaluation($input: PublicEvaluationInput!) {\n    submitPublicEvaluation(input: $input) {\n      evaluationId\n    }\n  }\n": types.SubmitPublicEvaluationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CityOverview($period: String!, $limit: Int!) {\n    unitScores(period: $period, limit: $limit) {\n      unitId\n      unitCategory\n      score\n      grade\n      rank\n      peerGroupSize\n      excellentPlaces\n      veto\n      vetoExcellence\n      redLinesFailed\n    }\n    periodLists(period: $period) {\n      listName\n      unitId\n      reasons\n    }\n    anomalies(period: $period, limit: 50) {\n      anomalyId\n      unitId\n      kind\n      rule\n      detail\n      detectedAt\n    }\n    units(limit: 500) {\n      id\n      name\n      category\n    }\n    scoringRosterSize\n  }\n"): (typeof documents)["\n  query CityOverview($period: String!, $limit: Int!) {\n    unitScores(period: $period, limit: $limit) {\n      unitId\n      unitCategory\n      score\n      grade\n      rank\n      peerGroupSize\n      excellentPlaces\n      veto\n      vetoExcellence\n      redLinesFailed\n    }\n    periodLists(period: $period) {\n      listName\n      unitId\n      reasons\n    }\n    anomalies(period: $period, limit: 50) {\n      anomalyId\n      unitId\n      kind\n      rule\n      detail\n      detectedAt\n    }\n    units(limit: 500) {\n      id\n      name\n      category\n    }\n    scoringRosterSize\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnitPage($unitId: ID!, $period: String!, $year: Int!) {\n    unit(id: $unitId) {\n      id\n      name\n      category\n      observations {\n        indicatorCode\n        period\n        value\n        unitOfMeasure\n        revision\n      }\n    }\n    unitScore(unitId: $unitId, period: $period) {\n      unitId\n      score\n      grade\n      rank\n      peerGroupSize\n      listVersion\n      weightedSum\n      deductions\n      satisfaction\n      breakdown {\n        indicatorCode\n        kind\n        rule\n        aggregate\n        weight\n        target\n        value\n        fraction\n        points\n        deducted\n        effect\n        observationId\n        observationRevision\n        observationsUsed\n        listVersion\n        exemptionId\n      }\n    }\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnitPage($unitId: ID!, $period: String!, $year: Int!) {\n    unit(id: $unitId) {\n      id\n      name\n      category\n      observations {\n        indicatorCode\n        period\n        value\n        unitOfMeasure\n        revision\n      }\n    }\n    unitScore(unitId: $unitId, period: $period) {\n      unitId\n      score\n      grade\n      rank\n      peerGroupSize\n      listVersion\n      weightedSum\n      deductions\n      satisfaction\n      breakdown {\n        indicatorCode\n        kind\n        rule\n        aggregate\n        weight\n        target\n        value\n        fraction\n        points\n        deducted\n        effect\n        observationId\n        observationRevision\n        observationsUsed\n        listVersion\n        exemptionId\n      }\n    }\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListVersions($unitId: ID!, $year: Int!) {\n    indicatorListVersions(unitId: $unitId, year: $year) {\n      id\n      version\n      status\n      totalWeight\n      items {\n        indicatorCode\n        name\n        kind\n        weight\n        target\n        unitOfMeasure\n        origin\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListVersions($unitId: ID!, $year: Int!) {\n    indicatorListVersions(unitId: $unitId, year: $year) {\n      id\n      version\n      status\n      totalWeight\n      items {\n        indicatorCode\n        name\n        kind\n        weight\n        target\n        unitOfMeasure\n        origin\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditDraft($unitId: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {\n    editIndicatorListDraft(unitId: $unitId, year: $year, set: $set) {\n      version\n      status\n      totalWeight\n    }\n  }\n"): (typeof documents)["\n  mutation EditDraft($unitId: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {\n    editIndicatorListDraft(unitId: $unitId, year: $year, set: $set) {\n      version\n      status\n      totalWeight\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DraftList($unitId: ID!, $year: Int!) {\n    draftIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DraftList($unitId: ID!, $year: Int!) {\n    draftIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishList($unitId: ID!, $year: Int!) {\n    publishIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n      publishedAt\n    }\n  }\n"): (typeof documents)["\n  mutation PublishList($unitId: ID!, $year: Int!) {\n    publishIndicatorList(unitId: $unitId, year: $year) {\n      version\n      status\n      publishedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportLists($file: CatalogueFileInput!) {\n    importIndicatorLists(file: $file) {\n      rows\n      applied\n      errorCount\n      errors {\n        row\n        column\n        rule\n        reason\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportLists($file: CatalogueFileInput!) {\n    importIndicatorLists(file: $file) {\n      rows\n      applied\n      errorCount\n      errors {\n        row\n        column\n        rule\n        reason\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScoringRuns {\n    scoringRuns(limit: 10) {\n      runId\n      period\n      requestedBy\n      startedAt\n      seconds\n      units\n      cadres\n    }\n  }\n"): (typeof documents)["\n  query ScoringRuns {\n    scoringRuns(limit: 10) {\n      runId\n      period\n      requestedBy\n      startedAt\n      seconds\n      units\n      cadres\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunScoring($period: String!) {\n    runScoring(period: $period) {\n      runId\n      period\n      units\n      cadres\n      seconds\n    }\n  }\n"): (typeof documents)["\n  mutation RunScoring($period: String!) {\n    runScoring(period: $period) {\n      runId\n      period\n      units\n      cadres\n      seconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Rankings($period: String!) {\n    rankings(period: $period, limit: 100) {\n      cadreId\n      peerGroup\n      total\n      grade\n      rank\n      peerGroupSize\n    }\n  }\n"): (typeof documents)["\n  query Rankings($period: String!) {\n    rankings(period: $period, limit: 100) {\n      cadreId\n      peerGroup\n      total\n      grade\n      rank\n      peerGroupSize\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReporterForm($unitId: ID!, $year: Int!) {\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n        unitOfMeasure\n        dataSource\n        frequency\n        minValue\n        maxValue\n        target\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReporterForm($unitId: ID!, $year: Int!) {\n    indicatorList(unitId: $unitId, year: $year) {\n      version\n      items {\n        indicatorCode\n        name\n        unitOfMeasure\n        dataSource\n        frequency\n        minValue\n        maxValue\n        target\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportObservations($inputs: [ObservationReport!]!) {\n    reportObservations(inputs: $inputs) {\n      indicatorCode\n      revision\n      value\n    }\n  }\n"): (typeof documents)["\n  mutation ReportObservations($inputs: [ObservationReport!]!) {\n    reportObservations(inputs: $inputs) {\n      indicatorCode\n      revision\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportObservations($fileName: String!, $contentBase64: String!) {\n    importObservations(fileName: $fileName, contentBase64: $contentBase64) {\n      accepted\n    }\n  }\n"): (typeof documents)["\n  mutation ImportObservations($fileName: String!, $contentBase64: String!) {\n    importObservations(fileName: $fileName, contentBase64: $contentBase64) {\n      accepted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CadrePage($cadreId: ID!, $period: String!) {\n    cadreScore(cadreId: $cadreId, period: $period) {\n      cadreId\n      total\n      grade\n      rank\n      peerGroupSize\n      peerGroup\n      components {\n        name\n        score\n        weight\n        weighted\n        source\n      }\n      capabilities {\n        capability\n        score\n        peerPercentile\n        peers\n      }\n      unitScore {\n        unitId\n        score\n        breakdown {\n          indicatorCode\n          rule\n          weight\n          value\n          points\n          deducted\n          effect\n          observationRevision\n          listVersion\n        }\n      }\n    }\n    cadre(id: $cadreId) {\n      id\n      name\n      unitId\n      enrolments {\n        id\n        programmeId\n        status\n        capability\n        waitlistPosition\n      }\n    }\n  }\n"): (typeof documents)["\n  query CadrePage($cadreId: ID!, $period: String!) {\n    cadreScore(cadreId: $cadreId, period: $period) {\n      cadreId\n      total\n      grade\n      rank\n      peerGroupSize\n      peerGroup\n      components {\n        name\n        score\n        weight\n        weighted\n        source\n      }\n      capabilities {\n        capability\n        score\n        peerPercentile\n        peers\n      }\n      unitScore {\n        unitId\n        score\n        breakdown {\n          indicatorCode\n          rule\n          weight\n          value\n          points\n          deducted\n          effect\n          observationRevision\n          listVersion\n        }\n      }\n    }\n    cadre(id: $cadreId) {\n      id\n      name\n      unitId\n      enrolments {\n        id\n        programmeId\n        status\n        capability\n        waitlistPosition\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAppeal($input: AppealInput!) {\n    submitAppeal(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitAppeal($input: AppealInput!) {\n    submitAppeal(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Programmes {\n    programmes {\n      id\n      name\n      kind\n      fullTime\n      cohorts {\n        id\n        name\n        startsOn\n        endsOn\n        capacity\n        seatsTaken\n        freeSeats\n        enrolments {\n          id\n          cadreId\n          status\n          offPost\n          evaluationPassed\n        }\n        waitlist {\n          id\n          cadreId\n          waitlistPosition\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Programmes {\n    programmes {\n      id\n      name\n      kind\n      fullTime\n      cohorts {\n        id\n        name\n        startsOn\n        endsOn\n        capacity\n        seatsTaken\n        freeSeats\n        enrolments {\n          id\n          cadreId\n          status\n          offPost\n          evaluationPassed\n        }\n        waitlist {\n          id\n          cadreId\n          waitlistPosition\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordEvaluation($enrolmentId: ID!, $passed: Boolean!, $score: Float) {\n    recordEvaluation(enrolmentId: $enrolmentId, passed: $passed, score: $score) {\n      id\n      status\n      evaluationPassed\n      offPost\n    }\n  }\n"): (typeof documents)["\n  mutation RecordEvaluation($enrolmentId: ID!, $passed: Boolean!, $score: Float) {\n    recordEvaluation(enrolmentId: $enrolmentId, passed: $passed, score: $score) {\n      id\n      status\n      evaluationPassed\n      offPost\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitPublicEvaluation($input: PublicEvaluationInput!) {\n    submitPublicEvaluation(input: $input) {\n      evaluationId\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitPublicEvaluation($input: PublicEvaluationInput!) {\n    submitPublicEvaluation(input: $input) {\n      evaluationId\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;