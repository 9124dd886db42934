/** One HTTP request the load generator sends; a job cycles through its list. */
export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Every occurrence in the body is replaced by a fresh uuid in each request. */
  uniqueToken?: string;
}

export interface LoadJob {
  /** http://127.0.0.1:<port> */
  url: string;
  requests: LoadRequest[];
  connections: number;
  durationSeconds: number;
  /** Count a 200 whose body has a top-level GraphQL `errors` member as an error. */
  graphqlErrors?: boolean;
}

export interface LoadResult {
  medianMs: number;
  p99Ms: number;
  /** Completed requests per second over the run. */
  throughput: number;
  requests: number;
  /** Connection errors, timeouts, non-2xx answers and GraphQL errors. */
  errors: number;
  durationSeconds: number;
}
