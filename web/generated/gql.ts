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
    "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n": typeof types.OutputFieldsFragmentDoc,
    "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n": typeof types.PrerequisiteFieldsFragmentDoc,
    "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      reporter\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n": typeof types.ReportPageDocument,
};
const documents: Documents = {
    "\n  fragment GradeCountsFields on GradeCounts {\n    pass\n    fail\n    na\n    unknown\n    total\n  }\n": types.GradeCountsFieldsFragmentDoc,
    "\n  query Search($prefix: String!, $first: Int!) {\n    searchDistributions(prefix: $prefix, first: $first) {\n      name\n    }\n    searchAuthors(prefix: $prefix, first: 5) {\n      pauseId\n    }\n  }\n": types.SearchDocument,
    "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n": types.OutputFieldsFragmentDoc,
    "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n": types.PrerequisiteFieldsFragmentDoc,
    "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      reporter\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n": types.ReportPageDocument,
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
export function graphql(source: "\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n"): (typeof documents)["\n  fragment OutputFields on ReportDetails {\n    output {\n      uncategorized\n      configure\n      build\n      test\n      install\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n"): (typeof documents)["\n  fragment PrerequisiteFields on ReportDetails {\n    prerequisites {\n      phase\n      name\n      need\n      have\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      reporter\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportPage($guid: String, $reportId: Int) {\n    report(guid: $guid, reportId: $reportId) {\n      reportId\n      guid\n      grade\n      dist\n      version\n      perl\n      perlSeries\n      perlMaturity\n      platform\n      osname\n      osversion\n      submittedAt\n      receivedAt\n      reporter\n      tester {\n        fullName\n      }\n      release {\n        author {\n          pauseId\n        }\n      }\n      details {\n        text\n        userAgent\n        comments\n        perlBuild\n        tests\n        failures\n        skipped\n        warnings\n        duration\n        toolchain {\n          name\n          version\n        }\n        ...OutputFields\n        ...PrerequisiteFields\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;