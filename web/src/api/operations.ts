// Every operation the console sends; GraphQL Code Generator types them from the API schema.
import { graphql } from '../gql';

export const CityOverview = graphql(`
  query CityOverview($period: String!, $limit: Int!) {
    unitScores(period: $period, limit: $limit) {
      unitId
      unitCategory
      score
      grade
      rank
      peerGroupSize
      excellentPlaces
      veto
      vetoExcellence
      redLinesFailed
    }
    periodLists(period: $period) {
      listName
      unitId
      reasons
    }
    anomalies(period: $period, limit: 50) {
      anomalyId
      unitId
      kind
      rule
      detail
      detectedAt
    }
    units(limit: 500) {
      id
      name
      category
    }
    scoringRosterSize
  }
`);

export const UnitPage = graphql(`
  query UnitPage($unitId: ID!, $period: String!, $year: Int!) {
    unit(id: $unitId) {
      id
      name
      category
      observations {
        indicatorCode
        period
        value
        unitOfMeasure
        revision
      }
    }
    unitScore(unitId: $unitId, period: $period) {
      unitId
      score
      grade
      rank
      peerGroupSize
      listVersion
      weightedSum
      deductions
      satisfaction
      breakdown {
        indicatorCode
        kind
        rule
        aggregate
        weight
        target
        value
        fraction
        points
        deducted
        effect
        observationId
        observationRevision
        observationsUsed
        listVersion
        exemptionId
      }
    }
    indicatorList(unitId: $unitId, year: $year) {
      version
      items {
        indicatorCode
        name
      }
    }
  }
`);

export const ListVersions = graphql(`
  query ListVersions($unitId: ID!, $year: Int!) {
    indicatorListVersions(unitId: $unitId, year: $year) {
      id
      version
      status
      totalWeight
      items {
        indicatorCode
        name
        kind
        weight
        target
        unitOfMeasure
        origin
      }
    }
  }
`);

export const EditDraft = graphql(`
  mutation EditDraft($unitId: ID!, $year: Int!, $set: [IndicatorListItemInput!]) {
    editIndicatorListDraft(unitId: $unitId, year: $year, set: $set) {
      version
      status
      totalWeight
    }
  }
`);

export const DraftList = graphql(`
  mutation DraftList($unitId: ID!, $year: Int!) {
    draftIndicatorList(unitId: $unitId, year: $year) {
      version
      status
    }
  }
`);

export const PublishList = graphql(`
  mutation PublishList($unitId: ID!, $year: Int!) {
    publishIndicatorList(unitId: $unitId, year: $year) {
      version
      status
      publishedAt
    }
  }
`);

export const ImportLists = graphql(`
  mutation ImportLists($file: CatalogueFileInput!) {
    importIndicatorLists(file: $file) {
      rows
      applied
      errorCount
      errors {
        row
        column
        rule
        reason
        value
      }
    }
  }
`);

export const ScoringRuns = graphql(`
  query ScoringRuns {
    scoringRuns(limit: 10) {
      runId
      period
      requestedBy
      startedAt
      seconds
      units
      cadres
    }
  }
`);

export const RunScoring = graphql(`
  mutation RunScoring($period: String!) {
    runScoring(period: $period) {
      runId
      period
      units
      cadres
      seconds
    }
  }
`);

export const Rankings = graphql(`
  query Rankings($period: String!) {
    rankings(period: $period, limit: 100) {
      cadreId
      peerGroup
      total
      grade
      rank
      peerGroupSize
    }
  }
`);

export const ReporterForm = graphql(`
  query ReporterForm($unitId: ID!, $year: Int!) {
    indicatorList(unitId: $unitId, year: $year) {
      version
      items {
        indicatorCode
        name
        unitOfMeasure
        dataSource
        frequency
        minValue
        maxValue
        target
      }
    }
  }
`);

export const ReportObservations = graphql(`
  mutation ReportObservations($inputs: [ObservationReport!]!) {
    reportObservations(inputs: $inputs) {
      indicatorCode
      revision
      value
    }
  }
`);

