import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { LimitCode, limitExceeded } from "./limit-errors.js";

/** How many fields a document may select; checked before GraphQL's own validation walks it. */
export interface ShapeLimits {
  /** Field selections of one operation, counted through every fragment spread. */
  fields: number;
  /** Fields of one operation that carry an alias. */
  aliases: number;
  /** Fields selected at the root of one operation. */
  rootFields: number;
}

interface Shape {
  fields: number;
  aliases: number;
  rootFields: number;
}

/*
 * Validation costs grow faster than the document (OverlappingFieldsCanBeMerged compares fields
 * pairwise: 5,000 aliases took seconds), and the complexity library gives up past its own node cap
 * with an error of ours. So the shape is measured first, in one pass: each fragment's counts are
 * computed once however often it is spread (a fragment spread twice in each of ten levels would
 * otherwise be walked 1,024 times), and a cycle is refused as soon as it is found.
 */
export function measureShape(document: DocumentNode): Shape[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counted = new Map<string, Shape>();
  const visiting = new Set<string>();

  const count = (selections: SelectionSetNode, atRoot: boolean): Shape => {
    const shape: Shape = { fields: 0, aliases: 0, rootFields: 0 };
    const add = (other: Shape) => {
      shape.fields += other.fields;
      shape.aliases += other.aliases;
      shape.rootFields += other.rootFields;
    };
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        shape.fields += 1;
        if (selection.alias) shape.aliases += 1;
        if (atRoot) shape.rootFields += 1;
        if (selection.selectionSet) add(count(selection.selectionSet, false));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(count(selection.selectionSet, atRoot));
      } else {
        add(fragmentShape(selection.name.value, atRoot));
      }
    }
    return shape;
  };

  const fragmentShape = (name: string, atRoot: boolean): Shape => {
    const fragment = fragments.get(name);
    // Validation names unknown fragments.
    if (!fragment) return { fields: 0, aliases: 0, rootFields: 0 };
    const key = `${atRoot ? "root" : "inner"}:${name}`;
    const known = counted.get(key);
    if (known) return known;
    if (visiting.has(name)) {
      throw new GraphQLError(`Cannot spread fragment "${name}" within itself.`, {
        nodes: [fragment],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
      });
    }
    visiting.add(name);
    const shape = count(fragment.selectionSet, atRoot);
    visiting.delete(name);
    counted.set(key, shape);
    return shape;
  };

  const shapes: Shape[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) shapes.push(count(definition.selectionSet, true));
  }
  // A cycle in a fragment no operation spreads is refused all the same, as validation would.
  for (const name of fragments.keys()) fragmentShape(name, false);
  return shapes;
}

/** Throws the error of the first limit the document's largest operation exceeds. */
export function checkShape(document: DocumentNode, limits: ShapeLimits): void {
  for (const shape of measureShape(document)) {
    if (shape.rootFields > limits.rootFields) {
      throw limitExceeded(LimitCode.TOO_MANY_ROOT_FIELDS, "root fields", limits.rootFields, shape.rootFields);
    }
    if (shape.aliases > limits.aliases) {
      throw limitExceeded(LimitCode.TOO_MANY_ALIASES, "aliases", limits.aliases, shape.aliases);
    }
    if (shape.fields > limits.fields) {
      throw limitExceeded(LimitCode.TOO_MANY_FIELDS, "fields", limits.fields, shape.fields);
    }
  }
}

/**
 * The shape limits as a validation rule that Apollo runs with GraphQL's own. It measures the whole
 * document on entering it, and over a limit it reports the error and returns null, which makes the
 * visit skip the document: no other rule walks it (they all share one visit).
 */
export function shapeLimitsRule(limits: ShapeLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      enter(document) {
        try {
          checkShape(document, limits);
          return undefined;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          context.reportError(error);
          return null;
        }
      },
    },
  });
}
