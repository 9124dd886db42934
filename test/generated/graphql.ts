/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The outcome of a test report. */
export type Grade =
  /** The tests failed. */
  | 'FAIL'
  /** The release does not apply to the tester's system (OS, perl version, ...). */
  | 'NA'
  /** The tests passed. */
  | 'PASS'
  /** The tests could not run (no tests, a build failure, ...). */
  | 'UNKNOWN';

/** Stable or development: of a perl (odd minor version from 5.7 on, or an RC) or of a release. */
export type Maturity =
  /** A development perl, or a trial release (`_` in the version, or -TRIAL). */
  | 'DEV'
  /** A stable perl, or a release for production. */
  | 'STABLE';

/** Which reports a reportProcessed subscription receives: every criterion given must match; none given, every report. */
export type ReportProcessedFilter = {
  /** PAUSE id of the release's author, in any case; reports of releases whose upload is unknown never match. */
  author?: string | null | undefined;
  /** Distribution name, exactly, e.g. `Data-Printer`. */
  dist?: string | null | undefined;
  /** Only reports of this grade. */
  grade?: Grade | null | undefined;
  /** The OS as perl names it (`MSWin32`), in any case. */
  osname?: string | null | undefined;
  /** Perl series, major.minor: `"5.36"`. */
  perlSeries?: string | null | undefined;
};

/** What addUpload did. */
export type UploadOutcome =
  /** The release was not known: it is now, and uploadAdded subscribers were told. */
  | 'ADDED'
  /** The release was known only from its reports: its author, file and date are now filled in, and uploadAdded subscribers were told. */
  | 'COMPLETED'
  /** This upload was already known: nothing changed, nothing was published. */
  | 'UNCHANGED';

export type SubmitMutationVariables = Exact<{
  report: unknown;
}>;


export type SubmitMutation = { submitReport: { id: string, created: boolean } };

export type LiveReportIdsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveReportIdsSubscription = { reportProcessed: { reportId: number } };

export type AcrossReportsSubscriptionVariables = Exact<{
  dist: string;
}>;


export type AcrossReportsSubscription = { reportProcessed: { guid: string, dist: string, version: string, author: string | null, grade: Grade } };

export type AcrossReleasesSubscriptionVariables = Exact<{
  dist: string;
}>;


export type AcrossReleasesSubscription = { releaseUpdated: { dist: string, version: string, allPerls: { pass: number, fail: number, total: number } } };

export type AcrossUploadsSubscriptionVariables = Exact<{
  author: string;
}>;


export type AcrossUploadsSubscription = { uploadAdded: { dist: string, version: string, author: string } };

export type OutageReportsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OutageReportsSubscription = { reportProcessed: { guid: string, dist: string } };

export type OutageReleasesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OutageReleasesSubscription = { releaseUpdated: { dist: string, allPerls: { pass: number, total: number } } };

export type OutageReleaseQueryVariables = Exact<{ [key: string]: never; }>;


export type OutageReleaseQuery = { release: { allPerls: { pass: number, total: number } } | null };

export type LiveReportsSubscriptionVariables = Exact<{
  filter?: ReportProcessedFilter | null | undefined;
}>;


export type LiveReportsSubscription = { reportProcessed: { reportId: number, guid: string, dist: string, version: string, author: string | null, grade: Grade, osname: string, perl: string, perlSeries: string } };

export type LiveReleasesSubscriptionVariables = Exact<{
  dist: string;
  version?: string | null | undefined;
}>;


export type LiveReleasesSubscription = { releaseUpdated: { dist: string, version: string, updatedAt: string, allPerls: { pass: number, fail: number, na: number, unknown: number, total: number }, stablePerls: { pass: number, fail: number, total: number } } };

export type ReleaseWithCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReleaseWithCountsQuery = { release: { dist: string, version: string, updatedAt: string, allPerls: { pass: number, fail: number, na: number, unknown: number, total: number }, stablePerls: { pass: number, fail: number, na: number, unknown: number, total: number } } | null, unknown: { dist: string } | null };

export type AddUploadMutationVariables = Exact<{
  distfile: string;
  releasedAt?: string | null | undefined;
}>;


export type AddUploadMutation = { addUpload: { outcome: UploadOutcome, dist: string, version: string, author: string, filename: string, releasedAt: string, maturity: Maturity } };

export type LiveUploadsSubscriptionVariables = Exact<{
  author?: string | null | undefined;
  dist?: string | null | undefined;
}>;


export type LiveUploadsSubscription = { uploadAdded: { dist: string, version: string, author: string, filename: string, releasedAt: string, maturity: Maturity } };

export type LiveAuthoredReportsSubscriptionVariables = Exact<{
  author: string;
}>;


