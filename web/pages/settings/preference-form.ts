import type { CombinedError } from "urql";
import type { NotificationPreferenceInput } from "../../generated/graphql";

/** A notification preference as the form edits it: lists as the text typed into their fields. */
export interface PreferenceForm {
  frequency: string;
  weekday: number;
  grades: string[];
  firstOnly: boolean;
  versions: string;
  versionList: string;
  includePatched: boolean;
  includeDevPerls: boolean;
  perls: string;
  excludePerls: string;
  platforms: string;
  excludePlatforms: string;
}

export interface PreferenceValues {
  frequency: string;
  weekday: number;
  grades: string[];
  firstOnly: boolean;
  versions: string;
  versionList: string[];
  includePatched: boolean;
  includeDevPerls: boolean;
  perls: string[];
  excludePerls: string[];
  platforms: string[];
  excludePlatforms: string[];
}

const LIST_FIELDS = ["versionList", "perls", "excludePerls", "platforms", "excludePlatforms"] as const;

/** Items typed into a list field: separated by spaces or commas (no version, perl or platform has either). */
export const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

export function formOf(values: PreferenceValues): PreferenceForm {
  // Field by field: a result also carries __typename and distribution, which the input type does not have.
  const form: PreferenceForm = {
    frequency: values.frequency,
    weekday: values.weekday,
    grades: values.grades,
    firstOnly: values.firstOnly,
    versions: values.versions,
    versionList: "",
    includePatched: values.includePatched,
    includeDevPerls: values.includeDevPerls,
    perls: "",
    excludePerls: "",
    platforms: "",
    excludePlatforms: "",
  };
  for (const key of LIST_FIELDS) form[key] = values[key].join(" ");
  return form;
}

export function inputOf(form: PreferenceForm): NotificationPreferenceInput {
  return {
    frequency: form.frequency,
    weekday: form.weekday,
    grades: form.grades,
    firstOnly: form.firstOnly,
    versions: form.versions,
    versionList: splitList(form.versionList),
    includePatched: form.includePatched,
    includeDevPerls: form.includeDevPerls,
    perls: splitList(form.perls),
    excludePerls: splitList(form.excludePerls),
    platforms: splitList(form.platforms),
    excludePlatforms: splitList(form.excludePlatforms),
  };
}

/** What a failed save said, and the field it named (BAD_USER_INPUT's `details[].path`, "/grades"). */
export interface SaveError {
  field: string | undefined;
  message: string;
}

export function saveErrorOf(error: CombinedError | undefined): SaveError | undefined {
  if (!error) return undefined;
  const first = error.graphQLErrors[0];
  if (!first) return { field: undefined, message: error.message };
  const details = first.extensions.details;
  const path = Array.isArray(details) ? (details[0] as { path?: unknown } | undefined)?.path : undefined;
  return { field: typeof path === "string" ? path.replace(/^\//, "") : undefined, message: first.message };
}
