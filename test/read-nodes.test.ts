import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "./generated/index.js";
import { seedCatalogue, TESTER_ID } from "./factories/catalogue.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform } from "./helpers/server.js";

const id = (key: string) => Buffer.from(key).toString("base64");

describe.each(testBackends())("read API: global ids, perl versions and search on $name", (backend) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(backend);
    await seedCatalogue(platform.database.db);
  });
  afterAll(() => platform.stop());

  it("refetches every kind of node by its global id", async () => {
    const ids = [
      id("Report:3"),
      id("Release:Data-Printer/0.39"),
      id("Upload:Foo-Bar/1.0"),
      id("Distribution:Foo-Bar"),
      id("Author:BOB"),
      id(`Tester:${TESTER_ID}`),
      id("PerlVersion:5.41.3"),
      id("Release:Nope/1.0"),
    ];
    const results = await Promise.all(
      ids.map((nodeId) =>
        platform.graphql(
          graphql(`
            query Refetch($id: ID!) {
              node(id: $id) {
                __typename
                id
                ... on Report {
                  reportId
                }
                ... on Release {
                  version
                }
                ... on Upload {
                  filename
                }
                ... on Distribution {
                  name
                }
                ... on Author {
                  pauseId
                }
                ... on Tester {
                  fullName
                }
                ... on PerlVersion {
                  maturity
                }
              }
            }
          `),
          { id: nodeId },
        ),
      ),
    );
    expect(results.map((result) => result.data?.node)).toEqual([
      { __typename: "Report", id: ids[0], reportId: 3 },
      { __typename: "Release", id: ids[1], version: "0.39" },
      { __typename: "Upload", id: ids[2], filename: "Foo-Bar-1.0.tar.gz" },
      { __typename: "Distribution", id: ids[3], name: "Foo-Bar" },
      { __typename: "Author", id: ids[4], pauseId: "BOB" },
      { __typename: "Tester", id: ids[5], fullName: "Grace Tester" },
      { __typename: "PerlVersion", id: ids[6], maturity: "DEV" },
      null,
    ]);
    const bad = await platform.graphql(`{ node(id: "not-an-id") { id } }`);
    expect(bad.errors?.[0]).toMatchObject({
      message: 'id must be a global id from an `id` field, got "not-an-id"',
      extensions: { code: "BAD_USER_INPUT", argument: "id" },
    });
  });

  it("lists perl versions and searches distributions and authors by prefix", async () => {
    const result = await platform.graphql(
      graphql(`
        query Search {
          perlVersions {
            version
            series
            maturity
          }
          stable: perlVersions(maturity: STABLE) {
            version
          }
          searchDistributions(prefix: "DATA-") {
            name
          }
          one: searchDistributions(prefix: "d", first: 1) {
            name
          }
          searchAuthors(prefix: "a") {
            pauseId
          }
          wildcard: searchAuthors(prefix: "%") {
            pauseId
          }
        }
      `),
    );
    expect(result.data).toEqual({
      perlVersions: [
        { version: "5.36.1", series: "5.36", maturity: "STABLE" },
        { version: "5.38.0", series: "5.38", maturity: "STABLE" },
        { version: "5.41.3", series: "5.41", maturity: "DEV" },
      ],
      stable: [{ version: "5.36.1" }, { version: "5.38.0" }],
      searchDistributions: [{ name: "Data-Dumper-Tiny" }, { name: "Data-Printer" }],
      one: [{ name: "Data-Dumper-Tiny" }],
      searchAuthors: [{ pauseId: "ALICE" }],
      wildcard: [],
    });
  });
});
