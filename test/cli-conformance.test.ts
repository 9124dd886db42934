import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conformanceCommand } from "../src/commands/conformance.command.js";
import { runCommand } from "./helpers/command.js";

// A file of its own: the longest of the CLI's commands runs beside the others.
describe("cli conformance", () => {
  it("runs report samples end to end and fails on one that is not handled as it must be", async () => {
    const fixtures = new URL("./fixtures", import.meta.url).pathname;
    const good = await runCommand(conformanceCommand(), [fixtures]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(
      "ok   after processing: 0 waiting, 0 failed, 0 count mismatches\n7 samples, 0 failures\n",
    );

    const folder = mkdtempSync(join(tmpdir(), "cpt-samples-"));
    writeFileSync(join(folder, "v3-invalid-but-accepted.json"), readFileSync(join(fixtures, "v3-perl5-valid.json")));
    const bad = await runCommand(conformanceCommand(), [folder]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL v3-invalid-but-accepted\.json \[v3\] accepted but must be rejected/);
    rmSync(folder, { recursive: true });
    // Two whole platforms (migrations, server, ETL) one after the other: seconds of CPU each.
  }, 180_000);
});
