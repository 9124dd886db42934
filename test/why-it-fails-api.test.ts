import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLANTED, plantedReports } from "../bench/generate/planted-causes.js";
import { processAll } from "../src/etl/process-batch.js";
import { Topic } from "../src/events/topics.js";
import { queueReports } from "./factories/report.factory.js";
import type { ResultOf } from "@graphql-typed-document-node/core";
import { graphql } from "./generated/index.js";
import { testBackends } from "./helpers/database.js";
import { startTestPlatform, type TestPlatform, testLog } from "./helpers/server.js";
import { subscribe, waitForSubscribers } from "./helpers/subscriber.js";

const WHY = graphql(`
  query WhyItFails($dist: String!, $version: String!) {
    release(dist: $dist, version: $version) {
      whyItFails {
        signatures {
          signature {
            id
            kind
            title
          }
          reports
          testFiles
          perls
          osnames
          examples {
            reportId
          }
        }
        factors {
          reports
          tested
          level
          method
          factors {
            kind
            name
            operator
            value
            title
            failsWith
            passesWith
            failsWithout
            passesWithout
            pValue
            adjustedPValue
            below
            failExamples {
              grade
            }
            passExamples {
              grade
            }
          }
        }
        prerequisiteBreak {
          module
          lastPassing
          firstFailing
        }
        flakyMachines {
          tester
          archname
          perl
          osname
          osversion
          passes
          fails
          passExamples {
            grade
          }
          failExamples {
            grade
          }
        }
        regression {
          previousVersion
          cells {
            perlSeries
            osname
            passedBefore
            failsNow
          }
        }
      }
    }
  }
`);

