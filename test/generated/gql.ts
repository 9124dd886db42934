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
    "\n      mutation Submit($report: JSONObject!) {\n        submitReport(report: $report) {\n          id\n          created\n        }\n      }\n    ": typeof types.SubmitDocument,
    "\n  subscription LiveReportIds {\n    reportProcessed {\n      reportId\n    }\n  }\n": typeof types.LiveReportIdsDocument,
    "\n  subscription AcrossReports($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      guid\n      dist\n      version\n      author\n      grade\n    }\n  }\n": typeof types.AcrossReportsDocument,
    "\n  subscription AcrossReleases($dist: String!) {\n    releaseUpdated(dist: $dist) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        total\n      }\n    }\n  }\n": typeof types.AcrossReleasesDocument,
    "\n  subscription AcrossUploads($author: String!) {\n    uploadAdded(author: $author) {\n      dist\n      version\n      author\n    }\n  }\n": typeof types.AcrossUploadsDocument,
    "\n  subscription OutageReports {\n    reportProcessed(filter: { dist: \"Outage-Dist\" }) {\n      guid\n      dist\n    }\n  }\n": typeof types.OutageReportsDocument,
    "\n  subscription OutageReleases {\n    releaseUpdated(dist: \"Outage-Dist\") {\n      dist\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n": typeof types.OutageReleasesDocument,
    "\n  query OutageRelease {\n    release(dist: \"Outage-Dist\", version: \"1.00\") {\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n": typeof types.OutageReleaseDocument,
    "\n  subscription LiveReports($filter: ReportProcessedFilter) {\n    reportProcessed(filter: $filter) {\n      reportId\n      guid\n      dist\n      version\n      author\n      grade\n      osname\n      perl\n      perlSeries\n    }\n  }\n": typeof types.LiveReportsDocument,
    "\n  subscription LiveReleases($dist: String!, $version: String) {\n    releaseUpdated(dist: $dist, version: $version) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      stablePerls {\n        pass\n        fail\n        total\n      }\n      updatedAt\n    }\n  }\n": typeof types.LiveReleasesDocument,
    "\n        query ReleaseWithCounts {\n          release(dist: \"Data-Printer\", version: \"0.39\") {\n            dist\n            version\n            updatedAt\n            allPerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n            stablePerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n          }\n          unknown: release(dist: \"No-Such-Dist\", version: \"1.0\") {\n            dist\n          }\n        }\n      ": typeof types.ReleaseWithCountsDocument,
    "\n  mutation AddUpload($distfile: String!, $releasedAt: DateTimeISO) {\n    addUpload(distfile: $distfile, releasedAt: $releasedAt) {\n      outcome\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n": typeof types.AddUploadDocument,
    "\n  subscription LiveUploads($author: String, $dist: String) {\n    uploadAdded(author: $author, dist: $dist) {\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n": typeof types.LiveUploadsDocument,
    "\n  subscription LiveAuthoredReports($author: String!) {\n    reportProcessed(filter: { author: $author }) {\n      dist\n      version\n      author\n    }\n  }\n": typeof types.LiveAuthoredReportsDocument,
};
const documents: Documents = {
    "\n      mutation Submit($report: JSONObject!) {\n        submitReport(report: $report) {\n          id\n          created\n        }\n      }\n    ": types.SubmitDocument,
    "\n  subscription LiveReportIds {\n    reportProcessed {\n      reportId\n    }\n  }\n": types.LiveReportIdsDocument,
    "\n  subscription AcrossReports($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      guid\n      dist\n      version\n      author\n      grade\n    }\n  }\n": types.AcrossReportsDocument,
    "\n  subscription AcrossReleases($dist: String!) {\n    releaseUpdated(dist: $dist) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        total\n      }\n    }\n  }\n": types.AcrossReleasesDocument,
    "\n  subscription AcrossUploads($author: String!) {\n    uploadAdded(author: $author) {\n      dist\n      version\n      author\n    }\n  }\n": types.AcrossUploadsDocument,
    "\n  subscription OutageReports {\n    reportProcessed(filter: { dist: \"Outage-Dist\" }) {\n      guid\n      dist\n    }\n  }\n": types.OutageReportsDocument,
    "\n  subscription OutageReleases {\n    releaseUpdated(dist: \"Outage-Dist\") {\n      dist\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n": types.OutageReleasesDocument,
    "\n  query OutageRelease {\n    release(dist: \"Outage-Dist\", version: \"1.00\") {\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n": types.OutageReleaseDocument,
    "\n  subscription LiveReports($filter: ReportProcessedFilter) {\n    reportProcessed(filter: $filter) {\n      reportId\n      guid\n      dist\n      version\n      author\n      grade\n      osname\n      perl\n      perlSeries\n    }\n  }\n": types.LiveReportsDocument,
    "\n  subscription LiveReleases($dist: String!, $version: String) {\n    releaseUpdated(dist: $dist, version: $version) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      stablePerls {\n        pass\n        fail\n        total\n      }\n      updatedAt\n    }\n  }\n": types.LiveReleasesDocument,
    "\n        query ReleaseWithCounts {\n          release(dist: \"Data-Printer\", version: \"0.39\") {\n            dist\n            version\n            updatedAt\n            allPerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n            stablePerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n          }\n          unknown: release(dist: \"No-Such-Dist\", version: \"1.0\") {\n            dist\n          }\n        }\n      ": types.ReleaseWithCountsDocument,
    "\n  mutation AddUpload($distfile: String!, $releasedAt: DateTimeISO) {\n    addUpload(distfile: $distfile, releasedAt: $releasedAt) {\n      outcome\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n": types.AddUploadDocument,
    "\n  subscription LiveUploads($author: String, $dist: String) {\n    uploadAdded(author: $author, dist: $dist) {\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n": types.LiveUploadsDocument,
    "\n  subscription LiveAuthoredReports($author: String!) {\n    reportProcessed(filter: { author: $author }) {\n      dist\n      version\n      author\n    }\n  }\n": types.LiveAuthoredReportsDocument,
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
export function graphql(source: "\n      mutation Submit($report: JSONObject!) {\n        submitReport(report: $report) {\n          id\n          created\n        }\n      }\n    "): (typeof documents)["\n      mutation Submit($report: JSONObject!) {\n        submitReport(report: $report) {\n          id\n          created\n        }\n      }\n    "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveReportIds {\n    reportProcessed {\n      reportId\n    }\n  }\n"): (typeof documents)["\n  subscription LiveReportIds {\n    reportProcessed {\n      reportId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AcrossReports($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      guid\n      dist\n      version\n      author\n      grade\n    }\n  }\n"): (typeof documents)["\n  subscription AcrossReports($dist: String!) {\n    reportProcessed(filter: { dist: $dist }) {\n      guid\n      dist\n      version\n      author\n      grade\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AcrossReleases($dist: String!) {\n    releaseUpdated(dist: $dist) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AcrossReleases($dist: String!) {\n    releaseUpdated(dist: $dist) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AcrossUploads($author: String!) {\n    uploadAdded(author: $author) {\n      dist\n      version\n      author\n    }\n  }\n"): (typeof documents)["\n  subscription AcrossUploads($author: String!) {\n    uploadAdded(author: $author) {\n      dist\n      version\n      author\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OutageReports {\n    reportProcessed(filter: { dist: \"Outage-Dist\" }) {\n      guid\n      dist\n    }\n  }\n"): (typeof documents)["\n  subscription OutageReports {\n    reportProcessed(filter: { dist: \"Outage-Dist\" }) {\n      guid\n      dist\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OutageReleases {\n    releaseUpdated(dist: \"Outage-Dist\") {\n      dist\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OutageReleases {\n    releaseUpdated(dist: \"Outage-Dist\") {\n      dist\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OutageRelease {\n    release(dist: \"Outage-Dist\", version: \"1.00\") {\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n"): (typeof documents)["\n  query OutageRelease {\n    release(dist: \"Outage-Dist\", version: \"1.00\") {\n      allPerls {\n        pass\n        total\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveReports($filter: ReportProcessedFilter) {\n    reportProcessed(filter: $filter) {\n      reportId\n      guid\n      dist\n      version\n      author\n      grade\n      osname\n      perl\n      perlSeries\n    }\n  }\n"): (typeof documents)["\n  subscription LiveReports($filter: ReportProcessedFilter) {\n    reportProcessed(filter: $filter) {\n      reportId\n      guid\n      dist\n      version\n      author\n      grade\n      osname\n      perl\n      perlSeries\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveReleases($dist: String!, $version: String) {\n    releaseUpdated(dist: $dist, version: $version) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      stablePerls {\n        pass\n        fail\n        total\n      }\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  subscription LiveReleases($dist: String!, $version: String) {\n    releaseUpdated(dist: $dist, version: $version) {\n      dist\n      version\n      allPerls {\n        pass\n        fail\n        na\n        unknown\n        total\n      }\n      stablePerls {\n        pass\n        fail\n        total\n      }\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query ReleaseWithCounts {\n          release(dist: \"Data-Printer\", version: \"0.39\") {\n            dist\n            version\n            updatedAt\n            allPerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n            stablePerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n          }\n          unknown: release(dist: \"No-Such-Dist\", version: \"1.0\") {\n            dist\n          }\n        }\n      "): (typeof documents)["\n        query ReleaseWithCounts {\n          release(dist: \"Data-Printer\", version: \"0.39\") {\n            dist\n            version\n            updatedAt\n            allPerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n            stablePerls {\n              pass\n              fail\n              na\n              unknown\n              total\n            }\n          }\n          unknown: release(dist: \"No-Such-Dist\", version: \"1.0\") {\n            dist\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddUpload($distfile: String!, $releasedAt: DateTimeISO) {\n    addUpload(distfile: $distfile, releasedAt: $releasedAt) {\n      outcome\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n"): (typeof documents)["\n  mutation AddUpload($distfile: String!, $releasedAt: DateTimeISO) {\n    addUpload(distfile: $distfile, releasedAt: $releasedAt) {\n      outcome\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveUploads($author: String, $dist: String) {\n    uploadAdded(author: $author, dist: $dist) {\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n"): (typeof documents)["\n  subscription LiveUploads($author: String, $dist: String) {\n    uploadAdded(author: $author, dist: $dist) {\n      dist\n      version\n      author\n      filename\n      releasedAt\n      maturity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveAuthoredReports($author: String!) {\n    reportProcessed(filter: { author: $author }) {\n      dist\n      version\n      author\n    }\n  }\n"): (typeof documents)["\n  subscription LiveAuthoredReports($author: String!) {\n    reportProcessed(filter: { author: $author }) {\n      dist\n      version\n      author\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;