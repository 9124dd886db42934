import { NO_VIEWER, type ViewerState } from "../auth/viewer.js";
import type { Db, DatabaseKind } from "../db/client.js";
import type { UploadRow, TesterRow } from "../db/schema/index.js";
import type { EventBus } from "../events/index.js";
import type { Logger } from "../log.js";
import type { AccountServices } from "../notify/accounts.js";
import type { SystemStatus } from "../monitor/system-status.js";
import type { NewUpload, UploadChange } from "../report/upload-list.js";
import { createLoaders, type Loaders } from "./loaders/index.js";

/**
 * What the mutations ask of intake. The server hands the intake cores in: graphql and intake are
 * side by side under server, so neither imports the other.
 */
export interface IntakeCalls {
  /** Validates, stores and acknowledges a v3 report document (the intake core of POST /v3/report). */
  submitReport(
    report: unknown,
    tester: TesterRow | null,
    origin?: { requestId?: string | undefined },
  ): Promise<{ id: string; created: boolean }>;
  /** Records one upload and tells uploadAdded subscribers. */
  addUpload(upload: NewUpload): Promise<{ change: UploadChange; row: UploadRow }>;
}

/** What the API needs from the process that runs it; one per server. */
export interface ApiDependencies {
  db: Db;
  databaseKind: DatabaseKind;
  events: EventBus;
  intake: IntakeCalls;
  allowAnonymousReports: boolean;
  log: Logger;
  startedAt: Date;
  /** Sign-in, notifications, mail, conversations; absent where the server runs without them. */
  accounts?: AccountServices | undefined;
  /** The platform's status, cached briefly (monitor/system-status.ts); absent: not reported. */
  systemStatus?: (() => Promise<SystemStatus>) | undefined;
}

/** What every resolver receives; one per operation. */
export interface GraphQLContext extends ApiDependencies {
  loaders: Loaders;
  /** The caller's `Authorization` header (or, over WebSocket, the token of connection_init). */
  authorization: string | undefined;
  /** The person signed in by session cookie, if any (auth/viewer.ts decides what they may do). */
  viewer: ViewerState;
  /** The caller's address (rate limits on sign-in). */
  ip: string;
  /** The HTTP request's id (X-Request-Id), carried into what the operation causes. */
  requestId: string | undefined;
}

export function createContext(
  deps: ApiDependencies,
  request: {
    log?: Logger;
    authorization?: string | undefined;
    viewer?: ViewerState;
    ip?: string;
    requestId?: string | undefined;
  } = {},
): GraphQLContext {
  // Field by field, not `...deps`: one per request, and the caller's dependencies may hold more.
  return {
    db: deps.db,
    databaseKind: deps.databaseKind,
    events: deps.events,
    intake: deps.intake,
    allowAnonymousReports: deps.allowAnonymousReports,
    startedAt: deps.startedAt,
    systemStatus: deps.systemStatus,
    log: request.log ?? deps.log,
    authorization: request.authorization,
    viewer: request.viewer ?? NO_VIEWER,
    ip: request.ip ?? "",
    accounts: deps.accounts,
    requestId: request.requestId,
    loaders: createLoaders(deps.db),
  };
}
