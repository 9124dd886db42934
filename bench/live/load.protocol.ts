import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import type { percentiles } from "./live-processes.js";

type Percentiles = ReturnType<typeof percentiles>;

/** What the benchmarks ask of the load process (load.child.ts). */
export type ChildRequest =
  | {
      cmd: "connect";
      /** ws://host:port/graphql */
      url: string;
      count: number;
      concurrency: number;
      query: string;
      /** Subscriber i gets `{ dist: "Bench-Live-<i mod dists>" }`; 0: no variables. */
      dists: number;
    }
  | {
      cmd: "submit";
      /** http://host:port of the instance that takes the reports */
      url: string;
      token: string;
      rate: number;
      warmupSeconds: number;
      seconds: number;
      dists: number;
      /** Subscribers per dist: deliveries expected per report. */
      fanout: number;
    }
  | { cmd: "redis-baseline"; redisUrl: string; rate: number; seconds: number }
  | { cmd: "await-broadcast"; timeoutMs: number }
  | { cmd: "close" };

export type ChildReply =
  | { type: "ready" }
  | {
      type: "connected";
      total: number;
      /** Subscribers that could not connect in three attempts. */
      failed: number;
      /** Handshakes that failed and were tried again. */
      retries: number;
      lastError: string;
      closedAfterAck: number;
      seconds: number;
    }
  | {
      type: "submitted";
      sent: number;
      accepted: number;
      errors: number;
      measuredReports: number;
      expectedDeliveries: number;
      deliveries: number;
      latency: Percentiles;
      submit: Percentiles;
    }
  | { type: "baseline"; sent: number; latency: Percentiles }
  | { type: "listening" }
  | { type: "broadcast"; received: number; of: number; lastAt: number }
  | { type: "closed" }
  | { type: "error"; message: string };

/** The load process, driven by request and reply over IPC. */
export class LoadProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadProcess> {
    const child = fork(new URL("./load.child.ts", import.meta.url).pathname, [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const load = new LoadProcess(child);
    await load.reply("ready");
    return load;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends a request; the next reply of type `expect` answers it. */
  async request<T extends ChildReply["type"]>(
    request: ChildRequest,
    expect: T,
  ): Promise<Extract<ChildReply, { type: T }>> {
    const reply = this.reply(expect);
    this.child.send(request);
    return reply;
  }

  /** The next reply of this type (an error reply rejects). */
  async reply<T extends ChildReply["type"]>(type: T): Promise<Extract<ChildReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: ChildReply) => {
        if (message.type === "error") reject(new Error(`load process: ${message.message}`));
        else if (message.type === type) resolve(message as Extract<ChildReply, { type: T }>);
        else return;
        this.child.off("message", onMessage);
      };
      this.child.on("message", onMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await this.request({ cmd: "close" }, "closed").catch(() => undefined);
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    await exited;
  }
}
