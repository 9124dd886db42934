import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, print } from "graphql";

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * graphql's `subscribe`, except that an event is executed once per distinct operation instead of
 * once per subscriber. The event bus hands one payload object to every local subscriber of a
 * topic, so subscribers with the same query and variables (a dashboard open a thousand times,
 * the smokers of one distribution) share one execution result; only the sending stays per socket.
 *
 * The rule that makes this safe: a subscription's result depends on the event and the operation,
 * never on who subscribed. Subscriptions are public and their payload types read only the event;
 * a field that would read the caller's context must not be added to them.
 */
export function sharedSubscribe(): (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  // Keyed by the payload object: entries go with the event once every subscriber has moved on.
  const results = new WeakMap<object, Map<string, Result>>();

  return async (args) => {
    const stream = await createSourceEventStream(args);
    if (!isAsyncIterable(stream)) return stream;
    const operation = `${args.operationName ?? ""}\u0000${print(args.document)}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    const run = (payload: unknown): Result => {
      if (typeof payload !== "object" || payload === null) return execute({ ...args, rootValue: payload });
      let byOperation = results.get(payload);
      if (!byOperation) results.set(payload, (byOperation = new Map<string, Result>()));
      let result = byOperation.get(operation);
      if (!result) {
        result = execute({ ...args, rootValue: payload });
        byOperation.set(operation, result);
      }
      return result;
    };
    return mapEvents<ExecutionResult>(stream[Symbol.asyncIterator](), run);
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/**
 * The events of `source` mapped by `map`, written out rather than as an async generator: a
 * generator's return() waits for the pending next(), i.e. for an event that may never come, so
 * a subscription completed on a quiet topic would stay subscribed. This one passes return()
 * straight to the source, as graphql's own mapping does.
 */
function mapEvents<T>(
  source: AsyncIterator<unknown>,
  map: (payload: unknown) => T | Promise<T>,
): AsyncIterableIterator<T> {
  const close = async () => {
    try {
      await source.return?.();
    } catch {
      // Keep the error that ended the stream, not one from closing it.
    }
  };
  const mapped = async (step: IteratorResult<unknown>): Promise<IteratorResult<T>> => {
    if (step.done) return { value: undefined, done: true };
    try {
      return { value: await map(step.value), done: false };
    } catch (error) {
      await close();
      throw error;
    }
  };
  return {
    next: async () => mapped(await source.next()),
    return: async () => {
      await close();
      return { value: undefined, done: true };
    },
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
