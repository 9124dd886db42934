import { GraphQLScalarType, Kind, print } from "graphql";

/**
 * A value a scalar could not parse. Scalars do not know which argument they parse, and an error
 * raised while parsing comes back as a validation error without the argument's name; so they pass
 * this through and the resolver rejects it as BAD_USER_INPUT naming its argument (args/*.ts).
 */
export class InvalidScalarValue {
  constructor(readonly received: string) {}

  /**
   * By shape, not instanceof: a compiled document (compiled-executor.ts) copies literal
   * arguments into its code as JSON, and the copy is a plain object.
   */
  static is(value: unknown): value is InvalidScalarValue {
    return (
      typeof value === "object" && value !== null && typeof (value as { received?: unknown }).received === "string"
    );
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDateTime(value: unknown): Date | InvalidScalarValue {
  if (typeof value === "string" && ISO_DATE_TIME.test(value)) {
    const date = new Date(ISO_DATE.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(date.getTime()) && sameCalendarDay(value, date)) return date;
  }
  return new InvalidScalarValue(typeof value === "string" ? value : JSON.stringify(value));
}

// Date parsing rolls 2026-02-30 over to March; a day that does not exist is an error instead.
function sameCalendarDay(value: string, date: Date): boolean {
  if (!ISO_DATE.test(value)) return true;
  return date.toISOString().slice(0, 10) === value;
}

function parseDay(value: unknown): string | InvalidScalarValue {
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
  }
  return new InvalidScalarValue(typeof value === "string" ? value : JSON.stringify(value));
}

export const DateTimeScalar = new GraphQLScalarType<Date | InvalidScalarValue, string>({
  name: "DateTime",
  description:
    "An instant in ISO 8601 with its time zone, e.g. `2026-01-31T12:00:00.000Z`. As an argument, a date " +
    "alone (`2026-01-31`) means midnight UTC of that day.",
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : new InvalidScalarValue(print(ast))),
});

export const DateScalar = new GraphQLScalarType<string | InvalidScalarValue, string>({
  name: "Date",
  description: "A calendar day in ISO 8601, `YYYY-MM-DD` (UTC).",
  serialize(value) {
    if (typeof value === "string" && ISO_DATE.test(value)) return value;
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue: parseDay,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDay(ast.value) : new InvalidScalarValue(print(ast))),
});
