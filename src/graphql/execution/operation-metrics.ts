import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { OperationTypeNode } from "graphql";
import { Counter, type Registry } from "prom-client";
import { RequestHistogram } from "../../monitor/request-histogram.js";
import { errorCodeOf } from "../errors.js";

/** Seconds: a cached answer takes well under a millisecond, a cold matrix tens of milliseconds. */
const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** What a label may look like: a GraphQL name of bounded length, an error code in capitals. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z_]{0,39}$/;

/**
 * GraphQL over HTTP in Prometheus: duration and errors by operation name, and the response cache's
 * hits and misses. Names are client-chosen, so the series are bounded: the first `maxOperations`
 * distinct valid names get a label of their own, later ones count as `other`, operations without
 * a name as `anonymous`.
 */
export function operationMetricsPlugin<Context extends BaseContext>(
  registry: Registry,
  maxOperations: number,
): ApolloServerPlugin<Context> {
  const duration = new RequestHistogram(
    "graphql_operation_duration_seconds",
    "GraphQL operations over HTTP, from parsing to the response, by operation name and type",
    ["operation", "type"],
    DURATION_BUCKETS,
    registry,
  );
  const errors = new Counter({
    name: "graphql_operation_errors_total",
    help: "Errors in GraphQL responses, by operation name and error code",
    labelNames: ["operation", "code"] as const,
    registers: [registry],
  });
  const cache = new Counter({
    name: "graphql_response_cache_total",
    help: "Cacheable GraphQL responses, by result: hit (served from the response cache) or miss (executed)",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const named = new Set<string>();
  const label = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (named.has(name)) return name;
    if (named.size >= maxOperations || !OPERATION_NAME.test(name)) return "other";
    named.add(name);
    return name;
  };

  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, metrics, overallCachePolicy, response }) {
          const name = label(operationName);
          duration.observe(
            { operation: name, type: operation?.operation ?? "invalid" },
            (performance.now() - started) / 1000,
          );
          const failures = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          for (const error of failures) {
            // Not yet formatted here: the code the formatter will give it.
            const code = errorCodeOf(error);
            errors.inc({ operation: name, code: ERROR_CODE.test(code) ? code : "OTHER" });
          }
          if (metrics.responseCacheHit) cache.inc({ result: "hit" });
          else if (operation?.operation === OperationTypeNode.QUERY && (overallCachePolicy.maxAge ?? 0) > 0) {
            cache.inc({ result: "miss" });
          }
        },
      };
    },
  };
}
