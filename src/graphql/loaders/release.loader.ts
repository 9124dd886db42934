import DataLoader from "dataloader";
import type { Db } from "../../db/client.js";
import { type DistVersion, findReleases } from "../../db/queries/release.queries.js";
import type { ReleaseRow } from "../../db/schema/index.js";

const keyOf = (key: DistVersion) => `${key.dist}\0${key.version}`;

/** Releases by dist and version, batched into one statement per tick; null for an unknown one. */
export function releaseByDistVersion(db: Db): DataLoader<DistVersion, ReleaseRow | null, string> {
  return new DataLoader(
    async (keys) => {
      const found = new Map((await findReleases(db, keys)).map((row) => [keyOf(row), row]));
      return keys.map((key) => found.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}
