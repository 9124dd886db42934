import type { ReactNode } from "react";
import type { PreferenceForm, SaveError } from "./preference-form";

const FREQUENCIES = [
  ["report", "Every report"],
  ["daily", "Daily"],
  ["weekly", "Weekly"],
  ["monthly", "Monthly"],
  ["never", "Never"],
] as const;
const GRADES = ["pass", "fail", "na", "unknown"] as const;
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const LISTS = [
  ["perls", "Only these perls", "e.g. 5.38 5.36.1; empty: every perl"],
  ["excludePerls", "Never these perls", "e.g. 5.8.9"],
  ["platforms", "Only these platforms", "archname or OS, e.g. linux darwin; empty: every platform"],
  ["excludePlatforms", "Never these platforms", "e.g. cygwin"],
] as const;

interface Props {
  /** Makes the controls' ids unique when more than one form is on the page. */
  idPrefix: string;
  form: PreferenceForm;
  set: (change: Partial<PreferenceForm>) => void;
  error: SaveError | undefined;
}

/** The error of a field, next to it, and the attributes that tie it to its control. */
export function fieldError(idPrefix: string, name: string, error: SaveError | undefined) {
  const id = `${idPrefix}-${name}-error`;
  const message = error?.field === name ? error.message : undefined;
  return {
    aria: message ? { "aria-invalid": true, "aria-describedby": id } : {},
    node: message ? (
      <span id={id} className="field-error" role="alert">
        {message}
      </span>
    ) : null,
  };
}

/** Every choice of one notification preference (the author's default or a distribution's override). */
export function PreferenceFields({ idPrefix, form, set, error }: Props) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const row = (name: string, label: string, control: (aria: object) => ReactNode, hint?: string) => {
    const problem = fieldError(idPrefix, name, error);
    return (
      <p className="setting" key={name}>
        <label htmlFor={id(name)}>{label}</label> {control(problem.aria)} {hint && <small>{hint}</small>} {problem.node}
      </p>
    );
  };
  const grades = fieldError(idPrefix, "grades", error);
  return (
    <>
      {row("frequency", "How often", (aria) => (
        <select
          id={id("frequency")}
          value={form.frequency}
          onChange={(e) => set({ frequency: e.target.value })}
          {...aria}
        >
          {FREQUENCIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      ))}
      {form.frequency === "weekly" &&
        row("weekday", "Weekly on", (aria) => (
          <select
            id={id("weekday")}
            value={form.weekday}
            onChange={(e) => set({ weekday: Number(e.target.value) })}
            {...aria}
          >
            {DAYS.map((day, i) => (
              <option key={day} value={i}>
                {day}
              </option>
            ))}
          </select>
        ))}
      <fieldset {...grades.aria}>
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
        ))}{" "}
        {grades.node}
      </fieldset>
      <fieldset>
        <legend>Reports of a release</legend>
        <label>
          <input
            type="radio"
            name={id("firstOnly")}
            checked={form.firstOnly}
            onChange={() => set({ firstOnly: true })}
          />{" "}
          Only the first per platform, perl and grade
        </label>
        <label>
          <input
            type="radio"
            name={id("firstOnly")}
            checked={!form.firstOnly}
            onChange={() => set({ firstOnly: false })}
          />{" "}
          All of them
        </label>
      </fieldset>
      {row("versions", "Versions", (aria) => (
        <select id={id("versions")} value={form.versions} onChange={(e) => set({ versions: e.target.value })} {...aria}>
          <option value="latest">the latest only</option>
          <option value="all">all</option>
          <option value="list">these versions:</option>
        </select>
      ))}
      {form.versions === "list" &&
        row(
          "versionList",
          "Versions mailed",
          (aria) => (
            <input
              id={id("versionList")}
              value={form.versionList}
              onChange={(e) => set({ versionList: e.target.value })}
              {...aria}
            />
          ),
          "e.g. 1.02 1.03",
        )}
      <p className="setting">
        <label>
          <input
            type="checkbox"
            checked={form.includePatched}
            onChange={(e) => set({ includePatched: e.target.checked })}
          />{" "}
          Include patched perls
        </label>
      </p>
      <p className="setting">
        <label>
          <input
            type="checkbox"
            checked={form.includeDevPerls}
            onChange={(e) => set({ includeDevPerls: e.target.checked })}
          />{" "}
          Include release candidates and development perls
        </label>
      </p>
      {LISTS.map(([name, label, hint]) =>
        row(
          name,
          label,
          (aria) => (
            <input id={id(name)} value={form[name]} onChange={(e) => set({ [name]: e.target.value })} {...aria} />
          ),
          hint,
        ),
      )}
    </>
  );
}
