import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
  valueFromASTUntyped,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

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

/** Compiled operations of one parsed document, by operation name. */
type CompiledOperations = Map<string | null, Compiled | null>;

/** What the executor needs from Apollo's request context. */
export interface ExecutionRequest {
  document: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> };
  context: unknown;
}

/** Executes queries and mutations through graphql-jit; anything it cannot compile through graphql-js. */
export function compiledExecutor(schema: GraphQLSchema) {
  const compiled = new WeakMap<DocumentNode, CompiledOperations>();

  const compile = (document: DocumentNode, operationName: string | null): Compiled | null => {
    let operations = compiled.get(document);
    if (!operations) compiled.set(document, (operations = new Map<string | null, Compiled | null>()));
    let entry = operations.get(operationName);
    if (entry === undefined) {
      const operation = getOperationAST(document, operationName);
      // Subscriptions run over graphql-ws, which executes them with graphql-js.
      const query =
        operation && operation.operation !== OperationTypeNode.SUBSCRIPTION
          ? compileQuery(schema, document, operationName ?? undefined)
          : undefined;
      entry =
        query && isCompiledQuery(query)
          ? {
              query,
              defaults: (operation?.variableDefinitions ?? [])
                .filter((definition) => definition.defaultValue)
                .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]),
            }
          : null;
      operations.set(operationName, entry);
    }
    return entry;
  };

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
    return result instanceof Promise ? result.then(withStandardErrors) : withStandardErrors(result);
  };
}

/**
 * graphql-jit reports a resolver's error in an object of its own without `extensions` (unless the
 * thrown error had some), on which Apollo's error normalisation fails before formatError runs, so
 * the error would be neither classified nor logged. Such errors become graphql-js GraphQLErrors.
 */
function withStandardErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => !error.extensions)) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      if (error.extensions) return error;
      const standard = new GraphQLError(error.message, {
        ...(error.path ? { path: error.path } : {}),
        ...(error.originalError ? { originalError: error.originalError } : {}),
      });
      // GraphQLError computes locations from AST nodes, which graphql-jit no longer has.
      return Object.assign(standard, { locations: error.locations });
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
export function compiledGateway(schema: GraphQLSchema): GatewayInterface {
  const execute = compiledExecutor(schema);
  const executor: GatewayExecutor = (requestContext) =>
    execute({
      document: requestContext.document,
      operationName: requestContext.operationName,
      request: requestContext.request,
      context: requestContext.context,
    }) as ReturnType<GatewayExecutor>;
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    stop: async () => {},
  };
}
