import { useEffect, useId, useState } from "react";
import { useQuery } from "urql";
import { graphql } from "../generated/gql";

export const SearchDocument = graphql(`
  query Search($prefix: String!, $first: Int!) {
    searchDistributions(prefix: $prefix, first: $first) {
      name
    }
    searchAuthors(prefix: $prefix, first: 5) {
      pauseId
    }
  }
`);

interface Suggestion {
  href: string;
  label: string;
  kind: "distribution" | "author";
}

/** Searches distributions and authors as one types; without JavaScript the form opens the home page's results. */
export function SearchBox({ initial = "", compact = false }: { initial?: string; compact?: boolean }) {
  const [text, setText] = useState(initial);
  const [prefix, setPrefix] = useState(initial.trim());
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const id = useId();
  useEffect(() => {
    const timer = setTimeout(() => setPrefix(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data }] = useQuery({
    query: SearchDocument,
    variables: { prefix, first: 8 },
    pause: prefix.length < 1 || (!open && compact),
  });
  const suggestions: Suggestion[] = data
    ? [
        ...data.searchDistributions.map((d) => ({
          href: `/dist/${d.name}`,
          label: d.name,
          kind: "distribution" as const,
        })),
        ...data.searchAuthors.map((a) => ({ href: `/author/${a.pauseId}`, label: a.pauseId, kind: "author" as const })),
      ]
    : [];
  const shown = open && prefix.length > 0 && suggestions.length > 0;
  const listId = `${id}-list`;
  return (
    <form className={compact ? "search search-compact" : "search"} action="/" method="get" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search distributions and authors
      </label>
      <input
        id={`${id}-input`}
        name="q"
        type="search"
        autoComplete="off"
        placeholder="Distribution or author, e.g. Data-Printer"
        value={text}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${id}-option-${active}` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, suggestions.length - 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (event.key === "Escape") {
            setOpen(false);
          } else if (event.key === "Enter" && shown && active >= 0) {
            event.preventDefault();
            const chosen = suggestions[active];
            if (chosen) location.assign(chosen.href);
          }
        }}
      />
      <button type="submit">Search</button>
      <ul id={listId} role="listbox" className="suggestions" hidden={!shown} aria-label="Suggestions">
        {suggestions.map((s, index) => (
          <li
            key={s.href}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
          >
            <a href={s.href} onMouseDown={(event) => event.preventDefault()}>
              <span className="suggestion-kind">{s.kind}</span> {s.label}
            </a>
          </li>
        ))}
      </ul>
    </form>
  );
}
