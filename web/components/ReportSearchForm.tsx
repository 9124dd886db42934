import { useId } from "react";

/** A small form that opens /search for text in reports' output, within one distribution when given. */
export function ReportSearchForm({ dist }: { dist?: string }) {
  const id = useId();
  return (
    <form className="search search-reports" action="/search" method="get" role="search">
      <label htmlFor={`${id}-text`}>{dist ? `Search the output of ${dist}'s reports` : "Search reports' output"}</label>
      <input
        id={`${id}-text`}
        name="q"
        type="search"
        minLength={3}
        maxLength={200}
        required
        placeholder="e.g. Can't locate Foo/Bar.pm"
      />
      {dist && <input type="hidden" name="dist" value={dist} />}
      <button type="submit">Search</button>
    </form>
  );
}
