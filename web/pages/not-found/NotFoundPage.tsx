import { useQuery } from "urql";
import { load, type PageContext, type PageModule } from "../../app/page";
import { SearchDocument } from "../../components/SearchBox";

/** What to search for: the start of what was asked for, so that a misspelt end still finds it. */
function prefixOf({ params }: PageContext): string {
  const missing = (params.missing ?? "").trim();
  if (!/[a-z]/i.test(missing) || /^[0-9a-f-]{36}$/i.test(missing)) return "";
  return missing.slice(0, Math.max(3, Math.floor(missing.length * 0.6)));
}

export const prepare: PageModule["prepare"] = async (client, context) => {
  const prefix = prefixOf(context);
  if (prefix) await load(client, SearchDocument, { prefix, first: 8 });
  return {
    head: { title: "Not found · CPAN Testers", description: "There is nothing at this address on CPAN Testers." },
    maxAge: 0,
  };
};

export function Page(context: PageContext) {
  const prefix = prefixOf(context);
  const [{ data }] = useQuery({ query: SearchDocument, variables: { prefix, first: 8 }, pause: !prefix });
  const missing = context.params.missing ?? "";
  const found = [
    ...(data?.searchDistributions.map((d) => ({ href: `/dist/${d.name}`, label: d.name })) ?? []),
    ...(data?.searchAuthors.map((a) => ({ href: `/author/${a.pauseId}`, label: `${a.pauseId} (author)` })) ?? []),
  ];
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
