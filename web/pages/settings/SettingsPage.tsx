import { useState } from "react";
import { type CombinedError, useMutation, useQuery } from "urql";
import type { PageModule } from "../../app/page";
import { useViewer, withCsrf } from "../../components/session";
import { graphql } from "../../generated/gql";
import type { NotificationPreferenceInput } from "../../generated/graphql";
import { type AuthorWide, PreferenceEditor } from "./PreferenceEditor";
import type { PreferenceValues } from "./preference-form";

const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      author
      timeZone
      ignoredDistributions
      default {
        ...PreferenceValues
      }
      distributions {
        distribution
        ...PreferenceValues
      }
    }
  }

  fragment PreferenceValues on NotificationPreference {
    frequency
    weekday
    grades
    firstOnly
    versions
    versionList
    includePatched
    includeDevPerls
    perls
    excludePerls
    platforms
    excludePlatforms
  }
`);

// The first hundred, as suggestions: the server checks whatever name is typed.
const AuthorDistributionsDocument = graphql(`
  query AuthorDistributionNames($pauseId: String!) {
    author(pauseId: $pauseId) {
      distributions(first: 100) {
        nodes {
          name
        }
      }
    }
  }
`);

const UpdateNotificationSettingsDocument = graphql(`
  mutation UpdateNotificationSettings(
    $input: NotificationPreferenceInput
    $distribution: String
    $timeZone: String
    $ignored: [String!]
  ) {
    updateNotificationSettings(
      input: $input
      distribution: $distribution
      timeZone: $timeZone
      ignoredDistributions: $ignored
    ) {
      author
    }
  }
`);

const RemoveOverrideDocument = graphql(`
  mutation RemoveNotificationOverride($distribution: String!) {
    removeNotificationOverride(distribution: $distribution) {
      author
    }
  }
`);

export const prepare: PageModule["prepare"] = async () => ({
  head: { title: "Notification settings · CPAN Testers", description: "What CPAN Testers mails you about." },
  maxAge: 0,
});

const FREQUENCY_NAMES: Record<string, string> = {
  report: "every report",
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  never: "never",
};

/** One line about a preference, for the list of overrides. */
function summary(pref: PreferenceValues): string {
  const versions = pref.versions === "list" ? pref.versionList.join(", ") : pref.versions;
  return `${FREQUENCY_NAMES[pref.frequency] ?? pref.frequency}; ${pref.grades.join(", ").toUpperCase()}; ${pref.firstOnly ? "first per platform" : "all reports"}; versions: ${versions}`;
}

export function Page() {
  const { viewer, loading } = useViewer();
  const author = viewer?.kind === "author" ? viewer : null;
  const [{ data }, refetch] = useQuery({
    query: NotificationSettingsDocument,
    pause: !author,
    requestPolicy: "network-only",
  });
  const [{ data: dists }] = useQuery({
    query: AuthorDistributionsDocument,
    variables: { pauseId: author?.pauseId ?? "" },
    pause: !author?.pauseId,
  });
  const [, update] = useMutation(UpdateNotificationSettingsDocument);
  const [removed, remove] = useMutation(RemoveOverrideDocument);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState("");

  if (loading) return <p>Loading…</p>;
  if (!author) {
    return (
      <section>
        <h1>Notification settings</h1>
        <p>
          <a href="/sign-in?returnTo=/settings/notifications">Sign in with your PAUSE id</a> to choose what CPAN Testers
          mails you about.
        </p>
      </section>
    );
  }
  const settings = data?.notificationSettings;
  if (!settings) return <p>Loading…</p>;
  const csrf = withCsrf(author.csrfToken);
  const saved = async (result: Promise<{ error?: CombinedError | undefined }>) => {
    const { error } = await result;
    if (!error) refetch({ requestPolicy: "network-only" });
    return error;
  };
  const saveDefault = (input: NotificationPreferenceInput, wide?: AuthorWide) =>
    saved(update({ input, timeZone: wide?.timeZone ?? null, ignored: wide?.ignoredDistributions ?? null }, csrf));
  const saveOverride = (distribution: string) => (input: NotificationPreferenceInput) =>
    saved(update({ input, distribution }, csrf));
  const overrideOf = (dist: string) => settings.distributions.find((d) => d.distribution === dist);
  const names = dists?.author?.distributions.nodes.map((d) => d.name) ?? [];

  return (
    <section className="settings">
      <h1>Notification settings for {author.pauseId}</h1>
      <h2 id="default-heading">For all your distributions</h2>
      <PreferenceEditor
        label="Default for all distributions"
        idPrefix="default"
        initial={settings.default}
        authorWide={{ timeZone: settings.timeZone, ignoredDistributions: settings.ignoredDistributions }}
        save={saveDefault}
      />

      <h2>Per distribution</h2>
      {settings.distributions.length === 0 ? (
        <p>No distribution has settings of its own: the default applies to all of them.</p>
      ) : (
        <ul className="overrides">
          {settings.distributions.map((d) => (
            <li key={d.distribution}>
              <strong>{d.distribution}</strong>: {summary(d)}{" "}
              <button type="button" onClick={() => setEditing(d.distribution)} aria-label={`Edit ${d.distribution}`}>
                Edit
              </button>{" "}
              <button
                type="button"
                aria-label={`Remove the override of ${d.distribution}`}
                disabled={removed.fetching}
                onClick={() => {
                  if (editing === d.distribution) setEditing(null);
                  void saved(remove({ distribution: d.distribution ?? "" }, csrf));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        aria-label="Add an override"
        onSubmit={(event) => {
          event.preventDefault();
          if (adding.trim()) setEditing(adding.trim());
        }}
      >
        <label htmlFor="add-distribution">Distribution</label>{" "}
        <input
          id="add-distribution"
          list="author-distributions"
          value={adding}
          required
          onChange={(e) => setAdding(e.target.value)}
        />
        <datalist id="author-distributions">
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>{" "}
        <button type="submit">Add an override</button>
      </form>
      {editing && (
        <PreferenceEditor
          key={editing}
          label={`Override for ${editing}`}
          idPrefix="override"
          initial={overrideOf(editing) ?? settings.default}
          save={saveOverride(editing)}
        >
          <h3>
            Override for {editing}{" "}
            <button type="button" onClick={() => setEditing(null)}>
              Close
            </button>
          </h3>
        </PreferenceEditor>
      )}
      {removed.error && <p role="alert">{removed.error.graphQLErrors[0]?.message ?? removed.error.message}</p>}
    </section>
  );
}
