import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
  valueFromASTUntyped,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { ErrorCode } from "../../errors/index.js";
import { enforceDeadlines, startBudget } from "./execution-budget.js";
import { memoised, MemoSlot } from "./document-memo.js";

/*
 * graphql-js interprets a document anew on every request: for each field it builds an argument
 * map, looks up the resolver and checks the result's type, ~1.3 µs a field, which makes a page of
 * 50 reports (550 fields) cost more to execute than to read from Postgres. graphql-jit turns a
 * document into a JavaScript function once, and the function does only what that document needs.
 * Apollo caches parsed documents by their text, so the same query reuses its compiled function.
 */

/** A compiled operation, and the defaults of its variables (see withDefaults). */
interface Compiled {
  query: CompiledQuery;
  defaults: [name: string, value: unknown][];
}

/** What the executor needs from Apollo's request context. */
export interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> };
  context: unknown;
}

/** Executes queries and mutations through graphql-jit; anything it cannot compile through graphql-js. */
export function compiledExecutor(schema: GraphQLSchema) {
  const slot = new MemoSlot<Compiled | null>("compiled query");

  const compile = (document: DocumentNode, operationName: string | null): Compiled | null =>
    memoised(slot, document, operationName, ({ operation }) => {
      // Subscriptions run over graphql-ws, which executes them with graphql-js.
      const query =
        operation && operation.operation !== OperationTypeNode.SUBSCRIPTION
          ? compileQuery(schema, document, operationName ?? undefined)
          : undefined;
      if (!query || !isCompiledQuery(query)) return null;
      return {
        query,
        defaults: (operation?.variableDefinitions ?? [])
          .filter((definition) => definition.defaultValue)
          .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]),
      };
    });

  return ({
    document,
    operationName,
    request,
    context,
  }: ExecutionRequest): Promise<ExecutionResult> | ExecutionResult => {
    const entry = compile(document, operationName ?? null);
    if (!entry) {
      return execute({ schema, document, operationName, variableValues: request.variables, contextValue: context });
    }
    const result = entry.query.query(undefined, context, withDefaults(request.variables, entry.defaults));
    return "then" in result ? result.then(withGraphQLErrors) : withGraphQLErrors(result);
  };
}

/**
 * graphql-jit's errors as graphql-js would give them. Its errors have no extensions when the
 * original error had none (a database error, a bug), and Apollo's formatting then fails before
 * ours can log the cause. And a result without data is the request's fault: graphql-jit refused
 * its variables before running anything; graphql-js marks such errors so that Apollo calls them
 * BAD_USER_INPUT, graphql-jit's carry no mark and would be masked as our own fault.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors) return result;
  const refused = result.data === undefined;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const extensions = (error as Partial<GraphQLError>).extensions;
      if (extensions && !(refused && extensions.code === undefined)) return error;
      const copy = new GraphQLError(error.message, {
        ...(error.path ? { path: error.path } : {}),
        ...(error.originalError ? { originalError: error.originalError } : {}),
        extensions: refused ? { ...extensions, code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } : {},
      });
      // The locations graphql-jit computed; the copy has no nodes to compute them from.
      if (error.locations) Object.assign(copy, { locations: error.locations });
      return copy;
    }),
  };
}

/**
 * The variables with the document's defaults filled in where a value is missing. graphql-jit
 * refuses a missing `$first: Int! = 20` as "not provided", where GraphQL takes the default.
 */
function withDefaults(
  variables: Record<string, unknown> | undefined,
  defaults: Compiled["defaults"],
): Record<string, unknown> {
  const values = variables ?? {};
  const missing = defaults.filter(([name]) => values[name] === undefined);
  if (missing.length === 0) return values;
  return { ...values, ...Object.fromEntries(missing) };
}

/**
 * The compiled executor in the shape Apollo Server accepts one: its gateway interface, the only
 * way Apollo lets execution be replaced. The schema never changes while the server runs.
 */
export function compiledGateway(
  schema: GraphQLSchema,
  limits: { timeoutMs: number; responseBytes: number },
): GatewayInterface {
  // Before compiling anything: compiled documents call the resolvers they found.
  enforceDeadlines(schema);
  const execute = compiledExecutor(schema);
  const executor: GatewayExecutor = (requestContext) => {
    startBudget(requestContext.context, limits);
    return execute({
      document: requestContext.document,
      // The name the client asked for: Apollo's own is null when no operation has that name, and
      // the document's only operation would then run instead of the error graphql-js gives.
      operationName: requestContext.request.operationName ?? null,
      request: requestContext.request,
      context: requestContext.context,
    }) as ReturnType<GatewayExecutor>;
  };
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    stop: async () => {},
  };
}
