import type { Grade, Prerequisite } from "../../src/report/report.types.js";
import type { Machine } from "./environment.js";
import { perlV } from "./perl-v.js";
import type { Random } from "./prng.js";

/**
 * The e-mail style text report that CPAN::Reporter and CPANPLUS::YACSmoke send (see the samples
 * in shared/fixtures): a preamble, the test program's output, prerequisites, environment, toolchain
 * and `perl -V`. Sizes are drawn between 5 and 15 KB, as real reports mostly are.
 */

export type ReportingClient = "cpan-reporter" | "cpanplus";

export interface TextReportInput {
  dist: string;
  version: string;
  authorName: string;
  grade: Grade;
  perl: string;
  machine: Machine;
  client: ReportingClient;
  prerequisites: readonly Prerequisite[];
  /** Test files of the dist, the same in every report of it. */
  testFiles: readonly string[];
  /** Characters to aim for: the test output grows or shrinks to reach it. */
  targetSize: number;
}

export const MIN_TEXT_SIZE = 5 * 1024;
export const MAX_TEXT_SIZE = 15 * 1024;

const PREAMBLE = `This distribution has been tested as part of the CPAN Testers
project, supporting the Perl programming language.  See
http://wiki.cpantesters.org/ for more information or email
questions to cpan-testers-discuss@perl.org


--
`;

const RULE = "------------------------------";

export function textReport(input: TextReportInput, random: Random): string {
  const head = input.client === "cpanplus" ? cpanplusHead(input) : reporterHead(input);
  const tail = [prerequisiteSection(input.prerequisites), environmentSection(input), perlV(input.machine, input.perl)];
  const fixed = head.length + tail.reduce((sum, part) => sum + part.length, 0);
  const output = testOutput(input, random, Math.max(400, input.targetSize - fixed));
  const text = [head, output, ...tail].join("\n");
  return text.length > MAX_TEXT_SIZE ? text.slice(0, MAX_TEXT_SIZE) : text;
}

function reporterHead({ dist, version, authorName, grade, perl }: TextReportInput): string {
  const verdict =
    grade === "pass"
      ? "Thank you for uploading your work to CPAN.  Congratulations!\nAll tests were successful."
      : grade === "fail"
        ? "Thank you for uploading your work to CPAN.  However, there was a problem\ntesting your distribution."
        : grade === "na"
          ? "Thank you for uploading your work to CPAN.  While attempting to build or test\nthis distribution, the distribution signaled that support is not available\neither for this operating system or this version of Perl."
          : "Thank you for uploading your work to CPAN.  However, attempting to\ntest your distribution gave an inconclusive result.";
  return `${PREAMBLE}Dear ${authorName},

This is a computer-generated report for ${dist}-${version}
on perl ${perl}, created by CPAN-Reporter-1.2019.

${verdict}

Sections of this report:

    * Tester comments
    * Program output
    * Prerequisites
    * Environment and other context

${RULE}
TESTER COMMENTS
${RULE}

Additional comments from tester:

none provided

${RULE}
PROGRAM OUTPUT
${RULE}

Output from '/usr/bin/make test':
`;
}

function cpanplusHead({ dist, version, authorName, grade }: TextReportInput): string {
  const result = grade === "pass" ? "passed" : grade === "fail" ? "failed" : "did not complete";
  return `${PREAMBLE}Dear ${authorName},

This is a computer-generated error report created automatically by
CPANPLUS, version 0.9914. Testers personal comments may appear
at the end of this report.

MAKE TEST ${result} for '${dist}-${version}':
`;
}

function testOutput(input: TextReportInput, random: Random, budget: number): string {
  const { grade, testFiles, perl, dist, version } = input;
  const lines: string[] = [];
  if (grade === "na") {
    lines.push(`OS unsupported by ${dist}-${version}: ${input.machine.osname} is not supported`, "Result: NA");
  } else if (grade === "unknown") {
    lines.push("No tests defined for this distribution.", "Result: UNKNOWN");
  }
  const perlPath =
    input.machine.osname === "MSWin32" ? `C:\\Strawberry\\perl-${perl}\\bin\\perl.exe` : `/opt/perl-${perl}/bin/perl`;
  lines.push(
    `PERL_DL_NONLAZY=1 "${perlPath}" "-MExtUtils::Command::MM" "-MTest::Harness" "-e" "undef *Test::Harness::Switches; test_harness(0, 'blib/lib', 'blib/arch')" t/*.t`,
  );
  const failing = grade === "fail" ? random.int(0, testFiles.length - 1) : -1;
  let used = lines.reduce((sum, line) => sum + line.length + 1, 0);
  let tests = 0;
  // Verbose runs print each assertion; the output grows until the report reaches its size.
  for (let round = 0; used < budget - 300; round++) {
    for (let index = 0; index < testFiles.length && used < budget - 300; index++) {
      const file = round === 0 ? (testFiles[index] as string) : `t/author/${round}-${testFiles[index]?.slice(2)}`;
      const count = random.int(3, 40);
      tests += count;
      const block =
        index === failing && round === 0
          ? failureBlock(file, count, random)
          : round === 0
            ? `${harnessName(file)} ok`
            : `${file} ..\n1..${count}\n${assertions(count)}\nok`;
      lines.push(block);
      used += block.length + 1;
    }
  }
  lines.push(
    grade === "fail" ? `Files=${testFiles.length}, Tests=${tests}, Result: FAIL` : "All tests successful.",
    `Files=${testFiles.length}, Tests=${tests},  ${random.int(1, 30)} wallclock secs ( 0.${random.int(10, 99)} usr  0.0${random.int(1, 9)} sys +  ${random.int(1, 9)}.${random.int(10, 99)} cusr  0.${random.int(10, 99)} csys =  ${random.int(1, 12)}.${random.int(10, 99)} CPU)`,
    `Result: ${grade === "pass" ? "PASS" : grade.toUpperCase()}`,
    "",
  );
  return lines.join("\n");
}

