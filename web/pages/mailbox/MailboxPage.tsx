import { Fragment } from "react";
import { useQuery } from "urql";
import type { PageModule } from "../../app/page";
import { useHydrated } from "../../components/format";
import { graphql } from "../../generated/gql";

const DevMailboxDocument = graphql(`
  query DevMailbox {
    devMailbox(first: 50) {
      id
      kind
      recipient
      subject
      createdAt
      text
    }
  }
`);

export const prepare: PageModule["prepare"] = async () => ({
  head: { title: "Development mailbox · CPAN Testers", description: "Messages kept without an SMTP server." },
  maxAge: 0,
});

/** Plain text with its addresses as links (sign-in links are followed from here). */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>]+)/g);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{i % 2 === 1 ? <a href={part}>{part}</a> : part}</Fragment>
      ))}
    </>
  );
}

export function Page() {
  const hydrated = useHydrated();
  const [{ data, error }] = useQuery({ query: DevMailboxDocument, pause: !hydrated, requestPolicy: "network-only" });
  return (
    <section className="mailbox">
      <h1>Development mailbox</h1>
      <p>Without SMTP_URL, every message the platform sends is kept here instead, newest first.</p>
      {error && <p role="alert">{error.graphQLErrors[0]?.message ?? error.message}</p>}
      {data?.devMailbox.length === 0 && <p>No messages yet.</p>}
      {data?.devMailbox.map((message) => (
        <article key={message.id} className="mail">
          <h2>{message.subject}</h2>
          <p>
            To {message.recipient} · {message.kind} · {message.createdAt}
          </p>
          <pre className="output">
            <Linked text={message.text ?? ""} />
          </pre>
        </article>
      ))}
    </section>
  );
}
