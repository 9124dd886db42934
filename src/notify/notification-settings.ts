import type { Db } from "../db/client.js";
import { authorHasDist, deleteSettings, saveSettings, settingsOf } from "../db/queries/notification.queries.js";
import { AppError, ErrorCode } from "../errors/index.js";
import type { Notifier } from "./notifier.js";
import {
  applyPreferenceInput,
  DEFAULT_PREFERENCE,
  field,
  list,
  type Preference,
  type PreferenceInput,
  timeZone,
} from "./preferences.js";
import { preferenceOfRow, rowValues } from "./settings.rows.js";

export interface AuthorSettings {
  author: string;
  default: Preference;
  distributions: { dist: string; preference: Preference }[];
  ignoredDists: string[];
  timeZone: string;
}

/** An author's settings, with the original mailer's defaults where nothing was saved. */
export async function readSettings(db: Db, author: string): Promise<AuthorSettings> {
  const rows = await settingsOf(db, author);
  const base = rows.find((row) => row.dist === "");
  return {
    author,
    default: base ? preferenceOfRow(base) : DEFAULT_PREFERENCE,
    distributions: rows
      .filter((row) => row.dist !== "")
      .map((row) => ({ dist: row.dist, preference: preferenceOfRow(row) })),
    ignoredDists: base?.ignoredDists ?? [],
    timeZone: base?.timeZone ?? "UTC",
  };
}

export interface SettingsChange {
  /** A distribution's override; absent: the author's default. */
  dist?: string | null | undefined;
  preference?: PreferenceInput | null | undefined;
  ignoredDists?: unknown;
  timeZone?: string | null | undefined;
}

/**
 * Changes an author's default or one distribution's override (only a distribution of theirs).
 * Every field is checked first: BAD_USER_INPUT naming the field, and nothing saved.
 */
export async function updateSettings(db: Db, notifier: Notifier, author: string, change: SettingsChange, now: Date) {
  const current = await readSettings(db, author);
  const dist = change.dist ?? "";
  if (dist !== "" && !(await authorHasDist(db, author, dist))) {
    throw new AppError(ErrorCode.FORBIDDEN, `distribution: ${dist} is not a distribution of ${author}`, [
      { message: "not your distribution", path: "/distribution" },
    ]);
  }
  if (dist !== "" && (change.ignoredDists !== undefined || change.timeZone)) {
    throw field(
      "distribution",
      "ignoredDistributions and timeZone are the author's, not a distribution's: leave distribution out",
    );
  }
  const base =
    dist === "" ? current.default : (current.distributions.find((d) => d.dist === dist)?.preference ?? current.default);
  const preference = applyPreferenceInput(base, change.preference ?? {});
  const author_ = {
    ignoredDists:
      change.ignoredDists !== undefined && change.ignoredDists !== null
        ? list("ignoredDistributions", change.ignoredDists)
        : current.ignoredDists,
    timeZone: change.timeZone ? timeZone(change.timeZone) : current.timeZone,
  };
  if (dist !== "") {
    // The author's default row holds the author-wide fields: make sure it exists.
    if (!(await settingsOf(db, author)).some((row) => row.dist === "")) {
      await saveSettings(db, author, "", rowValues(current.default, author_), now);
    }
  }
  await saveSettings(db, author, dist, rowValues(preference, author_), now);
  if (dist === "") await notifier.settingsChanged(author, preference.frequency);
  return readSettings(db, author);
}

/** Removes a distribution's override: the author's default applies to it again. */
export async function removeOverride(db: Db, author: string, dist: string): Promise<AuthorSettings> {
  await deleteSettings(db, author, dist);
  return readSettings(db, author);
}

/** One-click unsubscribe: the author's default becomes never, overrides included. */
export async function unsubscribeAll(db: Db, notifier: Notifier, author: string, now: Date): Promise<void> {
  const current = await readSettings(db, author);
  const author_ = { ignoredDists: current.ignoredDists, timeZone: current.timeZone };
  await saveSettings(db, author, "", rowValues({ ...current.default, frequency: "never" }, author_), now);
  for (const { dist, preference } of current.distributions) {
    await saveSettings(db, author, dist, rowValues({ ...preference, frequency: "never" }, author_), now);
  }
  await notifier.settingsChanged(author, "never");
}