export const ImportObservations = graphql(`
  mutation ImportObservations($fileName: String!, $contentBase64: String!) {
    importObservations(fileName: $fileName, contentBase64: $contentBase64) {
      accepted
    }
  }
`);

export const CadrePage = graphql(`
  query CadrePage($cadreId: ID!, $period: String!) {
    cadreScore(cadreId: $cadreId, period: $period) {
      cadreId
      total
      grade
      rank
      peerGroupSize
      peerGroup
      components {
        name
        score
        weight
        weighted
        source
      }
      capabilities {
        capability
        score
        peerPercentile
        peers
        peerMedian
      }
      unitScore {
        unitId
        score
        breakdown {
          indicatorCode
          rule
          weight
          value
          points
          deducted
          effect
          observationRevision
          listVersion
        }
      }
    }
    cadre(id: $cadreId) {
      id
      name
      unitId
      enrolments {
        id
        programmeId
        status
        capability
        waitlistPosition
      }
    }
  }
`);

export const SubmitAppeal = graphql(`
  mutation SubmitAppeal($input: AppealInput!) {
    submitAppeal(input: $input) {
      id
      status
    }
  }
`);

export const Programmes = graphql(`
  query Programmes {
    programmes {
      id
      name
      kind
      fullTime
      cohorts {
        id
        name
        startsOn
        endsOn
        capacity
        seatsTaken
        freeSeats
        enrolments {
          id
          cadreId
          status
          offPost
          passed
          resultScore
          evaluationPassed
        }
        waitlist {
          id
          cadreId
          waitlistPosition
        }
      }
    }
  }
`);

export const RecordEvaluation = graphql(`
  mutation RecordEvaluation($enrolmentId: ID!, $passed: Boolean!, $score: Float) {
    recordEvaluation(enrolmentId: $enrolmentId, passed: $passed, score: $score) {
      id
      status
      evaluationPassed
      offPost
    }
  }
`);

export const SubmitPublicEvaluation = graphql(`
  mutation SubmitPublicEvaluation($input: PublicEvaluationInput!) {
    submitPublicEvaluation(input: $input) {
      evaluationId
    }
  }
`);

export const Exemptions = graphql(`
  query Exemptions($status: String) {
    exemptionCategories(includeInactive: true) {
      code
      name
    }
    exemptions(status: $status, limit: 200) {
      id
      subject {
        kind
        unitId
        cadreId
      }
      period
      categoryCode
      indicatorCode
      reasons
      status
      evidence {
        name
        sha256
      }
      applied {
        by
        at
      }
      decision {
        by
        at
        reason
      }
    }
  }
`);

export const DecideExemption = graphql(`
  mutation DecideExemption($id: ID!, $approve: Boolean!, $reason: String!) {
    decideExemption(id: $id, approve: $approve, reason: $reason) {
      id
      status
    }
  }
`);

export const Appeals = graphql(`
  query Appeals($status: String) {
    appeals(status: $status, limit: 200) {
      id
      subject {
        kind
        unitId
        cadreId
      }
      period
      indicatorCode
      reasons
      status
      submitted {
        by
        at
      }
      review {
        by
        at
      }
      decision {
        by
        at
        reason
      }
    }
  }
`);

export const StartAppealReview = graphql(`
  mutation StartAppealReview($id: ID!) {
    startAppealReview(id: $id) {
      id
      status
    }
  }
`);

export const DecideAppeal = graphql(`
  mutation DecideAppeal($id: ID!, $upheld: Boolean!, $reason: String!) {
    decideAppeal(id: $id, upheld: $upheld, reason: $reason) {
      id
      status
    }
  }
`);

export const LatestCheckpoint = graphql(`
  query LatestCheckpoint {
    ledgerCheckpoint {
      treeSize
      rootHash
      signedAt
      keyId
      signature
      signedMessage
      origin
    }
  }
`);

