import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReadModel, type UploadSpec } from "../factories/read-model.factory.js";
import { testBackends } from "../helpers/database.js";
import { startTestPlatform, type TestPlatform } from "../helpers/server.js";
import { statusAndBody } from "./http.js";

const uploads: UploadSpec[] = [
  { dist: "My-Dist", version: "1.001", author: "PREACTION", releasedAt: "2016-11-19T03:03:20Z" },
  { dist: "My-Dist", version: "1.002", author: "POSTACTION", releasedAt: "2016-11-19T03:05:00Z" },
  { dist: "My-Other", version: "1.000", author: "PREACTION", releasedAt: "2016-11-19T03:06:40Z" },
];
// An upload as the original writes it: `released` in whole seconds with a Z.
const U = uploads.map((upload) => ({
  dist: upload.dist,
  version: upload.version,
  author: upload.author,
  filename: `${upload.dist}-${upload.version}.tar.gz`,
  released: upload.releasedAt,
}));
const SINCE = "since=2016-11-19T03:05:00Z";

// The original's 'websocket feeds' subtest is the upload feed's, served by the legacy feeds.
describe("cpantesters-api t/controller/upload.t", () => {
  describe.each(testBackends())("on $name", (backend) => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform(backend, { etl: false });
      await seedReadModel(platform.database.db, { uploads });
    });
    afterAll(() => platform.stop());

    describe.each(["/v1", "/v3"])("upload.t '%s/upload'", (base) => {
      const get = (path: string) => statusAndBody(`${platform.url}${base}${path}`);

      it("upload.t 'all uploads': oldest first", async () => {
        expect(await get("/upload")).toEqual({ status: 200, body: [U[0], U[1], U[2]] });
      });

      it("upload.t 'all uploads' / 'since'", async () => {
        expect(await get(`/upload?${SINCE}`)).toEqual({ status: 200, body: [U[1], U[2]] });
      });

      it("upload.t 'by dist'", async () => {
        expect(await get("/upload/dist/My-Dist")).toEqual({ status: 200, body: [U[0], U[1]] });
      });

      it("upload.t 'by dist' / 'since'", async () => {
        expect(await get(`/upload/dist/My-Dist?${SINCE}`)).toEqual({ status: 200, body: [U[1]] });
      });

      it("upload.t 'by dist' / 'dist not found': 404 naming the dist", async () => {
        expect(await get("/upload/dist/NOT_FOUND")).toEqual({
          status: 404,
          body: { errors: [{ message: 'Distribution "NOT_FOUND" not found', path: "/" }] },
        });
      });

      it("upload.t 'by author'", async () => {
        expect(await get("/upload/author/PREACTION")).toEqual({ status: 200, body: [U[0], U[2]] });
      });

      it("upload.t 'by author' / 'since'", async () => {
        expect(await get(`/upload/author/PREACTION?${SINCE}`)).toEqual({ status: 200, body: [U[2]] });
      });

      it("upload.t 'by author' / 'author not found': 404 naming the author", async () => {
        expect(await get("/upload/author/NOT_FOUND")).toEqual({
          status: 404,
          body: { errors: [{ message: 'Author "NOT_FOUND" not found', path: "/" }] },
        });
      });

      it("upload.t 'input validation' / '\"since\" must be an ISO8601 date/time'", async () => {
        expect(await get("/upload/dist/My-Dist?since=Sat Nov 19 14:18:40 2016")).toEqual({
          status: 400,
          body: { errors: [{ message: "Does not match date-time format.", path: "/since" }] },
        });
      });
    });
  });
});
