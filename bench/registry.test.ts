import { describe, expect, it } from "vitest";
import { discoverScenarios, selectScenarios } from "./registry.js";

describe("the scenario registry", () => {
  it("finds every scenario file, in run order", async () => {
    const names = (await discoverScenarios()).map((scenario) => scenario.name);
    expect(names).toEqual(expect.arrayContaining(["reads", "memory", "intake"]));
    expect(names.indexOf("reads")).toBeLessThan(names.indexOf("intake"));
  });

  it("selects by name, all by default, and names the choices for an unknown one", async () => {
    const all = await discoverScenarios();
    expect(selectScenarios(all, [])).toEqual(all);
    expect(selectScenarios(all, ["memory"]).map((s) => s.name)).toEqual(["memory"]);
    expect(() => selectScenarios(all, ["nope"])).toThrow(/unknown scenario nope; there are: .*reads/);
  });
});
