import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False on the server and while hydrating, true after: what depends on the reader (their locale,
 * their time zone) is rendered only then, so that the server's HTML and the first render agree.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/** A count in the reader's locale (plain digit groups before hydration). */
export function Num({ value }: { value: number }) {
  const hydrated = useHydrated();
  return <>{value.toLocaleString(hydrated ? undefined : "en")}</>;
}

export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A moment in the reader's time zone, with UTC on hover. */
export function Time({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  const text = hydrated
    ? dateOnly
      ? date.toLocaleDateString()
      : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : dateOnly
      ? iso.slice(0, 10)
      : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {text}
    </time>
  );
}

/** The share of passes as a whole percentage ("–" when nothing was counted). */
export function percent(part: number, total: number): string {
  return total === 0 ? "–" : `${Math.floor((part / total) * 100)}%`;
}
