import type { FastifyInstance, FastifyRequest } from "fastify";
import { decodeMixedBytes } from "../report/index.js";

type Done = (error: Error | null, body?: unknown) => void;

// Old clients send text reports that mix UTF-8 with raw Latin-1 bytes, which a plain UTF-8
// decode would turn into U+FFFD and lose.
function parseMixedEncodingJson(_request: FastifyRequest, body: string | Buffer, done: Done): void {
  const bytes = body as Buffer;
  if (bytes.length === 0) {
    done(Object.assign(new Error("empty body"), { code: "FST_ERR_CTP_EMPTY_JSON_BODY", statusCode: 400 }));
    return;
  }
  try {
    done(null, JSON.parse(decodeMixedBytes(bytes)));
  } catch (error) {
    done(error as Error);
  }
}

/**
 * Makes JSON the only body the intake routes accept, parsed our way. With `anyContentType` the
 * body is JSON whatever the Content-Type says (the Metabase routes: HTTP::Tiny labels the
 * client's JSON `application/octet-stream`); otherwise anything but application/json is a 415.
 */
export function acceptMixedEncodingJson(app: FastifyInstance, options: { anyContentType?: boolean } = {}): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, parseMixedEncodingJson);
  if (options.anyContentType) app.addContentTypeParser("*", { parseAs: "buffer" }, parseMixedEncodingJson);
}
