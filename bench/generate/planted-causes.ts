import type { ReportDocument } from "../../src/report/index.js";

/*
 * Reports with known causes of failure, for the analysis (src/analysis/) to find and rank first:
 * each cause is planted in releases of its own, everything else about the machines varies
 * without any link to the grade. Deterministic: the same seed gives the same reports.
 */

export const PLANTED = {
  /** Fails exactly where Moo is 2.005005 or later: "CPAN breaks CPAN". */
  prerequisite: { dist: "Planted-Prereq", version: "1.01", module: "Moo", breaking: "2.005005", lastGood: "2.005004" },
  /** Pass on 5.40, fail on 5.41.7: "Blead Breaks CPAN". */
  blead: {
    dists: ["Planted-Blead-A", "Planted-Blead-B", "Planted-Blead-C"],
    version: "0.10",
    stable: "5.40",
    dev: "5.41.7",
  },
  /** One machine that both passes and fails; every other machine passes. */
  flaky: { dist: "Planted-Flaky", version: "2.00", tester: "Flo Flaky <flo@example.org>" },
  /** The same missing module in several distributions. */
  recurring: {
    dists: ["Planted-Ghost-A", "Planted-Ghost-B", "Planted-Ghost-C", "Planted-Ghost-D"],
    version: "0.01",
    text: "Can't locate Net/Ghost.pm in @INC",
  },
  /** Decoys whose text is close to the recurring one without containing it. */
  decoy: { dist: "Planted-Decoy", version: "0.01" },
  /** 1.00 passes everywhere, 1.01 fails every report on FreeBSD. */
  regression: { dist: "Planted-Regress", previous: "1.00", version: "1.01", osname: "freebsd" },
  /** Fails at random, on any machine: no factor should show. */
  noCause: { dist: "Planted-Random", version: "3.00" },
} as const;

const PERLS = ["5.36.3", "5.38.2", "5.40.0", "5.40.1"];
const OSES: [osname: string, osversion: string, archname: string][] = [
  ["linux", "6.1.0", "x86_64-linux"],
  ["linux", "6.8.0", "x86_64-linux-thread-multi"],
  ["freebsd", "14.1-release", "amd64-freebsd"],
  ["darwin", "23.6.0", "darwin-2level"],
  ["openbsd", "7.5", "OpenBSD.amd64-openbsd"],
];
const LIST_UTIL = ["1.55", "1.63"];

/** A small linear congruential generator: enough to vary machines, and the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Machine {
  tester: string;
  perl: string;
  osname: string;
  osversion: string;
  archname: string;
  moo: string;
  listUtil: string;
}

function machines(count: number, seed: number, perls = PERLS): Machine[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const [osname, osversion, archname] = pick(OSES);
    return {
      tester: `Tester ${i % 17} <tester${i % 17}@example.org>`,
      perl: pick(perls),
      osname,
      osversion,
      archname,
      moo: pick(["2.004004", "2.005004", "2.005005"]),
      listUtil: pick(LIST_UTIL),
    };
  });
}

let serial = 0;

function uuid(): string {
  serial += 1;
  const hex = serial.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

const PASS_OUTPUT = "t/00-load.t .. ok\nt/basic.t .... ok\nAll tests successful.\nFiles=2, Tests=9\nResult: PASS\n";

function failOutput(file: string, lines: string[]): string {
  return [
    `t/00-load.t .. ok`,
    `${file} .. `,
    ...lines,
    `${file} .. Dubious, test returned 255 (wstat 65280, 0xff00)`,
    "Result: FAIL",
    "",
  ].join("\n");
}

export function plantedReport(
  dist: string,
  version: string,
  machine: Machine,
  grade: "pass" | "fail",
  output = PASS_OUTPUT,
  created = "2026-12-01T12:00:00.000Z",
): ReportDocument {
  return {
    id: uuid(),
    created,
    reporter: {
      name: machine.tester.replace(/ <.*/, ""),
      email: /<(.*)>/.exec(machine.tester)?.[1] ?? "t@example.org",
    },
    environment: {
      toolchain: { "ExtUtils::MakeMaker": "7.70", "Test::More": "1.302199" },
      language: { name: "Perl 5", version: machine.perl, archname: machine.archname },
      system: { osname: machine.osname, osversion: machine.osversion },
    },
    distribution: {
      name: dist,
      version,
      prerequisites: [
        { phase: "runtime", name: "Moo", need: "2.0", have: machine.moo },
        { phase: "runtime", name: "List::Util", need: "1.45", have: machine.listUtil },
      ],
    },
    result: { grade, output: { test: output } },
  };
}

