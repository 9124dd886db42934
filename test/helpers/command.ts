import type { Command } from "commander";
import { vi } from "vitest";

export interface CommandRun {
  /** process.exitCode as the command left it (0 when it set none). */
  code: number;
  stdout: string;
  stderr: string;
  /** What the command threw, if it did: the CLI prints it on one line and exits 1. */
  error?: unknown;
}

let running = false;

/**
 * Runs a CLI command in this process with these arguments and settings (the environment it reads
 * its configuration from), recording what it writes to stdout and stderr and the exit code it
 * sets: the command's behaviour without the cost of starting a process.
 */
export async function runCommand(
  command: Command,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandRun> {
  // A command that outlived its test (a timeout) would write into this one's output.
  if (running) throw new Error("a command of an earlier test is still running");
  running = true;
  const written = { stdout: "", stderr: "" };
  const record = (stream: "stdout" | "stderr") =>
    vi.spyOn(process[stream], "write").mockImplementation((chunk: string | Uint8Array) => {
      written[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
      return true;
    });
  const spies = [record("stdout"), record("stderr")];
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  process.exitCode = undefined;
  try {
    // Commander would exit the process on its own errors (a missing argument, --help).
    await command.exitOverride().parseAsync(args, { from: "user" });
    return { code: Number(process.exitCode ?? 0), ...written };
  } catch (error) {
    return { code: Number(process.exitCode ?? 0), ...written, error };
  } finally {
    for (const spy of spies) spy.mockRestore();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    running = false;
  }
}
