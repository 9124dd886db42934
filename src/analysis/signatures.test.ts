import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { OutputPhase, ReportDocument } from "../report/index.js";
import { extractFailures, type Failure } from "./signatures.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/analysis/${name}`, import.meta.url), "utf8");

function failing(
  output: Partial<Record<OutputPhase, string>>,
  prerequisites: ReportDocument["distribution"]["prerequisites"] = [],
) {
  return {
    id: "00000000-0000-4000-8000-000000000000",
    created: "2026-12-01T00:00:00Z",
    reporter: { email: "t@example.org" },
    environment: {
      language: { name: "Perl 5", version: "5.38.2", archname: "x86_64-linux" },
      system: { osname: "linux" },
    },
    distribution: { name: "Acme-Widget", version: "0.42", prerequisites },
    result: { grade: "fail", output },
  } satisfies ReportDocument;
}

const summary = (failures: Failure[]) => failures.map((f) => [f.kind, f.testFile, f.title]);

describe("extractFailures", () => {
  it("gives the same signature for the same missing module on two machines", () => {
    const linux = extractFailures(failing({ test: fixture("missing-module-linux.txt") }));
    const freebsd = extractFailures(failing({ test: fixture("missing-module-freebsd.txt") }));
    expect(summary(linux)).toEqual([["missing-module", "t/10-parse.t", "Can't locate Date/Tiny/Extra.pm in @INC"]]);
    expect(freebsd[0]?.signature).toBe(linux[0]?.signature);
    // The FreeBSD machine also fails a test whose got/expected times differ: named by test and line only.
    expect(summary(freebsd.slice(1))).toEqual([
      ["test", "t/20-render.t", "t/20-render.t: Failed test 'renders the footer' at line 31"],
    ]);
  });

  it("names a died script by its message, with temp dirs and pids normalised", () => {
    const failures = extractFailures(failing({ test: fixture("died-script.txt") }));
    expect(summary(failures)).toEqual([
      [
        "died",
        "t/cache.t",
        "t/cache.t: died: Cannot open cache file <tmp>/cache-N.db: Permission denied at File/Stash.pm line 88",
      ],
      ["undefined-subroutine", "t/undef.t", "Undefined subroutine &File::Stash::Util::slurp_utf8 called"],
    ]);
  });

  it("keeps a compile error in an installed module without its line, and a timeout", () => {
    const failures = extractFailures(failing({ test: fixture("compile-error-timeout.txt") }));
    expect(summary(failures)).toEqual([
      ["test", "t/00-compile.t", "t/00-compile.t: Failed test 'use Text::Frob;' at line 8"],
      ["compile-error", "t/00-compile.t", "syntax error at Text/Frob/Legacy.pm line N"],
      ["timeout", "t/50-network.t", "Timed out"],
    ]);
  });

  it("names a failed build by its first compiler error", () => {
    const failures = extractFailures(failing({ build: fixture("build-failure.txt") }));
    expect(summary(failures)).toEqual([
      ["build", null, "build failed: fatal error: openssl/evp.h: No such file or directory"],
    ]);
  });

  it("names missing and unsatisfied prerequisites, from the output and from the prerequisite list", () => {
    const failures = extractFailures(
      failing({ configure: fixture("configure-na.txt") }, [
        { phase: "runtime", name: "List::Util", need: "1.45", have: "1.33" },
        { phase: "runtime", name: "JSON::PP", need: "2.0", have: "4.16" },
        { phase: "build", name: "Test::Deep", need: "0" },
        { phase: "runtime", name: "perl", need: "5.010", have: "5.008" },
      ]),
    );
    expect(summary(failures)).toEqual([
      ["prerequisite", null, "Prerequisite List::Util 1.33 installed, needs 1.45"],
      ["prerequisite", null, "Prerequisite Test::Deep missing"],
      ["prerequisite", null, "Prerequisite Win32::Pipe::Ex missing (needs 0.25)"],
      ["unsupported", null, "OS unsupported"],
    ]);
  });

  it("gives a pass no failures, and a failed configure phase without output a phase signature", () => {
    expect(
      extractFailures({ ...failing({ test: fixture("died-script.txt") }), result: { grade: "pass", output: {} } }),
    ).toEqual([]);
    expect(summary(extractFailures(failing({ configure: "Checking if your kit is complete...\n" })))).toEqual([
      ["configure", null, "configure failed"],
    ]);
  });

  it("keeps at most 20 failures per report", () => {
    const many = Array.from(
      { length: 30 },
      (_, i) => `t/f${i}.t .. \n#   Failed test 'case ${i}'\n#   at t/f${i}.t line 3.`,
    );
    expect(extractFailures(failing({ test: many.join("\n") }))).toHaveLength(20);
  });
});

describe("searchableText", () => {
  it("keeps a text report's output without its appended prerequisites and environment", async () => {
    const { searchableText } = await import("./search-text.js");
    const report = failing({
      uncategorized:
        "t/basic.t .. ok\nResult: FAIL\n\n------------------------------\nPREREQUISITES\n------------------------------\n\n    Moo 2.0 2.005005\n",
    });
    expect(searchableText(report)).toBe("t/basic.t .. ok\nResult: FAIL\n\n");
    expect(searchableText({ ...report, result: { grade: "pass", output: {} } })).toBeNull();
  });
});

describe("searchWords", () => {
  it("keeps each word once, in lower case, and the searched words of a text are within them", async () => {
    const { searchWords, searchedWords } = await import("./search-text.js");
    const text = "Can't locate Net/Ghost.pm in @INC\nCAN'T locate Net/Ghost.pm in @INC (Ærø 5.38)";
    expect(searchWords(text)).toBe("can t locate net ghost pm in inc ærø 5 38");
    // Longest first: the check of a report stops at the first word it lacks.
    expect(searchedWords("t locate Net/Ghost.pm GHOST")).toEqual(["locate", "ghost", "net"]);
    expect(searchedWords("::=")).toEqual([]);
  });
});

describe("searchFor's rank", () => {
  it("counts the whole text first, then its words, ignoring case", async () => {
    const { searchFor } = await import("./search-text.js");
    const { rank } = searchFor("Failed test");
    const once = "#   Failed test 'parses' at t/basic.t line 12.";
    const twice = `${once}\n#   FAILED TEST 'dumps' at t/basic.t line 30.`;
    const wordy = `${once}\n# Looks like you failed 1 test of 2.`;
    // 1 text; the words "Failed" and "test" once each in it.
    expect(rank(once)).toBe(1.02);
    expect(rank(twice)).toBe(2.04);
    expect(rank(wordy)).toBe(1.04);
    expect([rank(wordy), rank(twice), rank(once)].sort((a, b) => b - a)).toEqual([2.04, 1.04, 1.02]);
  });
});
