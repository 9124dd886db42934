import type { ApolloServerPlugin } from "@apollo/server";
import {
  type ConstDirectiveNode,
  type DocumentNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type SelectionSetNode,
  typeFromAST,
} from "graphql";
import { memoised, MemoSlot, type OperationOfDocument, operationOf } from "./document-memo.js";

/*
 * Apollo's cache-control rules (a field takes the hint of its field, else of its composite type;
 * `inheritMaxAge` takes the parent's; root fields and composite fields without a hint are not
 * cacheable; the response takes the smallest), applied to the operation's selection set once per
 * parsed document instead of in a hook around every resolved field. Hints here are static (no
 * resolver sets one), so the walk gives the same policy; fields that a null parent or @skip leaves
 * out still count, which can only shorten it.
 */

interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

type Annotation = CacheHint & { inheritMaxAge?: true };

/** The `@cacheControl` of a type or field definition, as Apollo reads it. */
function annotationOf(directives: readonly ConstDirectiveNode[] | undefined): Annotation {
  const directive = directives?.find((d) => d.name.value === "cacheControl");
  const argument = (name: string) => directive?.arguments?.find((a) => a.name.value === name)?.value;
  const maxAge = argument("maxAge");
  const scope = argument("scope");
  const inherit = argument("inheritMaxAge");
  const scopeHint =
    scope?.kind === Kind.ENUM && (scope.value === "PUBLIC" || scope.value === "PRIVATE") ? scope.value : undefined;
  if (inherit?.kind === Kind.BOOLEAN && inherit.value)
    return { inheritMaxAge: true, ...(scopeHint ? { scope: scopeHint } : {}) };
  return {
    ...(maxAge?.kind === Kind.INT ? { maxAge: Number.parseInt(maxAge.value, 10) } : {}),
    ...(scopeHint ? { scope: scopeHint } : {}),
  };
}

const typeAnnotation = (type: GraphQLNamedType): Annotation =>
  annotationOf(type.astNode?.directives ?? type.extensionASTNodes.find((node) => node.directives?.length)?.directives);

/** The smallest maxAge and the most private scope of the hints. */
function restrict(policy: Required<CacheHint>, hint: CacheHint): void {
  if (hint.maxAge !== undefined && hint.maxAge < policy.maxAge) policy.maxAge = hint.maxAge;
  if (hint.scope === "PRIVATE") policy.scope = "PRIVATE";
}

/** The policy of one operation of a document. */
export function operationCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  defaultMaxAge: number,
): Required<CacheHint> {
  return policyOf(schema, operationOf(document, operationName), defaultMaxAge);
}

function policyOf(
  schema: GraphQLSchema,
  { operation, fragments }: OperationOfDocument,
  defaultMaxAge: number,
): Required<CacheHint> {
  const policy: Required<CacheHint> = { maxAge: Number.POSITIVE_INFINITY, scope: "PUBLIC" };
  // Mutations and subscriptions are never cached.
  const root = operation?.operation === OperationTypeNode.QUERY ? schema.getQueryType() : undefined;
  if (!operation || !root) return { maxAge: 0, scope: "PUBLIC" };

  const walk = (parent: GraphQLCompositeType, selections: SelectionSetNode, atRoot: boolean, seen: Set<string>) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === "__typename") continue;
        const field: GraphQLField<unknown, unknown> | undefined =
          isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        // Introspection (__schema, __type) carries no hints: never cacheable, as in Apollo.
        if (!field) {
          restrict(policy, { maxAge: 0 });
          continue;
        }
        const target = getNamedType(field.type);
        const hint: Annotation = {};
        let inherit = false;
        if (isCompositeType(target)) {
          Object.assign(hint, typeAnnotation(target));
          inherit = Boolean(hint.inheritMaxAge);
        }
        const own = annotationOf(field.astNode?.directives);
        if (own.inheritMaxAge && hint.maxAge === undefined) {
          inherit = true;
          if (own.scope) hint.scope = own.scope;
        } else {
          if (own.maxAge !== undefined) hint.maxAge = own.maxAge;
          if (own.scope) hint.scope = own.scope;
        }
        if (hint.maxAge === undefined && ((isCompositeType(target) && !inherit) || atRoot)) hint.maxAge = defaultMaxAge;
        restrict(policy, hint);
        if (selection.selectionSet && isCompositeType(target)) walk(target, selection.selectionSet, false, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        walk(narrowed && isCompositeType(narrowed) ? narrowed : parent, selection.selectionSet, atRoot, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const narrowed = typeFromAST(schema, fragment.typeCondition);
        const next = new Set(seen).add(fragment.name.value);
        walk(narrowed && isCompositeType(narrowed) ? narrowed : parent, fragment.selectionSet, atRoot, next);
      }
    }
  };
  walk(root, operation.selectionSet, true, new Set());
  return policy.maxAge === Number.POSITIVE_INFINITY ? { maxAge: defaultMaxAge, scope: policy.scope } : policy;
}

const UNCACHEABLE = "no-store";

/**
 * Sets each response's cache policy (which the response cache follows) and its Cache-Control
 * header: `max-age=N, public|private` for a cacheable query without errors, `no-store` otherwise.
 * Used instead of Apollo's cache-control plugin, whose per-field hook costs every request.
 */
export function cachePolicyPlugin(options: { defaultMaxAge: number }): ApolloServerPlugin {
  const slot = new MemoSlot<Required<CacheHint>>("cache policy");
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, overallCachePolicy }) {
          overallCachePolicy.restrict(
            memoised(slot, document, operationName, (operation) => policyOf(schema, operation, options.defaultMaxAge)),
          );
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const cacheable = overallCachePolicy.policyIfCacheable();
          const clean = response.body.kind === "single" && !response.body.singleResult.errors;
          response.http.headers.set(
            "cache-control",
            cacheable && clean ? `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}` : UNCACHEABLE,
          );
        },
      };
    },
  };
}
