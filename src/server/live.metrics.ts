import { Counter, Gauge, type Registry } from "prom-client";
import { type EventBus, Topic } from "../events/index.js";

/** Prometheus metrics of the live API: connections, subscribers by topic, slow and refused clients. */
export class LiveMetrics {
  readonly connections: Gauge;
  readonly slowClosures: Counter;
  readonly rejectedTokens: Counter;

  constructor(registry: Registry, events: EventBus) {
    this.connections = new Gauge({
      name: "graphql_ws_connections",
      help: "Open graphql-ws connections",
      registers: [registry],
    });
    this.slowClosures = new Counter({
      name: "graphql_ws_slow_closures_total",
      help: "Connections closed with 4008 because their subscriber did not read fast enough",
      registers: [registry],
    });
    this.rejectedTokens = new Counter({
      name: "graphql_ws_rejected_tokens_total",
      help: "Connections closed with 4403 because connection_init carried an unknown or revoked token",
      registers: [registry],
    });
    new Gauge({
      name: "event_subscribers",
      help: "Subscriptions to a topic in this process",
      labelNames: ["topic"] as const,
      registers: [registry],
      collect() {
        for (const topic of Object.values(Topic)) this.set({ topic }, events.subscribers(topic));
      },
    });
    new Gauge({
      name: "event_delivery",
      help: "1 when events of a topic published now reach this process (with Redis: its channel is subscribed), else 0",
      labelNames: ["topic"] as const,
      registers: [registry],
      collect() {
        for (const topic of Object.values(Topic)) this.set({ topic }, events.delivers(topic) ? 1 : 0);
      },
    });
  }
}
