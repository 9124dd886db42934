/* eslint-disable */
import * as types from './graphql.js';
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
    "\n  fragment GradeCountsFields on GradeCounts {\n    pass\n    fail\n    na\n    unknown\n    total\n  }\n": typeof types.GradeCountsFieldsFragmentDoc,
    "\n  query Search($prefix: String!, $first: Int!) {\n    searchDistributions(prefix: $prefix, first: $first) {\n      name\n    }\n    searchAuthors(prefix: $prefix, first: 5) {\n      pauseId\n    }\n  }\n": typeof types.SearchDocument,
    "\n  fragment DistMatrixFields on Distribution {\n    matrix {\n      versions\n      perlSeries\n      cells {\n        version\n        perlSeries\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n": typeof types.DistMatrixFieldsFragmentDoc,
    "\n  query DistPage($dist: String!) {\n    distribution(name: $dist) {\n      name\n      author {\n        pauseId\n      }\n      latestRelease {\n        version\n      }\n      ...VersionListFields\n      ...DistMatrixFields\n    }\n  }\n": typeof types.DistPageDocument,
    "\n  query DistRelease($dist: String!, $version: String!) {\n    release(dist: $dist, version: $version) {\n      version\n      updatedAt\n      author {\n        pauseId\n      }\n      upload {\n        releasedAt\n        maturity\n      }\n      allPerls {\n        ...GradeCountsFields\n      }\n      stablePerls {\n        ...GradeCountsFields\n      }\n      ...ReleaseMatrixFields\n    }\n  }\n": typeof types.DistReleaseDocument,
    "\n  query DistReports(\n    $dist: String!\n    $version: String!\n    $first: Int!\n    $after: String\n    $grade: Grade\n    $perl: String\n    $perlSeries: String\n    $osname: String\n    $perlMaturity: Maturity\n  ) {\n    release(dist: $dist, version: $version) {\n      reports(\n        first: $first\n        after: $after\n        grade: $grade\n        perl: $perl\n        perlSeries: $perlSeries\n        osname: $osname\n        perlMaturity: $perlMaturity\n      ) {\n        ...ReportListFields\n      }\n    }\n  }\n": typeof types.DistReportsDocument,
    "\n  subscription DistLive($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      reportId\n      version\n      grade\n    }\n  }\n": typeof types.DistLiveDocument,
    "\n  fragment ReleaseMatrixFields on Release {\n    matrix {\n      perlSeries\n      osnames\n      cells {\n        perlSeries\n        osname\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n": typeof types.ReleaseMatrixFieldsFragmentDoc,
    "\n  fragment ReportListFields on ReportConnection {\n    nodes {\n      reportId\n      guid\n      grade\n      perl\n      osname\n      osversion\n      platform\n      submittedAt\n      tester {\n        fullName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.ReportListFieldsFragmentDoc,
    "\n  fragment VersionListFields on Distribution {\n    name\n    releases(first: 100) {\n      nodes {\n        version\n        upload {\n          releasedAt\n          maturity\n        }\n        allPerls {\n          ...GradeCountsFields\n        }\n        stablePerls {\n          ...GradeCountsFields\n        }\n      }\n    }\n  }\n": typeof types.VersionListFieldsFragmentDoc,
    "\n  query HomePage($from: Date!, $to: Date!) {\n    statistics {\n      reportsPerDay(from: $from, to: $to) {\n        period\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      submissionRate(hours: 24) {\n        reports\n        reportsPerMinute\n      }\n    }\n    reports(first: 12) {\n      nodes {\n        reportId\n        guid\n        dist\n        version\n        grade\n        perl\n        osname\n      }\n    }\n    uploads(first: 8) {\n      nodes {\n        dist\n        version\n        releasedAt\n        author {\n          pauseId\n        }\n      }\n    }\n  }\n": typeof types.HomePageDocument,
    "\n  subscription HomeReportsLive {\n    reportProcessed {\n      reportId\n      guid\n      dist\n      version\n      grade\n      perl\n      osname\n    }\n  }\n": typeof types.HomeReportsLiveDocument,
    "\n  subscription HomeUploadsLive {\n    uploadAdded {\n      dist\n      version\n      author\n      releasedAt\n    }\n  }\n": typeof types.HomeUploadsLiveDocument,
    "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n": typeof types.OutputFieldsFragmentDoc,
    "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n": typeof types.PrerequisiteFieldsFragmentDoc,
    "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n": typeof types.ReportPageDocument,
    "\n  query StatusPage {\n    systemStatus {\n      checkedAt\n      healthy\n      components {\n        kind\n        name\n        state\n        lastSeenAt\n        detail\n      }\n      minutes {\n        minute\n        received\n        processed\n        requests\n      }\n      waitingDocuments\n      failedDocuments\n      lagSeconds\n      lagP99Seconds\n      lastProcessed {\n        guid\n        dist\n        version\n        grade\n        receivedAt\n        processedAt\n      }\n    }\n  }\n": typeof types.StatusPageDocument,
};
const documents: Documents = {
    "\n  fragment GradeCountsFields on GradeCounts {\n    pass\n    fail\n    na\n    unknown\n    total\n  }\n": types.GradeCountsFieldsFragmentDoc,
    "\n  query Search($prefix: String!, $first: Int!) {\n    searchDistributions(prefix: $prefix, first: $first) {\n      name\n    }\n    searchAuthors(prefix: $prefix, first: 5) {\n      pauseId\n    }\n  }\n": types.SearchDocument,
    "\n  fragment DistMatrixFields on Distribution {\n    matrix {\n      versions\n      perlSeries\n      cells {\n        version\n        perlSeries\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n": types.DistMatrixFieldsFragmentDoc,
    "\n  query DistPage($dist: String!) {\n    distribution(name: $dist) {\n      name\n      author {\n        pauseId\n      }\n      latestRelease {\n        version\n      }\n      ...VersionListFields\n      ...DistMatrixFields\n    }\n  }\n": types.DistPageDocument,
    "\n  query DistRelease($dist: String!, $version: String!) {\n    release(dist: $dist, version: $version) {\n      version\n      updatedAt\n      author {\n        pauseId\n      }\n      upload {\n        releasedAt\n        maturity\n      }\n      allPerls {\n        ...GradeCountsFields\n      }\n      stablePerls {\n        ...GradeCountsFields\n      }\n      ...ReleaseMatrixFields\n    }\n  }\n": types.DistReleaseDocument,
    "\n  query DistReports(\n    $dist: String!\n    $version: String!\n    $first: Int!\n    $after: String\n    $grade: Grade\n    $perl: String\n    $perlSeries: String\n    $osname: String\n    $perlMaturity: Maturity\n  ) {\n    release(dist: $dist, version: $version) {\n      reports(\n        first: $first\n        after: $after\n        grade: $grade\n        perl: $perl\n        perlSeries: $perlSeries\n        osname: $osname\n        perlMaturity: $perlMaturity\n      ) {\n        ...ReportListFields\n      }\n    }\n  }\n": types.DistReportsDocument,
    "\n  subscription DistLive($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      reportId\n      version\n      grade\n    }\n  }\n": types.DistLiveDocument,
    "\n  fragment ReleaseMatrixFields on Release {\n    matrix {\n      perlSeries\n      osnames\n      cells {\n        perlSeries\n        osname\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n": types.ReleaseMatrixFieldsFragmentDoc,
    "\n  fragment ReportListFields on ReportConnection {\n    nodes {\n      reportId\n      guid\n      grade\n      perl\n      osname\n      osversion\n      platform\n      submittedAt\n      tester {\n        fullName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.ReportListFieldsFragmentDoc,
    "\n  fragment VersionListFields on Distribution {\n    name\n    releases(first: 100) {\n      nodes {\n        version\n        upload {\n          releasedAt\n          maturity\n        }\n        allPerls {\n          ...GradeCountsFields\n        }\n        stablePerls {\n          ...GradeCountsFields\n        }\n      }\n    }\n  }\n": types.VersionListFieldsFragmentDoc,
    "\n  query HomePage($from: Date!, $to: Date!) {\n    statistics {\n      reportsPerDay(from: $from, to: $to) {\n        period\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      submissionRate(hours: 24) {\n        reports\n        reportsPerMinute\n      }\n    }\n    reports(first: 12) {\n      nodes {\n        reportId\n        guid\n        dist\n        version\n        grade\n        perl\n        osname\n      }\n    }\n    uploads(first: 8) {\n      nodes {\n        dist\n        version\n        releasedAt\n        author {\n          pauseId\n        }\n      }\n    }\n  }\n": types.HomePageDocument,
    "\n  subscription HomeReportsLive {\n    reportProcessed {\n      reportId\n      guid\n      dist\n      version\n      grade\n      perl\n      osname\n    }\n  }\n": types.HomeReportsLiveDocument,
    "\n  subscription HomeUploadsLive {\n    uploadAdded {\n      dist\n      version\n      author\n      releasedAt\n    }\n  }\n": types.HomeUploadsLiveDocument,
    "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n": types.OutputFieldsFragmentDoc,
    "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n": types.PrerequisiteFieldsFragmentDoc,
    "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n": types.ReportPageDocument,
    "\n  query StatusPage {\n    systemStatus {\n      checkedAt\n      healthy\n      components {\n        kind\n        name\n        state\n        lastSeenAt\n        detail\n      }\n      minutes {\n        minute\n        received\n        processed\n        requests\n      }\n      waitingDocuments\n      failedDocuments\n      lagSeconds\n      lagP99Seconds\n      lastProcessed {\n        guid\n        dist\n        version\n        grade\n        receivedAt\n        processedAt\n      }\n    }\n  }\n": types.StatusPageDocument,
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
export function graphql(source: "\n  fragment GradeCountsFields on GradeCounts {\n    pass\n    fail\n    na\n    unknown\n    total\n  }\n"): (typeof documents)["\n  fragment GradeCountsFields on GradeCounts {\n    pass\n    fail\n    na\n    unknown\n    total\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($prefix: String!, $first: Int!) {\n    searchDistributions(prefix: $prefix, first: $first) {\n      name\n    }\n    searchAuthors(prefix: $prefix, first: 5) {\n      pauseId\n    }\n  }\n"): (typeof documents)["\n  query Search($prefix: String!, $first: Int!) {\n    searchDistributions(prefix: $prefix, first: $first) {\n      name\n    }\n    searchAuthors(prefix: $prefix, first: 5) {\n      pauseId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DistMatrixFields on Distribution {\n    matrix {\n      versions\n      perlSeries\n      cells {\n        version\n        perlSeries\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment DistMatrixFields on Distribution {\n    matrix {\n      versions\n      perlSeries\n      cells {\n        version\n        perlSeries\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DistPage($dist: String!) {\n    distribution(name: $dist) {\n      name\n      author {\n        pauseId\n      }\n      latestRelease {\n        version\n      }\n      ...VersionListFields\n      ...DistMatrixFields\n    }\n  }\n"): (typeof documents)["\n  query DistPage($dist: String!) {\n    distribution(name: $dist) {\n      name\n      author {\n        pauseId\n      }\n      latestRelease {\n        version\n      }\n      ...VersionListFields\n      ...DistMatrixFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DistRelease($dist: String!, $version: String!) {\n    release(dist: $dist, version: $version) {\n      version\n      updatedAt\n      author {\n        pauseId\n      }\n      upload {\n        releasedAt\n        maturity\n      }\n      allPerls {\n        ...GradeCountsFields\n      }\n      stablePerls {\n        ...GradeCountsFields\n      }\n      ...ReleaseMatrixFields\n    }\n  }\n"): (typeof documents)["\n  query DistRelease($dist: String!, $version: String!) {\n    release(dist: $dist, version: $version) {\n      version\n      updatedAt\n      author {\n        pauseId\n      }\n      upload {\n        releasedAt\n        maturity\n      }\n      allPerls {\n        ...GradeCountsFields\n      }\n      stablePerls {\n        ...GradeCountsFields\n      }\n      ...ReleaseMatrixFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DistReports(\n    $dist: String!\n    $version: String!\n    $first: Int!\n    $after: String\n    $grade: Grade\n    $perl: String\n    $perlSeries: String\n    $osname: String\n    $perlMaturity: Maturity\n  ) {\n    release(dist: $dist, version: $version) {\n      reports(\n        first: $first\n        after: $after\n        grade: $grade\n        perl: $perl\n        perlSeries: $perlSeries\n        osname: $osname\n        perlMaturity: $perlMaturity\n      ) {\n        ...ReportListFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query DistReports(\n    $dist: String!\n    $version: String!\n    $first: Int!\n    $after: String\n    $grade: Grade\n    $perl: String\n    $perlSeries: String\n    $osname: String\n    $perlMaturity: Maturity\n  ) {\n    release(dist: $dist, version: $version) {\n      reports(\n        first: $first\n        after: $after\n        grade: $grade\n        perl: $perl\n        perlSeries: $perlSeries\n        osname: $osname\n        perlMaturity: $perlMaturity\n      ) {\n        ...ReportListFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DistLive($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      reportId\n      version\n      grade\n    }\n  }\n"): (typeof documents)["\n  subscription DistLive($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      reportId\n      version\n      grade\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReleaseMatrixFields on Release {\n    matrix {\n      perlSeries\n      osnames\n      cells {\n        perlSeries\n        osname\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReleaseMatrixFields on Release {\n    matrix {\n      perlSeries\n      osnames\n      cells {\n        perlSeries\n        osname\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportListFields on ReportConnection {\n    nodes {\n      reportId\n      guid\n      grade\n      perl\n      osname\n      osversion\n      platform\n      submittedAt\n      tester {\n        fullName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment ReportListFields on ReportConnection {\n    nodes {\n      reportId\n      guid\n      grade\n      perl\n      osname\n      osversion\n      platform\n      submittedAt\n      tester {\n        fullName\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionListFields on Distribution {\n    name\n    releases(first: 100) {\n      nodes {\n        version\n        upload {\n          releasedAt\n          maturity\n        }\n        allPerls {\n          ...GradeCountsFields\n        }\n        stablePerls {\n          ...GradeCountsFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment VersionListFields on Distribution {\n    name\n    releases(first: 100) {\n      nodes {\n        version\n        upload {\n          releasedAt\n          maturity\n        }\n        allPerls {\n          ...GradeCountsFields\n        }\n        stablePerls {\n          ...GradeCountsFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePage($from: Date!, $to: Date!) {\n    statistics {\n      reportsPerDay(from: $from, to: $to) {\n        period\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      submissionRate(hours: 24) {\n        reports\n        reportsPerMinute\n      }\n    }\n    reports(first: 12) {\n      nodes {\n        reportId\n        guid\n        dist\n        version\n        grade\n        perl\n        osname\n      }\n    }\n    uploads(first: 8) {\n      nodes {\n        dist\n        version\n        releasedAt\n        author {\n          pauseId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query HomePage($from: Date!, $to: Date!) {\n    statistics {\n      reportsPerDay(from: $from, to: $to) {\n        period\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      submissionRate(hours: 24) {\n        reports\n        reportsPerMinute\n      }\n    }\n    reports(first: 12) {\n      nodes {\n        reportId\n        guid\n        dist\n        version\n        grade\n        perl\n        osname\n      }\n    }\n    uploads(first: 8) {\n      nodes {\n        dist\n        version\n        releasedAt\n        author {\n          pauseId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HomeReportsLive {\n    reportProcessed {\n      reportId\n      guid\n      dist\n      version\n      grade\n      perl\n      osname\n    }\n  }\n"): (typeof documents)["\n  subscription HomeReportsLive {\n    reportProcessed {\n      reportId\n      guid\n      dist\n      version\n      grade\n      perl\n      osname\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HomeUploadsLive {\n    uploadAdded {\n      dist\n      version\n      author\n      releasedAt\n    }\n  }\n"): (typeof documents)["\n  subscription HomeUploadsLive {\n    uploadAdded {\n      dist\n      version\n      author\n      releasedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n"): (typeof documents)["\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n"): (typeof documents)["\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatusPage {\n    systemStatus {\n      checkedAt\n      healthy\n      components {\n        kind\n        name\n        state\n        lastSeenAt\n        detail\n      }\n      minutes {\n        minute\n        received\n        processed\n        requests\n      }\n      waitingDocuments\n      failedDocuments\n      lagSeconds\n      lagP99Seconds\n      lastProcessed {\n        guid\n        dist\n        version\n        grade\n        receivedAt\n        processedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query StatusPage {\n    systemStatus {\n      checkedAt\n      healthy\n      components {\n        kind\n        name\n        state\n        lastSeenAt\n        detail\n      }\n      minutes {\n        minute\n        received\n        processed\n        requests\n      }\n      waitingDocuments\n      failedDocuments\n      lagSeconds\n      lagP99Seconds\n      lastProcessed {\n        guid\n        dist\n        version\n        grade\n        receivedAt\n        processedAt\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;