import { measureHttp, graphqlRequest } from "../harness/measure.js";
import type { LoadRequest } from "../harness/load.types.js";
import type { RunningChild } from "../harness/process.js";
import type { Figure, ResultRow } from "../harness/results.js";
import { isPlatform, type TargetName, TARGETS, targetAvailable, targetLabel } from "../harness/targets.js";
import { READS } from "../reads/index.js";
import type { GraphQLCall, ReadCase, ReadParams } from "../reads/read.types.js";
import type { Scenario } from "../scenario.js";

/** Parameter sets checked for agreement between the targets before measuring. */
const CHECKED = 3;

export const scenario: Scenario = {
  name: "reads",
  summary:
    "The five reads of the Read API: the platform's GraphQL against a bare Fastify route calling the same query functions, " +
    "and against PostGraphile 4 over the same database where the read maps onto it. The load generator runs in a process of its own (the run names it above).",
  order: 10,
  async run(context) {
    const figures = new Map<string, Map<TargetName, Figure>>();
    const answers = new Map<string, Map<TargetName, unknown[]>>();
    const targets = (Object.keys(TARGETS) as TargetName[]).filter(
      (target) => TARGETS[target].reads && targetAvailable(target, context.database),
    );
    // Every target must give the same answers before anything is measured.
    for (const target of targets) {
      const server = await context.server(target);
      for (const read of READS) {
        if (!requestsFor(read, target, context.readParams.get(read.name) ?? [])) continue;
        setIn(
          answers,
          read.name,
          target,
          await answersOf(server, read, target, context.readParams.get(read.name) ?? []),
        );
      }
    }
    checkAgreement(answers);
    for (const target of targets) {
      const server = await context.server(target);
      for (const read of READS) {
        const requests = requestsFor(read, target, context.readParams.get(read.name) ?? []);
        if (!requests) continue;
        context.say(`  ${read.name} on ${target}`);
        const { figure } = await measureHttp(
          context.load,
          server,
          targetLabel(target, context.database),
          requests,
          context.options,
          target !== "baseline",
        );
        setIn(figures, read.name, target, figure);
      }
    }
    const skipped = (Object.keys(TARGETS) as TargetName[]).filter(
      (target) => TARGETS[target].reads && !targetAvailable(target, context.database),
    );
    return {
      rows: READS.flatMap((read) => rowsOf(read, figures.get(read.name))),
      notes: skipped.map((target) => `${TARGETS[target].label} needs Postgres: not run on PGlite`),
    };
  },
};

/**
 * Two rows per read: the platform running the read's SQL on every request (response cache off)
 * beside the baselines doing the same, then the platform as it ships, whose response cache answers
 * a repeated read within its max-age without the database.
 */
function rowsOf(read: ReadCase, measured: Map<TargetName, Figure> | undefined): ResultRow[] {
  const notes: string[] = [];
  if ("missing" in read.graphql) notes.push(`platform: ${read.graphql.missing}`);
  if ("missing" in read.postgraphile) notes.push(`PostGraphile: ${read.postgraphile.missing}`);
  const bare = measured?.get("baseline");
  const baselines = (["baseline", "postgraphile"] as const).flatMap((target) => measured?.get(target) ?? []);
  return [
    {
      case: read.name,
      subject: measured?.get("graphql-uncached") ?? null,
      baselines,
      ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
    },
    {
      case: `${read.name}, response cache on`,
      subject: measured?.get("graphql") ?? null,
      baselines: bare ? [bare] : [],
    },
  ];
}

/** The requests the load generator cycles through, or undefined when the target cannot express the read. */
export function requestsFor(read: ReadCase, target: TargetName, params: ReadParams[]): LoadRequest[] | undefined {
  if (params.length === 0) throw new Error(`no parameters were sampled for ${read.name}: is the database empty?`);
  if (target === "baseline") {
    return params.map((p) => ({ method: "GET", path: `/read/${read.name}?${new URLSearchParams(p).toString()}` }));
  }
  const operation = isPlatform(target) ? read.graphql : read.postgraphile;
  if ("missing" in operation) return undefined;
  return params.map((p) => {
    const call: GraphQLCall = operation(p);
    return graphqlRequest(call.query, call.variables);
  });
}

/** Sends the first parameter sets once, fails on any error, and returns the answers reduced for comparison. */
async function answersOf(
  server: RunningChild,
  read: ReadCase,
  target: TargetName,
  params: ReadParams[],
): Promise<unknown[]> {
  const requests = requestsFor(read, target, params.slice(0, CHECKED)) ?? [];
  const answers: unknown[] = [];
  for (const request of requests) {
    const response = await fetch(server.url + request.path, {
      method: request.method,
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${target} answered ${read.name} with ${response.status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as {
      rows?: Record<string, unknown>[];
      data?: Record<string, unknown>;
      errors?: unknown;
    };
    if (body.errors)
      throw new Error(`${target} answered ${read.name} with errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
    const data = body.data ?? {};
    answers.push(
      target === "baseline"
        ? read.agree.baseline(body.rows ?? [])
        : isPlatform(target)
          ? read.agree.graphql?.(data)
          : read.agree.postgraphile?.(data),
    );
  }
  return answers;
}

/** Every target must return the same data for the same parameters, or the figures compare different work. */
function checkAgreement(answers: Map<string, Map<TargetName, unknown[]>>): void {
  for (const [read, byTarget] of answers) {
    const reference = byTarget.get("baseline");
    for (const [target, values] of byTarget) {
      if (target === "baseline" || !reference) continue;
      values.forEach((value, index) => {
        if (value === undefined) return;
        if (JSON.stringify(value) !== JSON.stringify(reference[index])) {
          throw new Error(
            `${target} and the baseline disagree on ${read} #${index}: ${JSON.stringify(value).slice(0, 300)} vs ${JSON.stringify(reference[index]).slice(0, 300)}`,
          );
        }
      });
    }
  }
}

function setIn<T>(map: Map<string, Map<TargetName, T>>, key: string, target: TargetName, value: T): void {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map<TargetName, T>()));
  inner.set(target, value);
}
