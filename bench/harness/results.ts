/**
 * What a benchmark run records. One figure is one contender measured in one case; a row puts the
 * subject (the platform) beside its baselines (what the same work costs without it).
 */
export interface Figure {
  /** Who was measured: "platform GraphQL", "bare Fastify + pg", "PostGraphile 4", "COPY"... */
  contender: string;
  medianMs?: number;
  p99Ms?: number;
  throughput?: number;
  /** Unit of `throughput`, e.g. "req/s" or "reports/s". */
  unit?: string;
  rssIdleMiB?: number;
  rssLoadMiB?: number;
  requests?: number;
  errors?: number;
}

export interface ResultRow {
  /** What was done: "release-summary", "insert 500 documents"... */
  case: string;
  /** The platform's figure; null when this build cannot do the case yet (see `note`). */
  subject: Figure | null;
  baselines: Figure[];
  note?: string;
}

export interface ScenarioResult {
  name: string;
  summary: string;
  rows: ResultRow[];
  notes: string[];
  /** Set when the scenario failed; a failed scenario fails the run. */
  error?: string;
  seconds: number;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  database: string;
}

export interface BenchRun {
  startedAt: string;
  machine: MachineInfo;
  options: Record<string, unknown>;
  /** The load generator that produced the HTTP figures, and its connections. */
  load: { tool: string; connections: number; intakeConnections?: number };
  data: {
    size: number;
    seed: number;
    database: string;
    reused: boolean;
    loadSeconds?: number;
    reportsPerSecond?: number;
  };
  scenarios: ScenarioResult[];
}
