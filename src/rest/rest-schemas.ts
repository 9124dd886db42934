/**
 * The response shapes of the v1 and v3 routes, as share/v3.json of the original describes them.
 * Fastify serialises each answer through its schema, and the OpenAPI documents are built from
 * them, so a field reaches a client only when it is written here.
 */
const dateTime = { type: "string", format: "date-time" } as const;

export const errorsBody = {
  type: "object",
  description: "What went wrong; `path` is a JSON pointer to the parameter, `/` for the request",
  properties: {
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { message: { type: "string" }, path: { type: "string" } },
        required: ["message"],
      },
    },
  },
  required: ["errors"],
} as const;

export const reportSummary = {
  type: "object",
  properties: {
    guid: { type: "string", description: "The report's GUID" },
    date: { ...dateTime, description: "When the report was submitted" },
    grade: { type: "string", enum: ["pass", "fail", "na", "unknown"] },
    reporter: { type: "string", description: "Who sent the report" },
    dist: { type: "string" },
    version: { type: "string" },
    platform: { type: "string", description: "Perl's archname" },
    perl: { type: "string" },
    osname: { type: "string" },
    osvers: { type: "string" },
  },
  required: ["guid", "date", "grade", "dist", "version"],
} as const;

export const releaseSummary = {
  type: "object",
  description: "Report counts of a release, over all perls",
  properties: {
    dist: { type: "string" },
    version: { type: "string" },
    pass: { type: "integer" },
    fail: { type: "integer" },
    na: { type: "integer" },
    unknown: { type: "integer" },
  },
  required: ["dist", "version", "pass", "fail", "na", "unknown"],
} as const;

export const upload = {
  type: "object",
  properties: {
    dist: { type: "string" },
    version: { type: "string" },
    author: { type: ["string", "null"] },
    filename: { type: ["string", "null"] },
    released: { ...dateTime, type: ["string", "null"] },
  },
  required: ["dist", "version"],
} as const;

export const report = {
  type: "object",
  description: "The report document as it was submitted (share/v3.json's Report), with its id and creation time",
  properties: { id: { type: "string", format: "uuid" }, created: dateTime },
  additionalProperties: true,
  required: ["id", "created"],
} as const;

/** The answers of a list route: the rows, or a 400 or a 404 in the v3 error format. */
export const listResponses = (item: object) =>
  ({ 200: { type: "array", items: item }, 400: errorsBody, 404: errorsBody }) as const;
