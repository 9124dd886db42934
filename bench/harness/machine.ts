import { cpus, release, totalmem, type } from "node:os";
import type { MachineInfo } from "./results.js";

export function machineInfo(database: string): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    os: `${type()} ${release()}`,
    database,
  };
}
