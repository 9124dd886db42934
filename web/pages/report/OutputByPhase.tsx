import { graphql } from "../../generated/gql";
import type { Grade, OutputFieldsFragment } from "../../generated/graphql";

graphql(`
  fragment OutputFields on ReportDetails {
    output {
      uncategorized
      configure
      build
      test
      install
    }
  }
`);

const PHASES = ["configure", "build", "test", "install", "uncategorized"] as const;
const LABELS: Record<(typeof PHASES)[number], string> = {
  configure: "Configure",
  build: "Build",
  test: "Test",
  install: "Install",
  uncategorized: "Output",
};

/** The first line that says what went wrong: a failing test first, else an error or a failure. */
export function firstFailure(text: string): number {
  const lines = text.split("\n");
  const notOk = lines.findIndex((line) => /^\s*not ok\b/.test(line));
  if (notOk >= 0) return notOk;
  return lines.findIndex((line) => /\b(error|failed|died|can't locate|cannot)\b/i.test(line));
}

/** One phase's output; a failing line marked and reachable from the top of the section. */
function Phase({ name, text, mark }: { name: (typeof PHASES)[number]; text: string; mark: boolean }) {
  const lines = text.split("\n");
  const at = mark ? firstFailure(text) : -1;
  return (
    <section className="phase" aria-labelledby={`phase-${name}`}>
      <h3 id={`phase-${name}`}>{LABELS[name]}</h3>
      {at >= 0 ? (
        <pre className="output">
          {lines.slice(0, at).join("\n")}
          {at > 0 && "\n"}
          <mark id={`failure-${name}`} className="failure-line">
            {lines[at]}
          </mark>
          {"\n"}
          {lines.slice(at + 1).join("\n")}
        </pre>
      ) : (
        <pre className="output">{text}</pre>
      )}
    </section>
  );
}

export function OutputByPhase({ details, grade }: { details: OutputFieldsFragment; grade: Grade }) {
  const phases = PHASES.filter((phase) => details.output[phase]);
  // Only a report that did not pass has a failing part to point at.
  const failing = grade === "FAIL" || grade === "UNKNOWN";
  const first = failing ? phases.find((phase) => firstFailure(details.output[phase] ?? "") >= 0) : undefined;
  return (
    <section>
      <h2>Output</h2>
      {first && (
        <p>
          <a className="button" href={`#failure-${first}`}>
            Jump to the first failure ({LABELS[first].toLowerCase()})
          </a>
        </p>
      )}
      {phases.length > 0 ? (
        phases.map((phase) => <Phase key={phase} name={phase} text={details.output[phase] ?? ""} mark={failing} />)
      ) : (
        <p>This report holds no output.</p>
      )}
    </section>
  );
}
