/** A command was called wrongly; the CLI prints the message alone, without a stack. */
export class UsageError extends Error {
  override name = "UsageError";
}
