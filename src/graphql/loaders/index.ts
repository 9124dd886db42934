import type { Db } from "../../db/client.js";
import { releaseByDistVersion } from "./release.loader.js";

/** Every DataLoader, created afresh for each request so that no cache outlives it. */
export function createLoaders(db: Db) {
  return {
    releaseByDistVersion: releaseByDistVersion(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
