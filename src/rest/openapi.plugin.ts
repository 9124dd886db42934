import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { platformVersion } from "../version.js";

/** The public APIs with an OpenAPI document: the original's v1 and v3, both served here. */
const DOCUMENTED = /^\/v[13](\/|$)/;

interface OpenApiDocument {
  info?: Record<string, unknown>;
  paths?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Collects the schemas of every route from here on (so register it before the routes), for the
 * documents that GET /v1 and GET /v3 serve and the browsable view at /docs. Only routes under
 * /v1 and /v3 are documented; the rest have documents of their own (GraphQL introspection).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "CPAN Testers API",
        version: platformVersion,
        description:
          "Read CPAN Testers data and submit test reports: the routes of the original API " +
          "(api.cpantesters.org), served by this platform.",
      },
    },
    transform: ({ schema, url }) => ({
      schema: DOCUMENTED.test(url) && !schema?.hide ? schema : { ...schema, hide: true },
      url,
    }),
  });
}

/** The part of the generated document under one prefix (`/v3`), as the original served one per API. */
export function openApiDocument(app: FastifyInstance, prefix: "/v1" | "/v3"): OpenApiDocument {
  const whole = app.swagger() as unknown as OpenApiDocument;
  const paths = Object.fromEntries(
    Object.entries(whole.paths ?? {}).filter(([path]) => path === prefix || path.startsWith(`${prefix}/`)),
  );
  const title = `CPAN Testers API ${prefix === "/v3" ? "3.0" : "1.0"}`;
  return { ...whole, info: { ...whole.info, title }, paths };
}

/** /docs: Swagger UI over both documents, its scripts and styles served from this process. */
export async function registerApiDocsView(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    uiConfig: {
      urls: [
        { url: "/v3", name: "CPAN Testers API 3.0" },
        { url: "/v1", name: "CPAN Testers API 1.0" },
      ],
    },
    transformSpecification: (document) => {
      const paths = (document as OpenApiDocument).paths ?? {};
      return {
        ...document,
        paths: Object.fromEntries(Object.entries(paths).filter(([path]) => DOCUMENTED.test(path))),
      };
    },
  });
}
