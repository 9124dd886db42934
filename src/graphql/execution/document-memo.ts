import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
} from "graphql";

/*
 * Apollo hands the same DocumentNode for the same query text (its document cache), so whatever
 * the executor, the cost limits and the cache policy derive from a document is computed once per
 * document and operation here, and the DocumentNode's going takes it all with it.
 */

/** The operation a request runs, and the fragments its selections may spread. */
export interface OperationOfDocument {
  /** The named operation, or the only one when no name is given; undefined when none matches. */
  readonly operation: OperationDefinitionNode | undefined;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/**
 * The identity of one kind of memoised value (a compiled query for a schema, a cost for a set of
 * limits, ...); `T` is what `memoised` keeps under it.
 */
export class MemoSlot<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

interface OperationMemo extends OperationOfDocument {
  readonly values: Map<MemoSlot<unknown>, unknown>;
}

interface DocumentMemo {
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly operations: Map<string | null, OperationMemo>;
}

const memos = new WeakMap<DocumentNode, DocumentMemo>();

function operationMemo(document: DocumentNode, operationName: string | null | undefined): OperationMemo {
  let memo = memos.get(document);
  if (!memo) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    memos.set(document, (memo = { fragments, operations: new Map() }));
  }
  const name = operationName ?? null;
  let operation = memo.operations.get(name);
  if (!operation) {
    operation = {
      operation: getOperationAST(document, name) ?? undefined,
      fragments: memo.fragments,
      values: new Map(),
    };
    // Names that match nothing are not kept: a client could send any number of them.
    if (operation.operation) memo.operations.set(name, operation);
  }
  return operation;
}

/** The operation of a document that a request names (GraphQL's rule: the only one when unnamed). */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationOfDocument {
  return operationMemo(document, operationName);
}

/** `compute`'s value for this document and operation, computed on the first call for each slot. */
export function memoised<T>(
  slot: MemoSlot<T>,
  document: DocumentNode,
  operationName: string | null | undefined,
  compute: (operation: OperationOfDocument) => T,
): T {
  const memo = operationMemo(document, operationName);
  if (memo.values.has(slot)) return memo.values.get(slot) as T;
  const value = compute(memo);
  memo.values.set(slot, value);
  return value;
}
