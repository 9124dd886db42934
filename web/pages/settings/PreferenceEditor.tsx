import { type FormEvent, type ReactNode, useState } from "react";
import type { CombinedError } from "urql";
import type { NotificationPreferenceInput } from "../../generated/graphql";
import { fieldError, PreferenceFields } from "./PreferenceFields";
import { formOf, inputOf, type PreferenceValues, type SaveError, saveErrorOf, splitList } from "./preference-form";

/** The author-wide settings, edited with the default. */
export interface AuthorWide {
  timeZone: string;
  ignoredDistributions: string[];
}

interface Props {
  /** The form's accessible name. */
  label: string;
  idPrefix: string;
  initial: PreferenceValues;
  /** Present on the author's default only. */
  authorWide?: AuthorWide;
  save: (input: NotificationPreferenceInput, authorWide?: AuthorWide) => Promise<CombinedError | undefined>;
  children?: ReactNode;
}

/**
 * One preference's form: saved as a whole, with the server's verdict shown next to the field it
 * names (a BAD_USER_INPUT's path), or above the button when it names none.
 */
export function PreferenceEditor({ label, idPrefix, initial, authorWide, save, children }: Props) {
  const [form, setForm] = useState(() => formOf(initial));
  const [timeZone, setTimeZone] = useState(authorWide?.timeZone ?? "");
  const [ignored, setIgnored] = useState(authorWide?.ignoredDistributions.join(" ") ?? "");
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error: SaveError | undefined }>({
    saving: false,
    saved: false,
    error: undefined,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setState({ saving: true, saved: false, error: undefined });
    const wide = authorWide ? { timeZone: timeZone.trim(), ignoredDistributions: splitList(ignored) } : undefined;
    void save(inputOf(form), wide).then((error) =>
      setState({ saving: false, saved: !error, error: saveErrorOf(error) }),
    );
  };
  const zone = fieldError(idPrefix, "timeZone", state.error);
  const ignore = fieldError(idPrefix, "ignoredDistributions", state.error);
  const known = new Set(["timeZone", "ignoredDistributions", ...Object.keys(form)]);
  const general = state.error && !known.has(state.error.field ?? "") ? state.error.message : undefined;
  return (
    <form aria-label={label} onSubmit={submit} className="preference">
      {children}
      <PreferenceFields
        idPrefix={idPrefix}
        form={form}
        set={(change) => setForm({ ...form, ...change })}
        error={state.error}
      />
      {authorWide && (
        <>
          <p className="setting">
            <label htmlFor={`${idPrefix}-timeZone`}>Time zone of digests</label>{" "}
            <input
              id={`${idPrefix}-timeZone`}
              value={timeZone}
              onChange={(e) => setTimeZone(e.target.value)}
              {...zone.aria}
            />{" "}
            <small>IANA name, e.g. Europe/Berlin</small> {zone.node}
          </p>
          <p className="setting">
            <label htmlFor={`${idPrefix}-ignoredDistributions`}>Distributions to ignore</label>{" "}
            <input
              id={`${idPrefix}-ignoredDistributions`}
              value={ignored}
              onChange={(e) => setIgnored(e.target.value)}
              {...ignore.aria}
            />{" "}
            <small>never mailed about; separated by spaces</small> {ignore.node}
          </p>
        </>
      )}
      {general && <p role="alert">{general}</p>}
      <button type="submit" disabled={state.saving}>
        Save
      </button>{" "}
      {state.saved && <span role="status">Saved.</span>}
    </form>
  );
}
