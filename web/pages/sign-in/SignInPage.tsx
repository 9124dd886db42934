import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import type { PageContext, PageModule } from "../../app/page";
import { graphql } from "../../generated/gql";
import { useViewer } from "../../components/session";

const RequestSignInDocument = graphql(`
  mutation RequestSignIn($pauseId: String, $email: String, $returnTo: String) {
    requestSignIn(pauseId: $pauseId, email: $email, returnTo: $returnTo) {
      message
    }
  }
`);

export const prepare: PageModule["prepare"] = async () => ({
  head: { title: "Sign in · CPAN Testers", description: "Sign in with a one-time link sent by e-mail." },
  maxAge: 0,
});

/** Where to go after signing in: `?returnTo=/path` when it is a path on this site. */
function returnToOf({ search }: PageContext): string | null {
  const value = new URLSearchParams(search).get("returnTo");
  return value && /^\/(?![/\\])/.test(value) ? value : null;
}

export function Page(context: PageContext) {
  const { viewer } = useViewer();
  const [as, setAs] = useState<"author" | "tester">("author");
  const [value, setValue] = useState("");
  const [result, request] = useMutation(RequestSignInDocument);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const who = as === "author" ? { pauseId: value.trim() } : { email: value.trim() };
    void request({ ...who, returnTo: returnToOf(context) });
  };
  return (
    <section className="sign-in">
      <h1>Sign in</h1>
      {viewer && (
        <p>
          You are signed in as <strong>{viewer.pauseId ?? viewer.name}</strong>.{" "}
          {viewer.kind === "author" && <a href="/settings/notifications">Notification settings</a>}
        </p>
      )}
      <p>No password: we send a link that signs you in once, for a few minutes.</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>I am</legend>
          <label>
            <input type="radio" name="as" checked={as === "author"} onChange={() => setAs("author")} /> an author (PAUSE
            id; the link goes to PAUSEID@cpan.org)
          </label>
          <label>
            <input type="radio" name="as" checked={as === "tester"} onChange={() => setAs("tester")} /> a tester (the
            address of my profile)
          </label>
        </fieldset>
        <label>
          {as === "author" ? "PAUSE id" : "E-mail address"}{" "}
          <input
            name="id"
            type={as === "author" ? "text" : "email"}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
            autoComplete={as === "author" ? "username" : "email"}
          />
        </label>{" "}
        <button type="submit" disabled={result.fetching}>
          Send me a link
        </button>
      </form>
      {result.data && <p role="status">{result.data.requestSignIn.message}</p>}
      {result.error && <p role="alert">{result.error.graphQLErrors[0]?.message ?? result.error.message}</p>}
      <p>
        Without an SMTP server (the embedded default), messages wait in the{" "}
        <a href="/dev/mailbox">development mailbox</a>.
      </p>
    </section>
  );
}
