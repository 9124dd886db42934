import {
  type GraphQLArgument,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { buildApiSchema } from "./schema.js";

describe("the API schema", () => {
  it("describes every type, field, argument and enum value (the console and codegen show them)", async () => {
    const schema = await buildApiSchema(createMemoryEventBus());
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        const fields: Record<string, { name: string; description?: string | null; args?: readonly GraphQLArgument[] }> =
          type.getFields();
        for (const field of Object.values(fields)) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of field.args ?? []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
