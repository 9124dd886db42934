import type { SettingsValues } from "../db/queries/notification.queries.js";
import type { NotificationSettingsRow } from "../db/schema/index.js";
import type { Frequency, Preference, VersionChoice } from "./preferences.js";

/** A settings row as a preference. */
export function preferenceOfRow(row: NotificationSettingsRow): Preference {
  return {
    frequency: row.frequency as Frequency,
    weekday: row.weekday,
    grades: row.grades as Preference["grades"],
    firstOnly: row.firstOnly,
    versions: row.versions as VersionChoice,
    versionList: row.versionList,
    includePatched: row.includePatched,
    includeDevPerls: row.includeDevPerls,
    perls: row.perls,
    excludePerls: row.excludePerls,
    platforms: row.platforms,
    excludePlatforms: row.excludePlatforms,
  };
}

/** A preference, with the author-wide fields, as the values of a settings row. */
export function rowValues(pref: Preference, author: { ignoredDists: string[]; timeZone: string }): SettingsValues {
  return { ...pref, ignoredDists: author.ignoredDists, timeZone: author.timeZone };
}
