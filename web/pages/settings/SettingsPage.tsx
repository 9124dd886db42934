import { type FormEvent, useEffect, useState } from "react";
import { useMutation, useQuery } from "urql";
import type { PageModule } from "../../app/page";
import { graphql } from "../../generated/gql";
import { useViewer, withCsrf } from "../../components/session";

const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      author
      timeZone
      ignoredDistributions
      default {
        frequency
        weekday
        grades
        firstOnly
        versions
        includePatched
        includeDevPerls
      }
      distributions {
        distribution
        frequency
        grades
      }
    }
  }
`);

const UpdateNotificationSettingsDocument = graphql(`
  mutation UpdateNotificationSettings($input: NotificationPreferenceInput, $timeZone: String, $ignored: [String!]) {
    updateNotificationSettings(input: $input, timeZone: $timeZone, ignoredDistributions: $ignored) {
      author
    }
  }
`);

const FREQUENCIES = [
  ["report", "Every report"],
  ["daily", "Daily"],
  ["weekly", "Weekly"],
  ["monthly", "Monthly"],
  ["never", "Never"],
] as const;
const GRADES = ["pass", "fail", "na", "unknown"] as const;
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export const prepare: PageModule["prepare"] = async () => ({
  head: { title: "Notification settings · CPAN Testers", description: "What CPAN Testers mails you about." },
  maxAge: 0,
});

interface Form {
  frequency: string;
  weekday: number;
  grades: string[];
  firstOnly: boolean;
  versions: string;
  includePatched: boolean;
  includeDevPerls: boolean;
  timeZone: string;
  ignored: string;
}

export function Page() {
  const { viewer, loading } = useViewer();
  const isAuthor = viewer?.kind === "author";
  const [{ data }, refetch] = useQuery({
    query: NotificationSettingsDocument,
    pause: !isAuthor,
    requestPolicy: "network-only",
  });
  const [saved, save] = useMutation(UpdateNotificationSettingsDocument);
  const [form, setForm] = useState<Form | null>(null);
  const settings = data?.notificationSettings;
  useEffect(() => {
    if (!settings) return;
    // Field by field: the result also carries __typename, which the input type does not have.
    const d = settings.default;
    setForm({
      frequency: d.frequency,
      weekday: d.weekday,
      grades: d.grades,
      firstOnly: d.firstOnly,
      versions: d.versions,
      includePatched: d.includePatched,
      includeDevPerls: d.includeDevPerls,
      timeZone: settings.timeZone,
      ignored: settings.ignoredDistributions.join(" "),
    });
  }, [settings]);

  if (loading) return <p>Loading…</p>;
  if (!isAuthor) {
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
  if (!form) return <p>Loading…</p>;
  const set = (change: Partial<Form>) => setForm({ ...form, ...change });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { timeZone, ignored, ...input } = form;
    void save({ input, timeZone, ignored: ignored.split(/[\s,]+/).filter(Boolean) }, withCsrf(viewer.csrfToken)).then(
      () => refetch(),
    );
  };
  return (
    <section className="settings">
      <h1>Notification settings for {viewer.pauseId}</h1>
      <form onSubmit={submit}>
        <label>
          How often{" "}
          <select value={form.frequency} onChange={(e) => set({ frequency: e.target.value })}>
            {FREQUENCIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {form.frequency === "weekly" && (
          <label>
            {" "}
            on{" "}
            <select value={form.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
              {DAYS.map((day, i) => (
                <option key={day} value={i}>
                  {day}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset>
          <legend>Grades</legend>
          {GRADES.map((grade) => (
            <label key={grade}>
              <input
                type="checkbox"
                checked={form.grades.includes(grade)}
                onChange={(e) =>
                  set({ grades: e.target.checked ? [...form.grades, grade] : form.grades.filter((g) => g !== grade) })
                }
              />{" "}
              {grade.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={form.firstOnly} onChange={(e) => set({ firstOnly: e.target.checked })} /> Only
          the first report per platform, perl and grade
        </label>
        <label>
          Versions{" "}
          <select value={form.versions} onChange={(e) => set({ versions: e.target.value })}>
            <option value="latest">the latest only</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.includePatched}
            onChange={(e) => set({ includePatched: e.target.checked })}
          />{" "}
          Include patched perls
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.includeDevPerls}
            onChange={(e) => set({ includeDevPerls: e.target.checked })}
          />{" "}
          Include release candidates and development perls
        </label>
        <label>
          Time zone of digests <input value={form.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
        </label>
        <label>
          Distributions to ignore <input value={form.ignored} onChange={(e) => set({ ignored: e.target.value })} />
        </label>
        <button type="submit" disabled={saved.fetching}>
          Save
        </button>
      </form>
      {saved.data && <p role="status">Saved.</p>}
      {saved.error && <p role="alert">{saved.error.graphQLErrors[0]?.message ?? saved.error.message}</p>}
      {settings && settings.distributions.length > 0 && (
        <>
          <h2>Per distribution</h2>
          <ul>
            {settings.distributions.map((d) => (
              <li key={d.distribution}>
                {d.distribution}: {d.frequency}, {d.grades.join(", ")}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