const SEARCH = graphql(`
  query SearchReportText($text: String!, $first: Int, $after: String, $dist: String, $perl: String) {
    searchReports(text: $text, first: $first, after: $after, dist: $dist, perl: $perl) {
      edges {
        cursor
        node {
          rank
          report {
            reportId
            dist
            failures {
              signature {
                title
              }
              testFile
              otherReports
            }
          }
          excerpts {
            text
            matches {
              start
              length
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const REGRESSIONS = graphql(`
  subscription RegressionsOf($dist: String) {
    regressionDetected(dist: $dist) {
      dist
      version
      previousVersion
      cells {
        perlSeries
        osname
        failsNow
      }
    }
  }
`);

const BLEAD = graphql(`
  query BleadAndSpreading($since: DateTime) {
    bleadBreaksCpan(perl: "5.41.7", stable: "5.40") {
      dist
      version
      stablePasses
      devFails
    }
    spreadingFailures(since: $since) {
      signature {
        id
        title
      }
      distributions
      reports
    }
  }
`);

const SIGNATURE = graphql(`
  query OneSignature($id: ID!) {
    failureSignature(id: $id) {
      reports
      distributions
      firstSeenAt
    }
  }
`);

const SIGNATURE_REPORTS = graphql(`
  query SignatureReports($id: ID!, $first: Int!, $after: String) {
    failureSignature(id: $id) {
      signature {
        reports(first: $first, after: $after) {
          nodes {
            reportId
            dist
            grade
          }
          pageInfo {
            hasNextPage
            hasPreviousPage
            endCursor
          }
        }
      }
    }
  }
`);

type SignatureReports = NonNullable<ResultOf<typeof SIGNATURE_REPORTS>["failureSignature"]>["signature"]["reports"];

describe.each(testBackends())("why it fails through GraphQL ($name)", (backend) => {
  let platform: TestPlatform;
  const regressions = () => subscribe(platform.url, REGRESSIONS, { dist: PLANTED.regression.dist });
  let live: ReturnType<typeof regressions>;

  beforeAll(async () => {
    platform = await startTestPlatform(backend, { etl: false });
    live = regressions();
    await waitForSubscribers(platform.events, Topic.regressionDetected, 1);
    await queueReports(platform.database.db, plantedReports(2));
    await processAll({ db: platform.database.db, events: platform.events, log: testLog }, 100);
  });
  afterAll(async () => {
    await live.dispose();
    await platform.stop();
  });

  const why = async (dist: string, version: string) => {
    const { data, errors } = await platform.graphql(WHY, { dist, version });
    expect(errors).toBeUndefined();
    const diagnosis = data?.release?.whyItFails;
    if (!diagnosis) throw new Error(`no diagnosis of ${dist} ${version}`);
    return diagnosis;
  };

  it("names the breaking prerequisite, with the evidence, and groups the failures", async () => {
    const { dist, version, module, breaking, lastGood } = PLANTED.prerequisite;
    const diagnosis = await why(dist, version);
    expect(diagnosis.prerequisiteBreak).toEqual({ module, lastPassing: lastGood, firstFailing: breaking });
    const [top] = diagnosis.factors.factors;
    expect(top).toMatchObject({ kind: "prereq", title: `${module} ≥ ${breaking}`, passesWith: 0, failsWithout: 0 });
    expect(top?.adjustedPValue).toBeLessThan(diagnosis.factors.level);
    expect(top?.failExamples.map((r) => r.grade)).toEqual(["FAIL", "FAIL", "FAIL"]);
    expect(top?.passExamples.map((r) => r.grade)).toEqual(["PASS", "PASS", "PASS"]);
    expect(diagnosis.factors.method).toContain("Fisher's exact test");
    expect(diagnosis.signatures).toHaveLength(1);
    expect(diagnosis.signatures[0]).toMatchObject({
      signature: { kind: "undefined-subroutine" },
      testFiles: ["t/accessors.t"],
    });
    expect(diagnosis.signatures[0]?.examples).toHaveLength(3);
  });

  it("shows no factor and no regression for the release with random fails, and its machines as flaky", async () => {
    const diagnosis = await why(PLANTED.noCause.dist, PLANTED.noCause.version);
    expect(diagnosis.factors.factors).toEqual([]);
    expect(diagnosis.prerequisiteBreak).toBeNull();
    // Random fails on one machine are what flaky means: the same machine both passes and fails.
    for (const machine of diagnosis.flakyMachines) {
      expect(machine.passes * machine.fails).toBeGreaterThan(0);
      expect(machine.tester ?? "").not.toContain("@");
    }
    expect(diagnosis.regression).toEqual({ previousVersion: null, cells: [] });
  });

  it("flags the flaky machine and the regressed cells", async () => {
    const flaky = await why(PLANTED.flaky.dist, PLANTED.flaky.version);
    expect(flaky.flakyMachines).toEqual([
      expect.objectContaining({ tester: "Flo Flaky", passes: 1, fails: 1, failExamples: [{ grade: "FAIL" }] }),
    ]);
    const { dist, version, previous, osname } = PLANTED.regression;
    const regressed = await why(dist, version);
    expect(regressed.regression.previousVersion).toBe(previous);
    expect(regressed.regression.cells.map((c) => c.osname)).toEqual([osname]);
  });

  it("delivers regressionDetected to a subscriber of that distribution", async () => {
    const [event] = await live.waitForCount(1);
    expect(event?.data?.regressionDetected).toMatchObject({
      dist: PLANTED.regression.dist,
      version: PLANTED.regression.version,
      previousVersion: PLANTED.regression.previous,
      cells: [{ perlSeries: "5.38", osname: PLANTED.regression.osname }],
    });
  });

  it("searches report text exactly, pages with cursors, highlights the matches and counts the same failures", async () => {
    type Hit = NonNullable<ResultOf<typeof SEARCH>>["searchReports"]["edges"][number]["node"];
    const hits: Hit[] = [];
    let after: string | null = null;
    do {
      const variables: { text: string; first: number; after: string | null } = {
        text: "Can't locate Net/Ghost.pm",
        first: 5,
        after,
      };
      const { data, errors }: { data?: ResultOf<typeof SEARCH> | null; errors?: unknown } = await platform.graphql(
        SEARCH,
        variables,
      );
      expect(errors).toBeUndefined();
      hits.push(...(data?.searchReports.edges.map((e) => e.node) ?? []));
      after = data?.searchReports.pageInfo.hasNextPage ? (data.searchReports.pageInfo.endCursor ?? null) : null;
    } while (after);
    expect(hits).toHaveLength(12);
    expect(new Set(hits.map((h) => h.report.dist))).toEqual(new Set(PLANTED.recurring.dists));
    for (const hit of hits) {
      const excerpt = hit.excerpts[0];
      const match = excerpt?.matches[0];
      expect(match && excerpt.text.slice(match.start, match.start + match.length)).toBe("Can't locate Net/Ghost.pm");
      expect(hit.report.failures).toEqual([
        { signature: { title: PLANTED.recurring.text }, testFile: "t/01-net.t", otherReports: 11 },
      ]);
    }
    const blead = await platform.graphql(SEARCH, { text: "syntax error", perl: "5.40" });
    expect(blead.data?.searchReports.edges).toEqual([]);
  });

  it("refuses a search text too short to look up, and a cursor of another list", async () => {
    const short = await platform.graphql(SEARCH, { text: "ab" });
    expect(short.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const wrong = await platform.graphql(SEARCH, { text: "abc", after: "bm9wZQ" });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("lists Blead Breaks CPAN and the signatures spreading across distributions", async () => {
    const { data, errors } = await platform.graphql(BLEAD, { since: "2026-11-15T00:00:00Z" });
    expect(errors?.[0]?.message).toBeUndefined();
    expect(data?.bleadBreaksCpan.map((b) => b.dist)).toEqual([...PLANTED.blead.dists]);
    expect(data?.spreadingFailures[0]).toMatchObject({
      signature: { title: PLANTED.recurring.text },
      distributions: 4,
      reports: 12,
    });
    const one = await platform.graphql(SIGNATURE, { id: data?.spreadingFailures[0]?.signature.id ?? "" });
    expect(one.data?.failureSignature).toMatchObject({ reports: 12, distributions: 4 });
  });

  it("pages through the reports failing with a signature, newest first, each once", async () => {
    const { data } = await platform.graphql(BLEAD, { since: "2026-11-15T00:00:00Z" });
    const id = data?.spreadingFailures[0]?.signature.id ?? "";
    const seen: { reportId: number; dist: string; grade: string }[] = [];
    const pages: boolean[] = [];
    const pageAfter = async (after: string | null): Promise<SignatureReports> => {
      const page = await platform.graphql(SIGNATURE_REPORTS, { id, first: 5, after });
      expect(page.errors).toBeUndefined();
      const reports = page.data?.failureSignature?.signature.reports;
      if (!reports) throw new Error(`no reports of signature ${id}`);
      return reports;
    };
    let after: string | null = null;
    do {
      const reports = await pageAfter(after);
      seen.push(...reports.nodes);
      pages.push(reports.pageInfo.hasPreviousPage);
      after = reports.pageInfo.hasNextPage ? reports.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([false, true, true]);
    expect(seen).toHaveLength(12);
    const ids = seen.map((r) => r.reportId);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(12);
    expect(new Set(seen.map((r) => r.dist))).toEqual(new Set(PLANTED.recurring.dists));
    expect(new Set(seen.map((r) => r.grade))).toEqual(new Set(["FAIL"]));

    const wrong = await platform.graphql(SIGNATURE_REPORTS, { id, first: 5, after: "bm90IGEgY3Vyc29y" });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
