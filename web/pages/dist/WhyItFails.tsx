import { useEffect, useRef } from "react";
import { useQuery } from "urql";
import { GRADES } from "../../components/Grade";
import { Num, useHydrated } from "../../components/format";
import { graphql } from "../../generated/gql";
import type { WhyItFailsFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment WhyItFailsFields on Release {
    whyItFails {
      signatures(first: 10) {
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
          ...ExampleReportFields
        }
      }
      factors {
        reports
        level
        method
        factors {
          kind
          title
          failsWith
          passesWith
          failsWithout
          passesWithout
          pValue
          adjustedPValue
          failExamples {
            ...ExampleReportFields
          }
          passExamples {
            ...ExampleReportFields
          }
        }
      }
      prerequisiteBreak {
        module
        lastPassing
        firstFailing
      }
      flakyMachines {
        archname
        perl
        osname
        osversion
        passes
        fails
        passExamples {
          ...ExampleReportFields
        }
        failExamples {
          ...ExampleReportFields
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
`);

export const ReleaseWhyItFailsDocument = graphql(`
  query ReleaseWhyItFails($dist: String!, $version: String!) {
    release(dist: $dist, version: $version) {
      version
      ...WhyItFailsFields
    }
  }
`);

graphql(`
  fragment ExampleReportFields on Report {
    reportId
    guid
    grade
    perl
    osname
  }
`);

type Diagnosis = WhyItFailsFieldsFragment["whyItFails"];
type Example = Diagnosis["signatures"][number]["examples"][number];

/** A p-value as people read it: three significant digits, or "< 0.0001". */
export function formatP(p: number): string {
  return p < 0.0001 ? "< 0.0001" : p.toPrecision(3).replace(/\.?0+$/, "");
}

const list = (items: readonly string[], most = 6) =>
  items.length > most ? `${items.slice(0, most).join(", ")} and ${items.length - most} more` : items.join(", ");

function Examples({ reports, label }: { reports: readonly Example[]; label: string }) {
  if (reports.length === 0) return null;
  return (
    <span className="examples">
      {label}:{" "}
      {reports.map((report, index) => (
        <span key={report.guid}>
          {index > 0 && ", "}
          <a
            href={`/report/${report.guid}`}
            title={`${GRADES[report.grade].label} on perl ${report.perl}, ${report.osname}`}
          >
            <span aria-hidden="true">{GRADES[report.grade].symbol}</span> {report.reportId}
          </a>
        </span>
      ))}
    </span>
  );
}

/** The address of a release's why-it-fails page, server-rendered on its own. */
export const whyItFailsPath = (dist: string, version: string) =>
  `/dist/${encodeURIComponent(dist)}/${encodeURIComponent(version)}/why`;

const NoFailures = () => (
  <p className="why-none muted" data-why="none">
    No failures to explain.
  </p>
);

/**
 * Why-it-fails on the distribution page: asked for once the page is live, never on the server.
 * The analysis costs more than the rest of the page together (a dozen statements over the
 * release's reports, factors and failures), and sits below the matrix, so the first render goes
 * without it; its own page (`whyItFailsPath`) renders it on the server for readers without
 * JavaScript. A release without failures has nothing to explain and asks for nothing.
 */
export function WhyItFailsLater({ dist, version, fails }: { dist: string; version: string; fails: number }) {
  const hydrated = useHydrated();
  const [result, refetch] = useQuery({
    query: ReleaseWhyItFailsDocument,
    variables: { dist, version },
    pause: !hydrated || fails === 0,
  });
  // New failures change the analysis: ask again when the count the page shows changes.
  const seen = useRef(fails);
  useEffect(() => {
    if (seen.current === fails) return;
    seen.current = fails;
    if (fails > 0) refetch({ requestPolicy: "network-only" });
  }, [fails, refetch]);
  if (fails === 0) return <NoFailures />;
  const release = result.data?.release;
  if (release) return <WhyItFails release={release} />;
  return (
    <section className="why-it-fails" aria-labelledby="why-heading" aria-busy={hydrated}>
      <h2 id="why-heading">Why it fails</h2>
      <p className="muted">
        <a href={whyItFailsPath(dist, version)}>
          {result.error ? "The analysis could not be loaded: open it on its own page" : "The analysis of its failures"}
        </a>
        {hydrated && !result.error && " is loading…"}
      </p>
    </section>
  );
}

/** Why a release fails: its failures by signature, the factors, a breaking prerequisite, flaky machines, a regression. */
export function WhyItFails({ release: { whyItFails: why } }: { release: WhyItFailsFieldsFragment }) {
  const { signatures, factors, prerequisiteBreak, flakyMachines, regression } = why;
  if (signatures.length === 0 && factors.factors.length === 0 && flakyMachines.length === 0 && regression.cells.length === 0)
    return <NoFailures />;
  return (
    <section className="why-it-fails" aria-labelledby="why-heading">
      <h2 id="why-heading">Why it fails</h2>
      {prerequisiteBreak && (
        <p className="card why-break" data-why="prerequisite">
          <strong>
            Fails with {prerequisiteBreak.module} ≥ {prerequisiteBreak.firstFailing}
          </strong>
          {prerequisiteBreak.lastPassing && (
            <>
              ; passes with {prerequisiteBreak.module} {prerequisiteBreak.lastPassing}
            </>
          )}
          .
        </p>
      )}
      {regression.cells.length > 0 && (
        <div className="why-block" data-why="regression">
          <h3>Regression{regression.previousVersion && ` since ${regression.previousVersion}`}</h3>
          <ul>
            {regression.cells.map((cell) => (
              <li key={`${cell.perlSeries} ${cell.osname}`}>
                perl {cell.perlSeries} on {cell.osname}: <Num value={cell.failsNow} /> fail now,{" "}
                <Num value={cell.passedBefore} /> passed in {regression.previousVersion}
              </li>
            ))}
          </ul>
        </div>
      )}
      {signatures.length > 0 && (
        <div className="why-block" data-why="signatures">
          <h3>How it fails</h3>
          <ul className="why-list">
            {signatures.map((group) => (
              <li key={group.signature.id}>
                <a href={`/failure/${group.signature.id}`}>
                  <code>{group.signature.title}</code>
                </a>{" "}
                <span className="pill">{group.signature.kind}</span>{" "}
                <strong>
                  <Num value={group.reports} /> report{group.reports === 1 ? "" : "s"}
                </strong>
                {group.testFiles.length > 0 && <> in {list(group.testFiles)}</>}
                <br />
                <span className="muted">
                  perl {list(group.perls)} · {list(group.osnames)}
                </span>{" "}
                <Examples reports={group.examples} label="e.g." />
              </li>
            ))}
          </ul>
        </div>
      )}
      {factors.factors.length > 0 && (
        <div className="why-block" data-why="factors">
          <h3>What separates fails from passes</h3>
          <div className="table-wrap">
            <table className="compact why-factors">
              <caption className="muted">
                {factors.method} Shown under an adjusted p of {factors.level}, from {factors.reports} reports.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Factor</th>
                  <th scope="col">With it: fail / pass</th>
                  <th scope="col">Without: fail / pass</th>
                  <th scope="col">p (adjusted)</th>
                  <th scope="col">Examples</th>
                </tr>
              </thead>
              <tbody>
                {factors.factors.map((factor) => (
                  <tr key={factor.title}>
                    <th scope="row">
                      {factor.title} <span className="muted">({factor.kind})</span>
                    </th>
                    <td>
                      {factor.failsWith} / {factor.passesWith}
                    </td>
                    <td>
                      {factor.failsWithout} / {factor.passesWithout}
                    </td>
                    <td>
                      {formatP(factor.pValue)} ({formatP(factor.adjustedPValue)})
                    </td>
                    <td>
                      <Examples reports={factor.failExamples} label="fail" />{" "}
                      <Examples reports={factor.passExamples} label="pass" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {flakyMachines.length > 0 && (
        <div className="why-block" data-why="flaky">
          <h3>Flaky machines</h3>
          <p className="muted">Machines that both passed and failed this release.</p>
          <ul className="why-list">
            {flakyMachines.map((machine, index) => (
              // A machine is named by what it runs; the example reports name its tester.
              <li key={index}>
                Perl {machine.perl} on {machine.osname} {machine.osversion}{" "}
                <code>{machine.archname}</code> — {machine.fails} fail, {machine.passes} pass.{" "}
                <Examples reports={machine.failExamples} label="fail" />{" "}
                <Examples reports={machine.passExamples} label="pass" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