export const InclusionProof = graphql(`
  query InclusionProof($leafIndex: Int!, $treeSize: Int) {
    ledgerInclusionProof(leafIndex: $leafIndex, treeSize: $treeSize) {
      leafIndex
      treeSize
      auditPath
      leaf {
        leaf
        leafHash
        kind
        recordId
        recordedAt
      }
      checkpoint {
        treeSize
        rootHash
      }
    }
  }
`);

export const ListDiff = graphql(`
  query ListDiff($unitId: ID!, $year: Int!, $fromVersion: Int!, $toVersion: Int!) {
    indicatorListDiff(unitId: $unitId, year: $year, fromVersion: $fromVersion, toVersion: $toVersion) {
      fromVersion
      toVersion
      added {
        indicatorCode
        name
        weight
        target
      }
      removed {
        indicatorCode
        name
        weight
        target
      }
      changed {
        indicatorCode
        changes {
          field
          before
          after
        }
      }
      headerChanges {
        field
        before
        after
      }
    }
  }
`);

export const ProgrammeNames = graphql(`
  query ProgrammeNames {
    programmes {
      id
      name
      capabilities
    }
  }
`);

export const TrainingEffect = graphql(`
  query TrainingEffect($programmeId: ID!, $beforePeriod: String!, $afterPeriod: String!) {
    trainingEffect(programmeId: $programmeId, beforePeriod: $beforePeriod, afterPeriod: $afterPeriod) {
      beforePeriod
      afterPeriod
      programme {
        id
        name
      }
      capabilities {
        capability
        differenceInDifferences
        enrolledCount
        comparisonCount
        unmatchedEnrolledCount
        peerGroups {
          unitCategory
          positionLevel
          enrolledCount
          comparisonCount
          enrolledBefore
          enrolledAfter
          comparisonBefore
          comparisonAfter
          differenceInDifferences
        }
      }
    }
  }
`);

export const ClusteringRuns = graphql(`
  query ClusteringRuns {
    clusteringRuns(limit: 20) {
      id
      period
      status
      message
      requestedBy
      cadreCount
      k
      silhouette
      startedAt
      clusters {
        index
        size
        share
        definingCapabilities
        recommendation
        levelShares {
          positionLevel
          share
        }
        meanGaps {
          capability
          meanGap
        }
      }
    }
  }
`);

export const RetrainClustering = graphql(`
  mutation RetrainClustering($period: String) {
    retrainClustering(period: $period) {
      id
      status
      message
    }
  }
`);

export const AttainmentBreakdown = graphql(`
  query AttainmentBreakdown($period: String!, $unitCategory: String, $limit: Int!) {
    unitScores(period: $period, unitCategory: $unitCategory, limit: $limit) {
      unitId
      unitCategory
      breakdown {
        indicatorCode
        kind
        fraction
        value
      }
    }
  }
`);

export const UnitCategories = graphql(`
  query UnitCategories {
    unitCategories {
      code
      name
      nameEn
    }
  }
`);

export const RecordCompletion = graphql(`
  mutation RecordCompletion($enrolmentId: ID!, $attendanceRate: Float!, $resultScore: Float!, $passed: Boolean!, $completedOn: Date!) {
    recordCompletion(enrolmentId: $enrolmentId, attendanceRate: $attendanceRate, resultScore: $resultScore, passed: $passed, completedOn: $completedOn) {
      id
      cadreId
      status
      passed
      resultScore
      attendanceRate
      offPost
    }
  }
`);

export const OverviewFollowUps = graphql(`
  query OverviewFollowUps($period: String!) {
    interviewsDue(period: $period) {
      period
      unitId
      indicatorCode
      eventId
      actual
      planned
      shortfall
    }
    dataCompleteness(period: $period) {
      unitId
      unitCategory
      items
      reported
      share
      missing
    }
  }
`);

export const ClusterPicture = graphql(`
  query ClusterPicture($id: ID!) {
    clusteringRun(id: $id) {
      id
      projection {
        explainedVariance
        points {
          cadreId
          x
          y
          cluster
        }
      }
    }
  }
`);
