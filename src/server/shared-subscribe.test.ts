import { type ExecutionResult, GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { sharedSubscribe } from "./shared-subscribe.js";

/** A schema whose subscription field counts how often it is executed. */
function countingSchema(events: ReturnType<typeof createMemoryEventBus>) {
  const executions = { count: 0 };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        ticked: {
          type: GraphQLInt,
          args: { times: { type: GraphQLInt } },
          subscribe: () => events.subscribe("TICK"),
          resolve: (payload: { n: number }, args: { times?: number }) => {
            executions.count += 1;
            return payload.n * (args.times ?? 1);
          },
        },
      },
    }),
  });
  return { schema, executions };
}

describe("sharedSubscribe", () => {
  it("executes an event once per distinct operation, however many subscribe to it", async () => {
    const events = createMemoryEventBus();
    const { schema, executions } = countingSchema(events);
    const subscribe = sharedSubscribe();
    const open = async (query: string) =>
      (await subscribe({ schema, document: parse(query) })) as AsyncIterableIterator<ExecutionResult>;
    const [a, b, c] = await Promise.all([
      open("subscription { ticked }"),
      open("subscription { ticked }"),
      open("subscription { ticked(times: 10) }"),
    ]);
    events.publish("TICK", { n: 4 });

    expect(await Promise.all([a, b, c].map((s) => s?.next()))).toEqual([
      { value: { data: { ticked: 4 } }, done: false },
      { value: { data: { ticked: 4 } }, done: false },
      { value: { data: { ticked: 40 } }, done: false },
    ]);
    expect(executions.count).toBe(2);
    await events.close();
  });

  it("unsubscribes at once when returned on a quiet topic", async () => {
    const events = createMemoryEventBus();
    const { schema } = countingSchema(events);
    const stream = (await sharedSubscribe()({
      schema,
      document: parse("subscription { ticked }"),
    })) as AsyncIterableIterator<ExecutionResult>;
    const pending = stream.next();
    expect(events.subscribers("TICK" as never)).toBe(1);
    await stream.return?.();
    expect(events.subscribers("TICK" as never)).toBe(0);
    expect(await pending).toEqual({ value: undefined, done: true });
  });
});