/** Every planted release's reports, in submission order. */
export function plantedReports(seed = 1): ReportDocument[] {
  const docs: ReportDocument[] = [];
  const { prerequisite, blead, flaky, recurring, decoy, regression, noCause } = PLANTED;

  for (const machine of machines(60, seed)) {
    const broken = machine.moo >= prerequisite.breaking;
    const output = failOutput("t/accessors.t", [
      `Undefined subroutine &Moo::_Utils::_install_tracked called at /home/smoke/perl5/lib/perl5/Moo/_Utils.pm line 212.`,
      "# Looks like your test exited with 255 just after 4.",
    ]);
    docs.push(
      plantedReport(
        prerequisite.dist,
        prerequisite.version,
        machine,
        broken ? "fail" : "pass",
        broken ? output : undefined,
      ),
    );
  }

  blead.dists.forEach((dist, d) => {
    for (const machine of machines(24, seed + 10 + d, ["5.40.0", "5.40.1", blead.dev])) {
      const broken = machine.perl === blead.dev;
      const output = failOutput("t/syntax.t", [
        `syntax error at blib/lib/${dist.replace(/-/g, "/")}.pm line 40, near "given ("`,
      ]);
      docs.push(plantedReport(dist, blead.version, machine, broken ? "fail" : "pass", broken ? output : undefined));
    }
  });

  const flakyMachines = machines(20, seed + 20);
  for (const machine of flakyMachines) docs.push(plantedReport(flaky.dist, flaky.version, machine, "pass"));
  const unlucky = { ...flakyMachines[0]!, tester: flaky.tester };
  docs.push(plantedReport(flaky.dist, flaky.version, unlucky, "pass"));
  docs.push(
    plantedReport(
      flaky.dist,
      flaky.version,
      unlucky,
      "fail",
      failOutput("t/timing.t", ["#   Failed test 'finishes within a second'", "#   at t/timing.t line 14."]),
    ),
  );

  recurring.dists.forEach((dist, d) => {
    for (const machine of machines(3, seed + 30 + d)) {
      const output = failOutput("t/01-net.t", [
        `${recurring.text} (you may need to install the Net::Ghost module) (@INC entries checked: /home/u${d}/perl5/lib/perl5 /usr/share/perl5) at /home/u${d}/.cpanm/work/17335${d}/${dist}-0.01/blib/lib/Ghost/Client.pm line 3.`,
      ]);
      docs.push(plantedReport(dist, recurring.version, machine, "fail", output));
    }
  });
  for (const machine of machines(3, seed + 40)) {
    const output = failOutput("t/01-net.t", [
      "Can't locate Net/Ghostly.pm in @INC (you may need to install the Net::Ghostly module)",
    ]);
    docs.push(plantedReport(decoy.dist, decoy.version, machine, "fail", output));
  }

  for (const machine of machines(16, seed + 50, ["5.38.2"])) {
    docs.push(
      plantedReport(regression.dist, regression.previous, machine, "pass", undefined, "2026-11-01T12:00:00.000Z"),
    );
  }
  for (const machine of machines(16, seed + 51, ["5.38.2"])) {
    const broken = machine.osname === regression.osname;
    const output = failOutput("t/fork.t", ["#   Failed test 'forks a child'", "#   at t/fork.t line 22."]);
    docs.push(
      plantedReport(
        regression.dist,
        regression.version,
        machine,
        broken ? "fail" : "pass",
        broken ? output : undefined,
      ),
    );
  }

  const coin = random(seed + 60);
  for (const machine of machines(80, seed + 61)) {
    const broken = coin() < 0.3;
    const output = failOutput("t/random.t", ["#   Failed test 'random'", "#   at t/random.t line 5."]);
    docs.push(
      plantedReport(noCause.dist, noCause.version, machine, broken ? "fail" : "pass", broken ? output : undefined),
    );
  }
  return docs;
}