// The verbose lines of an n-test file, built once: most of a report's bytes come from here.
const ASSERTIONS = Array.from(
  { length: 40 },
  (_, index) => `ok ${index + 1} - case ${index + 1} behaves as documented`,
);
const assertionBlocks = new Map<number, string>();

function assertions(count: number): string {
  let block = assertionBlocks.get(count);
  if (!block) assertionBlocks.set(count, (block = ASSERTIONS.slice(0, count).join("\n")));
  return block;
}

/** `t/00-load.t ........ ` as Test::Harness aligns it. */
function harnessName(file: string): string {
  return `${file} ${".".repeat(Math.max(2, 26 - file.length))}`;
}

function failureBlock(file: string, count: number, random: Random): string {
  const failed = random.int(1, Math.max(1, Math.floor(count / 4)));
  const lines = [harnessName(file)];
  for (let n = 1; n <= failed; n++) {
    const line = random.int(10, 400);
    lines.push(
      `#   Failed test 'case ${n} returns the expected structure'`,
      `#   at ${file} line ${line}.`,
      `#          got: '${random.int(0, 999)}'`,
      `#     expected: '${random.int(0, 999)}'`,
    );
  }
  lines.push(
    `# Looks like you failed ${failed} test${failed > 1 ? "s" : ""} of ${count}.`,
    `${harnessName(file)} Dubious, test returned ${failed} (wstat ${failed * 256}, 0x${(failed * 256).toString(16)})`,
    `Failed ${failed}/${count} subtests`,
    "",
    "Test Summary Report",
    "-------------------",
    `${file} (Wstat: ${failed * 256} Tests: ${count} Failed: ${failed})`,
    `  Failed test${failed > 1 ? "s" : ""}:  1${failed > 1 ? `-${failed}` : ""}`,
    `  Non-zero exit status: ${failed}`,
  );
  return lines.join("\n");
}

function prerequisiteSection(prerequisites: readonly Prerequisite[]): string {
  const phases = new Map<string, Prerequisite[]>();
  for (const prerequisite of prerequisites) {
    phases.set(prerequisite.phase, [...(phases.get(prerequisite.phase) ?? []), prerequisite]);
  }
  const tables = [...phases].map(([phase, modules]) => {
    const width = Math.max(6, ...modules.map((module) => module.name.length));
    const rows = modules.map((m) => `    ${m.name.padEnd(width)} ${m.need.padEnd(8)} ${m.have ?? "n/a"}`);
    return [
      `${phase}:`,
      "",
      `    ${"Module".padEnd(width)} Need     Have`,
      `    ${"-".repeat(width)} -------- --------`,
      ...rows,
    ].join("\n");
  });
  return `${RULE}\nPREREQUISITES\n${RULE}\n\nPrerequisite modules loaded:\n\n${tables.join("\n\n")}\n`;
}

function environmentSection({ machine, perl }: TextReportInput): string {
  const windows = machine.osname === "MSWin32";
  const path = windows
    ? "C:\\Strawberry\\c\\bin;C:\\Strawberry\\perl\\bin;C:\\Windows\\system32"
    : "/usr/local/bin:/usr/bin:/bin";
  return `${RULE}
ENVIRONMENT AND OTHER CONTEXT
${RULE}

Environment variables:

    AUTOMATED_TESTING = 1
    LANG = en_US.UTF-8
    PATH = ${path}
    PERL5LIB =
    PERL5OPT =
    PERL5_CPAN_IS_RUNNING = 40412
    PERL_MM_USE_DEFAULT = 1
    PERL_USE_UNSAFE_INC = 1
    SHELL = ${windows ? "cmd.exe" : "/bin/sh"}
    TERM = screen

Perl special variables (and OS-specific diagnostics, for MSWin32):

    $^X = ${windows ? `C:\\Strawberry\\perl-${perl}\\bin\\perl.exe` : `/opt/perl-${perl}/bin/perl`}
    $UID/$EUID = 1001 / 1001
    $GID = 1001 1001
    $EGID = 1001 1001

Perl module toolchain versions installed:

    Module              Have
    ------------------- --------
    CPAN                2.36
    CPAN::Meta          2.150010
    Cwd                 3.89
    ExtUtils::CBuilder  0.280238
    ExtUtils::Command   7.70
    ExtUtils::Install   2.22
    ExtUtils::MakeMaker 7.70
    ExtUtils::Manifest  1.75
    ExtUtils::ParseXS   3.51
    File::Spec          3.89
    JSON                4.10
    JSON::PP            4.16
    Module::Build       0.4234
    Module::Signature   n/a
    Parse::CPAN::Meta   2.150010
    Test::Harness       3.48
    Test::More          1.302199
    YAML                1.31
    version             0.9930

--
`;
}