export type LiveAuthoredReportsSubscription = { reportProcessed: { dist: string, version: string, author: string | null } };


export const SubmitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Submit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"report"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"report"},"value":{"kind":"Variable","name":{"kind":"Name","value":"report"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"created"}}]}}]}}]} as unknown as DocumentNode<SubmitMutation, SubmitMutationVariables>;
export const LiveReportIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveReportIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProcessed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportId"}}]}}]}}]} as unknown as DocumentNode<LiveReportIdsSubscription, LiveReportIdsSubscriptionVariables>;
export const AcrossReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AcrossReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dist"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProcessed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"dist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dist"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"guid"}},{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}}]}}]} as unknown as DocumentNode<AcrossReportsSubscription, AcrossReportsSubscriptionVariables>;
export const AcrossReleasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AcrossReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dist"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dist"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"allPerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"fail"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]} as unknown as DocumentNode<AcrossReleasesSubscription, AcrossReleasesSubscriptionVariables>;
export const AcrossUploadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AcrossUploads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"author"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"author"},"value":{"kind":"Variable","name":{"kind":"Name","value":"author"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}}]}}]}}]} as unknown as DocumentNode<AcrossUploadsSubscription, AcrossUploadsSubscriptionVariables>;
export const OutageReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OutageReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProcessed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"dist"},"value":{"kind":"StringValue","value":"Outage-Dist","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"guid"}},{"kind":"Field","name":{"kind":"Name","value":"dist"}}]}}]}}]} as unknown as DocumentNode<OutageReportsSubscription, OutageReportsSubscriptionVariables>;
export const OutageReleasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OutageReleases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"StringValue","value":"Outage-Dist","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"allPerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]} as unknown as DocumentNode<OutageReleasesSubscription, OutageReleasesSubscriptionVariables>;
export const OutageReleaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OutageRelease"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"StringValue","value":"Outage-Dist","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"StringValue","value":"1.00","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allPerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]} as unknown as DocumentNode<OutageReleaseQuery, OutageReleaseQueryVariables>;
export const LiveReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportProcessedFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProcessed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"guid"}},{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"osname"}},{"kind":"Field","name":{"kind":"Name","value":"perl"}},{"kind":"Field","name":{"kind":"Name","value":"perlSeries"}}]}}]}}]} as unknown as DocumentNode<LiveReportsSubscription, LiveReportsSubscriptionVariables>;
export const LiveReleasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveReleases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dist"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dist"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"allPerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"fail"}},{"kind":"Field","name":{"kind":"Name","value":"na"}},{"kind":"Field","name":{"kind":"Name","value":"unknown"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stablePerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"fail"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<LiveReleasesSubscription, LiveReleasesSubscriptionVariables>;
export const ReleaseWithCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReleaseWithCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"StringValue","value":"Data-Printer","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"StringValue","value":"0.39","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"allPerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"fail"}},{"kind":"Field","name":{"kind":"Name","value":"na"}},{"kind":"Field","name":{"kind":"Name","value":"unknown"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stablePerls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pass"}},{"kind":"Field","name":{"kind":"Name","value":"fail"}},{"kind":"Field","name":{"kind":"Name","value":"na"}},{"kind":"Field","name":{"kind":"Name","value":"unknown"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"unknown"},"name":{"kind":"Name","value":"release"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"StringValue","value":"No-Such-Dist","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"StringValue","value":"1.0","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}}]}}]}}]} as unknown as DocumentNode<ReleaseWithCountsQuery, ReleaseWithCountsQueryVariables>;
export const AddUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"distfile"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"releasedAt"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"distfile"},"value":{"kind":"Variable","name":{"kind":"Name","value":"distfile"}}},{"kind":"Argument","name":{"kind":"Name","value":"releasedAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"releasedAt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"releasedAt"}},{"kind":"Field","name":{"kind":"Name","value":"maturity"}}]}}]}}]} as unknown as DocumentNode<AddUploadMutation, AddUploadMutationVariables>;
export const LiveUploadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveUploads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"author"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dist"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"author"},"value":{"kind":"Variable","name":{"kind":"Name","value":"author"}}},{"kind":"Argument","name":{"kind":"Name","value":"dist"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dist"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"releasedAt"}},{"kind":"Field","name":{"kind":"Name","value":"maturity"}}]}}]}}]} as unknown as DocumentNode<LiveUploadsSubscription, LiveUploadsSubscriptionVariables>;
export const LiveAuthoredReportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveAuthoredReports"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"author"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProcessed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"author"},"value":{"kind":"Variable","name":{"kind":"Name","value":"author"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dist"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"author"}}]}}]}}]} as unknown as DocumentNode<LiveAuthoredReportsSubscription, LiveAuthoredReportsSubscriptionVariables>;