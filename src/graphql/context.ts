import type { Db, DatabaseKind } from "../db/client.js";
import type { EventBus } from "../events/index.js";
import type { Logger } from "../log.js";
import { createLoaders, type Loaders } from "./loaders/index.js";

/** What the API needs from the process that runs it; one per server. */
export interface ApiDependencies {
  db: Db;
  databaseKind: DatabaseKind;
  events: EventBus;
  log: Logger;
  startedAt: Date;
}

/** What every resolver receives; one per operation. */
export interface GraphQLContext extends ApiDependencies {
  loaders: Loaders;
}

export function createContext(deps: ApiDependencies, log: Logger = deps.log): GraphQLContext {
  return { ...deps, log, loaders: createLoaders(deps.db) };
}
