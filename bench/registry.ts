import { readdirSync } from "node:fs";
import type { Scenario } from "./scenario.js";

const folder = new URL("./scenarios/", import.meta.url);

/**
 * Every scenario in bench/scenarios: each `<name>.scenario.ts` there exports `scenario`.
 * Found by file name, so that adding a scenario (intake end to end, Live latency, ...) is one
 * new file and no list to keep in step.
 */
export async function discoverScenarios(): Promise<Scenario[]> {
  const files = readdirSync(folder).filter((file) => /\.scenario\.[cm]?[jt]s$/.test(file) && !file.endsWith(".d.ts"));
  const scenarios = await Promise.all(
    files.map(async (file) => {
      const module = (await import(new URL(file, folder).href)) as { scenario?: Partial<Scenario> };
      const candidate = module.scenario;
      if (!candidate || typeof candidate.name !== "string" || typeof candidate.run !== "function") {
        throw new Error(`${file} must export \`scenario\` with a name and a run function, got ${typeof candidate}`);
      }
      return candidate as Scenario;
    }),
  );
  const names = new Set<string>();
  for (const { name } of scenarios) {
    if (names.has(name)) throw new Error(`two scenarios are named ${name}`);
    names.add(name);
  }
  return scenarios.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** The scenarios `--scenario` names, in run order; all of them when it names none. */
export function selectScenarios(all: readonly Scenario[], names: readonly string[]): Scenario[] {
  const unknown = names.filter((name) => !all.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(", ")}; there are: ${all.map((s) => s.name).join(", ")}`);
  }
  return names.length === 0 ? [...all] : all.filter((scenario) => names.includes(scenario.name));
}
