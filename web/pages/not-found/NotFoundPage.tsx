import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { graphql } from "../../generated/gql";

/** Distributions and authors together, an exact match first: the API's search as you type. */
const SuggestDocument = graphql(`
  query NotFoundSuggestions($prefix: String!, $first: Int!) {
    suggest(prefix: $prefix, first: $first) {
      kind
      name
    }
  }
`);

/** What to search for: the start of what was asked for, so that a misspelt end still finds it. */
function prefixOf({ params }: PageContext): string {
  const missing = (params.missing ?? "").trim();
  if (!/[a-z]/i.test(missing) || /^[0-9a-f-]{36}$/i.test(missing)) return "";
  return missing.slice(0, Math.max(3, Math.floor(missing.length * 0.6)));
}

export const prepare: PageModule["prepare"] = async (client, context) => {
  const prefix = prefixOf(context);
  if (prefix) await load(client, SuggestDocument, { prefix, first: 8 });
  return {
    head: { title: "Not found · CPAN Testers", description: "There is nothing at this address on CPAN Testers." },
    maxAge: 0,
  };
};

export function Page(context: PageContext) {
  const prefix = prefixOf(context);
  const [{ data }] = useQuery({ query: SuggestDocument, variables: { prefix, first: 8 }, pause: !prefix });
  const missing = context.params.missing ?? "";
  const found =
    data?.suggest.map((s) =>
      s.kind === "AUTHOR"
        ? { href: `/author/${s.name}`, label: `${s.name} (author)` }
        : { href: `/dist/${s.name}`, label: s.name },
    ) ?? [];
  return (
    <section className="not-found">
      <h1>Not found</h1>
      <p>
        We know nothing at this address
        {missing && (
          <>
            {" "}
            about <strong>{missing}</strong>
          </>
        )}
        .
      </p>
      {found.length > 0 ? (
        <>
          <h2>Did you mean</h2>
          <ul className="suggestion-list">
            {found.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          Try the search box above, or start from the <a href="/">home page</a>.
        </p>
      )}
    </section>
  );
}
