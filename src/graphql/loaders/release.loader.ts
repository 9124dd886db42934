import type { Db } from "../../db/client.js";
import { type DistVersion, findReleases } from "../../db/queries/release.queries.js";
import { findUploads, latestUploadsOfDists } from "../../db/queries/upload.queries.js";
import { type ReleaseMatrixRow, releaseMatrices } from "../../db/queries/matrix.queries.js";
import { keyedLoader } from "./keyed-loader.js";

const keyOf = (key: DistVersion) => `${key.dist}\0${key.version}`;

/** Release counters by dist and version; null for a release without reports. */
export const releaseByDistVersion = (db: Db) => keyedLoader((keys) => findReleases(db, keys), keyOf, keyOf);

/** Uploads by dist and version; null for an unknown one. */
export const uploadByDistVersion = (db: Db) => keyedLoader((keys) => findUploads(db, keys), keyOf, keyOf);

/** The newest upload of each distribution; null for an unknown distribution. */
export const latestUploadByDist = (db: Db) =>
  keyedLoader(
    (dists: readonly string[]) => latestUploadsOfDists(db, dists),
    (dist) => dist,
    (row) => row.dist,
  );

/** The matrix cells of each release; an empty list for a release without reports. */
export const releaseMatrixByDistVersion = (db: Db) =>
  keyedLoader<DistVersion, ReleaseMatrixRow, ReleaseMatrixRow[]>(
    (keys) => releaseMatrices(db, keys),
    keyOf,
    keyOf,
    (rows) => rows ?? [],
  );
