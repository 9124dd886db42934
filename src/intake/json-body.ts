import type { FastifyInstance } from "fastify";
import { decodeMixedBytes } from "../report/index.js";

/**
 * Makes JSON the only body the intake routes accept (anything else is 415), parsed our way: old
 * clients send text reports that mix UTF-8 with raw Latin-1 bytes, which a plain UTF-8 decode
 * would turn into U+FFFD and lose.
 */
export function acceptMixedEncodingJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
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
  });
}
