import { createHash } from "node:crypto";
import type { Prerequisite, ReportDocument } from "../report/index.js";
import { normaliseMessage } from "./normalise.js";
import { compareVersions, versionNumber } from "./versions.js";

export const FAILURE_KINDS = [
  "test",
  "missing-module",
  "undefined-subroutine",
  "compile-error",
  "died",
  "bail-out",
  "timeout",
  "build",
  "configure",
  "prerequisite",
  "unsupported",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** One way a report failed: a test file's first failure, or a failed phase. */
export interface Failure {
  /** 16 hex digits, the same for the same failure on any machine. */
  signature: string;
  kind: FailureKind;
  /** What a person reads: `t/basic.t: Failed test 'parses dates' at line 12`. */
  title: string;
  /** The test file that failed, or null for a failure of the whole report (a phase, a prerequisite). */
  testFile: string | null;
}

/** At most this many failures are kept per report: the first ones say why, the rest repeat them. */
export const MAX_FAILURES_PER_REPORT = 20;

// Kinds whose message names the cause on its own: the same text in two test files (or two
// distributions) is one signature. A failed test or a died script is specific to its file.
const FILE_INDEPENDENT = new Set<FailureKind>(["missing-module", "undefined-subroutine", "compile-error", "timeout"]);

/**
 * The failures of a non-pass report, from its output and its prerequisites: per failing test
 * file its first failure; a configure or build phase that failed; missing or unsatisfied
 * prerequisites. A pass gives none.
 */
export function extractFailures(doc: ReportDocument): Failure[] {
  if (doc.result.grade === "pass") return [];
  const found = new Map<string, Failure>();
  const add = (kind: FailureKind, message: string, testFile: string | null) => {
    if (found.size >= MAX_FAILURES_PER_REPORT) return;
    const failure = makeFailure(kind, message, testFile);
    found.set(`${failure.signature}\u0000${testFile ?? ""}`, failure);
  };

  for (const prerequisite of doc.distribution.prerequisites ?? []) {
    const problem = prerequisiteProblem(prerequisite);
    if (problem) add("prerequisite", problem, null);
  }
  const { output } = doc.result;
  const phases = [output.configure, output.build, output.test, output.install, output.uncategorized];
  for (const text of phases) if (text) scanOutput(text, add);
  if (found.size === 0) {
    if (output.configure && !output.build && !output.test) add("configure", "configure failed", null);
    else if (output.build && !output.test) add("build", "build failed", null);
  }
  return [...found.values()];
}

/** The signature of a kind and a message, as {@link extractFailures} computes it. */
export function makeFailure(kind: FailureKind, message: string, testFile: string | null): Failure {
  const normalised = normaliseMessage(message);
  const file = FILE_INDEPENDENT.has(kind) ? null : testFile;
  const signature = createHash("sha1")
    .update(`${kind}\u0000${file ?? ""}\u0000${normalised}`)
    .digest("hex")
    .slice(0, 16);
  const title = file ? `${file}: ${normalised.replace(` at ${file} line`, " at line")}` : normalised;
  return { signature, kind, title, testFile };
}

function prerequisiteProblem({ name, need, have }: Prerequisite): string | null {
  if (name === "perl") return null;
  const missing = have === undefined || /^(?:|n\/a|missing|undef)$/i.test(have.trim());
  const needs = versionNumber(need) ? ` (needs ${need})` : "";
  if (missing) return `Prerequisite ${name} missing${needs}`;
  if (versionNumber(need) && versionNumber(have) !== null && compareVersions(have, need) < 0) {
    return `Prerequisite ${name} ${have} installed, needs ${need}`;
  }
  return null;
}

type Add = (kind: FailureKind, message: string, testFile: string | null) => void;

// `t/basic.t ....... ok`, `t/basic.t .. 1/5`, `t/basic.t (Wstat: 256 ...)`: a harness line naming a file.
const PROGRESS = /^((?:x?t|tests?)\/[\w./-]+\.t)\s+(?:\.{2,}|\(Wstat)/;
const SUMMARY_FILE = /^((?:x?t|tests?)\/[\w./-]+\.t)\s+\(Wstat: \d+ Tests: \d+ Failed: \d+\)/;

interface Rule {
  kind: FailureKind;
  pattern: RegExp;
  /** The message kept, from the match. */
  message: (match: RegExpExecArray, next: string | undefined, before: readonly string[]) => string;
}

const RULES: Rule[] = [
  { kind: "missing-module", pattern: /Can't locate (\S+\.pm) in @INC/, message: (m) => `Can't locate ${m[1]} in @INC` },
  {
    kind: "undefined-subroutine",
    pattern: /Undefined subroutine (&[\w:]+) called/,
    message: (m) => `Undefined subroutine ${m[1]} called`,
  },
  {
    kind: "compile-error",
    pattern:
      /(syntax error at .+?(?:, near|$)|Global symbol "[^"]+" requires explicit package name|Can't locate object method "\w+" via package "[\w:]+"|Bareword "[^"]+" not allowed while "strict subs" in use)/,
    message: (m) => (m[1] ?? "").replace(/, near$/, ""),
  },
  {
    kind: "test",
    pattern: /^#\s+Failed (?:\(TODO\) )?test (?:'(.*)'|"(.*)"|(at .+ line \d+))\.?\s*$/,
    message: (m, next) => {
      const where = next ? /^#\s+(at .+ line \d+)\.?/.exec(next)?.[1] : undefined;
      const name = m[1] ?? m[2];
      return name !== undefined ? `Failed test '${name}'${where ? ` ${where}` : ""}` : `Failed test ${m[3]}`;
    },
  },
  { kind: "bail-out", pattern: /^Bail out!\s*(.*)$/, message: (m) => `Bail out! ${m[1] ?? ""}` },
  {
    kind: "timeout",
    pattern: /(Timeout \(max run time is \d+s\)|timed out after \d+|Terminated by timeout|killed after \d+ seconds)/i,
    message: () => "Timed out",
  },
  {
    kind: "died",
    pattern: /^#\s+Looks like your test (?:exited with (\d+)|died) (?:just )?(?:after|before) /,
    message: (m, _next, before) => diedMessage(m[1], before),
  },
  { kind: "died", pattern: /Dubious, test returned (\d+)/, message: (m, _next, before) => diedMessage(m[1], before) },
  {
    kind: "test",
    pattern: /^\s+Failed tests?:\s+([\d, -]+)$/,
    message: (m) => `Failed test number ${(m[1] ?? "").trim()}`,
  },
  {
    kind: "build",
    pattern: /((?:fatal )?error: .+|make(?:\[\d+\])?: \*\*\* .+ Error \d+|dmake: Error code \d+|gmake: \*\*\* .+)$/,
    message: (m) => `build failed: ${(m[1] ?? "").replace(/\[[^\]]*\]/, "[…]")}`,
  },
  {
    kind: "unsupported",
    pattern: /^(OS unsupported|No support for OS|This module does not support)/i,
    message: (m) => m[1] ?? "OS unsupported",
  },
  {
    kind: "prerequisite",
    pattern: /Warning: prerequisite ([\w:]+) ([\d._]+) not found/,
    message: (m) => `Prerequisite ${m[1]} missing (needs ${m[2]})`,
  },
  {
    kind: "configure",
    pattern: /^(?:Makefile\.PL|Build\.PL) (?:returned|exited with) (?:status )?(\d+)/,
    message: () => "configure failed",
  },
];

/**
 * A died script: the message it died with when a line just before says it
 * (`Cannot open ... at lib/Foo.pm line 3.`), else its exit status.
 */
function diedMessage(exit: string | undefined, before: readonly string[]): string {
  for (const line of before.slice(-3).reverse()) {
    const text = line.replace(PROGRESS_PREFIX, "").trim();
    const message = /^(?!#)(.+ at \S+ line \d+)\.?$/.exec(text)?.[1];
    if (message) return `died: ${message}`;
  }
  return `died${exit ? ` (exit ${exit})` : ""}`;
}

const PROGRESS_PREFIX = /^(?:x?t|tests?)\/[\w./-]+\.t\s+\.{2,}\s*(?:\d+\/\S+\s+)?/;

// Every rule's pattern needs one of these words: most lines ("t/x.t .. ok") are passed over with
// one test instead of one per rule.
const MENTIONS_FAILURE =
  /Can't locate|Undefined subroutine|syntax error|Global symbol|Bareword|Failed|Bail out|time|Terminated|killed|Dubious|error|support|prerequisite|\.PL /i;

const PHASE_KINDS = new Set<FailureKind>(["build", "configure", "unsupported"]);

/**
 * Walks the output line by line. Lines after a harness progress line belong to that test file
 * until the next one; before any, to the phase itself. Each test file keeps its first failure of
 * each kind that explains (a module not found, a compile error) and its first failed test.
 */
function scanOutput(text: string, add: Add): void {
  const lines = text.split(/\r?\n/);
  let file: string | null = null;
  // Per test file ("" before any): the kinds of failure seen. Past its first of a kind, a file's
  // failures repeat it or follow from it; a harness echo (a die status, failed numbers) after an
  // explained failure adds nothing.
  const fileFailed = new Map<string, Set<FailureKind>>();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const summary = SUMMARY_FILE.exec(line);
    const progress = summary ?? PROGRESS.exec(line);
    if (progress) file = progress[1] ?? null;
    if (!MENTIONS_FAILURE.test(line)) continue;
    for (const rule of RULES) {
      const match = rule.pattern.exec(line);
      if (!match) continue;
      // A phase's own failure shows before any test file; inside one it is the test's output.
      if (file !== null && PHASE_KINDS.has(rule.kind)) continue;
      // A harness summary's failed numbers and a die after a named failure add nothing.
      const seen = fileFailed.get(file ?? "") ?? new Set<FailureKind>();
      const explained = [...seen].some((kind) => kind !== "died");
      const harnessEcho = rule.kind === "died" || (rule.kind === "test" && !line.startsWith("#"));
      const repeated = seen.has(rule.kind) && rule.kind !== "prerequisite";
      if ((explained && harnessEcho) || repeated) break;
      add(
        rule.kind,
        rule.message(match, lines[index + 1], lines.slice(Math.max(0, index - 3), index)),
        PHASE_KINDS.has(rule.kind) ? null : file,
      );
      fileFailed.set(file ?? "", seen.add(rule.kind));
      break;
    }
  }
}
