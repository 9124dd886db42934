/** Whether Postgres cancelled the statement for running past statement_timeout (SQLSTATE 57014). */
export function isStatementTimeout(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === "57014") return true;
  }
  return false;
}
