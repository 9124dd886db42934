import { useEffect, useRef } from "react";
import { type AnyVariables, type TypedDocumentNode, useSubscription } from "urql";

/**
 * Calls `onEvent` for each event of a subscription, in the browser only (the server renders what
 * is, never waits for what comes). Events close together are handled once, after `settleMs`.
 */
export function useLive<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onEvent: (events: Data[]) => void,
  settleMs = 250,
): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const pending = useRef<Data[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [{ data }] = useSubscription({ query, variables, pause: typeof window === "undefined" });
  useEffect(() => {
    if (!data) return;
    pending.current.push(data);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const events = pending.current;
      pending.current = [];
      handler.current(events);
    }, settleMs);
  }, [data, settleMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
}
