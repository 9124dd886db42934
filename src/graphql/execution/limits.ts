import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  visit,
} from "graphql";
import { type ComplexityEstimatorArgs, getComplexity } from "graphql-query-complexity";
import { ErrorCode } from "../../errors/index.js";
import type { ShapeLimits } from "./query-shape.js";
import { memoised, MemoSlot, type OperationOfDocument, operationOf } from "./document-memo.js";

/** What one GraphQL request may ask for; checked before anything executes. */
export interface QueryLimits extends ShapeLimits {
  /** The budget of a request, in GitHub's points. */
  cost: number;
  /** The most items a request may ask for over all its pages (GitHub's 500,000). */
  nodes: number;
  /** The deepest nesting of fields (introspection excluded). */
  depth: number;
}

export const MAX_NODES = 500_000;

export interface QueryCost {
  requested: number;
  limit: number;
  nodes: number;
}

/*
 * The cost model is GitHub's. A field with a `first` argument fetches a page: it costs
 * ceil(first / 100) requests, once per item of every page above it, so a page of 50 releases
 * each asking for 10 reports costs 1 + 50 = 51. Root fields without pages cost 1 each; other
 * fields are resolved from what their parent page fetched (batched by DataLoaders) and cost nothing,
 * except heavy ones, which weigh what their `complexity` says (a report's stored document and its
 * text: `@Field({ complexity })`), once per item.
 * Nodes count the items: first times the items of every page above, summed. `first` is taken as
 * asked (before the resolver's 1..100 check) so that a huge value is refused here.
 */
const pageSizeOf = ({ args, field }: ComplexityEstimatorArgs): number | undefined => {
  if (!field.args.some((arg) => arg.name === "first")) return undefined;
  const first = Number(args.first);
  return Number.isFinite(first) ? Math.max(1, Math.floor(first)) : 1;
};

const costEstimator = (options: ComplexityEstimatorArgs): number => {
  const first = pageSizeOf(options);
  if (first !== undefined) return Math.ceil(first / 100) + first * options.childComplexity;
  const atRoot = options.type.name === "Query" || options.type.name === "Mutation";
  const weight = options.field.extensions.complexity;
  return (atRoot ? 1 : 0) + (typeof weight === "number" ? weight : 0) + options.childComplexity;
};

const nodesEstimator = (options: ComplexityEstimatorArgs): number => {
  const first = pageSizeOf(options);
  return first === undefined ? options.childComplexity : first + first * options.childComplexity;
};

export function queryTooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...extensions, http: { status: 400 } },
  });
}

/*
 * A document's cost depends only on the variables its `first` arguments and its @skip/@include
 * conditions use, so measurements are kept per set of limits (one per server), per parsed document
 * and operation (document-memo.ts) and per value of those variables: a repeated query is not
 * walked twice.
 */
interface Measurements {
  costVariables: string[];
  costs: Map<string, QueryCost | GraphQLError>;
}
const slots = new WeakMap<QueryLimits, MemoSlot<Measurements>>();
const MEASUREMENTS_PER_DOCUMENT = 100;

/** Depth and cost of an operation, or the error refusing it. */
export function measureQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: QueryLimits,
): QueryCost {
  let slot = slots.get(limits);
  if (!slot) slots.set(limits, (slot = new MemoSlot("query cost")));
  const entry = memoised(slot, document, operationName, (): Measurements => ({
    costVariables: costVariables(document),
    costs: new Map(),
  }));
  const key = JSON.stringify(entry.costVariables.map((name) => variables?.[name]));
  let result = entry.costs.get(key);
  if (!result) {
    try {
      result = measureUncached(schema, document, variables, operationName, limits);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // Bad variables are not the document's: the next request may send good ones.
      if (error.extensions.code === ErrorCode.BAD_USER_INPUT) throw error;
      result = error;
    }
    if (entry.costs.size >= MEASUREMENTS_PER_DOCUMENT) entry.costs.clear();
    entry.costs.set(key, result);
  }
  if (result instanceof GraphQLError) throw result;
  return result;
}

/** The names of the variables that `first` arguments and `if` conditions take their value from. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      const counts = node.name.value === "first" || node.name.value === "if";
      if (counts && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

function measureUncached(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
  limits: QueryLimits,
): QueryCost {
  const depth = queryDepth(document, operationName);
  if (depth > limits.depth) {
    throw queryTooComplex(`query depth ${depth} exceeds the limit of ${limits.depth}`, {
      depth,
      depthLimit: limits.depth,
    });
  }
  // The complexity library coerces the variables itself and throws GraphQL's codeless error.
  const { operation } = operationOf(document, operationName);
  const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) {
    const [error] = coerced.errors;
    throw new GraphQLError(error?.message ?? "invalid variables", {
      ...(error?.nodes ? { nodes: error.nodes } : {}),
      extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
    });
  }
  const common = { schema, query: document, variables: variables ?? {}, ...(operationName ? { operationName } : {}) };
  const requested = Math.max(1, getComplexity({ ...common, estimators: [costEstimator] }));
  const nodes = getComplexity({ ...common, estimators: [nodesEstimator] });
  if (requested > limits.cost || nodes > limits.nodes) {
    throw queryTooComplex(
      requested > limits.cost
        ? `query cost ${requested} exceeds the limit of ${limits.cost}: ask for smaller pages (first) or fewer nested lists`
        : `query asks for ${nodes} nodes, more than the limit of ${limits.nodes}`,
      { cost: requested, limit: limits.cost, nodes, nodeLimit: limits.nodes },
    );
  }
  return { requested, limit: limits.cost, nodes };
}

/** How deep the selected fields of the operation nest, through fragments; `__` fields are skipped. */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  return depthOf(operationOf(document, operationName));
}

function depthOf({ operation, fragments }: OperationOfDocument): number {
  // Validation has already refused fragment cycles; `seen` guards the recursion all the same.
  const walk = (selections: SelectionSetNode | undefined, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("__")) continue;
        deepest = Math.max(deepest, 1 + walk(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          deepest = Math.max(deepest, walk(fragment.selectionSet, new Set([...seen, name])));
        }
      }
    }
    return deepest;
  };
  return operation ? walk(operation.selectionSet, new Set()) : 0;
}

/**
 * Refuses operations over the limits before they execute, and reports the cost of the accepted
 * ones in `extensions.cost` (GitHub shows it the same way), cached responses included.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let cost: QueryCost | undefined;
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          cost = measureQuery(schema, document, request.variables, operationName, limits);
        },
        async willSendResponse({ response }) {
          if (cost && response.body.kind === "single") {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
          }
        },
      };
    },
  };
}
