import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../../generated/gql";
import { useLive } from "../../components/live";
import { useViewer, withCsrf } from "../../components/session";

const ConversationDocument = graphql(`
  query Conversation($guid: String!) {
    conversation(reportGuid: $guid) {
      id
      from
      fromName
      html
      createdAt
    }
    report(guid: $guid) {
      guid
      invalidation {
        reason
        author
      }
    }
  }
`);

const ConversationLiveDocument = graphql(`
  subscription ConversationLive($guid: String!) {
    conversationUpdated(reportGuid: $guid) {
      id
    }
  }
`);

/** Reads the thread again when the other side writes: mounted for the report's two parties only. */
function LiveThread({ guid, onMessage }: { guid: string; onMessage: () => void }) {
  useLive(ConversationLiveDocument, { guid }, onMessage, 100);
  return null;
}

const PostMessageDocument = graphql(`
  mutation PostMessage($guid: String!, $body: String!) {
    postMessage(reportGuid: $guid, body: $body) {
      id
    }
  }
`);

const MarkInvalidDocument = graphql(`
  mutation MarkReportInvalid($guid: String!, $reason: String!) {
    markReportInvalid(reportGuid: $guid, reason: $reason) {
      reason
    }
  }
`);

const UnmarkInvalidDocument = graphql(`
  mutation UnmarkReportInvalid($guid: String!) {
    unmarkReportInvalid(reportGuid: $guid)
  }
`);

/**
 * The conversation between the report's author and its tester, and the author's "invalid" mark.
 * Shown only to those two, after hydration: the report page itself is the same for everyone.
 */
export function Conversation({ guid, author }: { guid: string; author: string | null | undefined }) {
  const { viewer } = useViewer();
  const party = viewer !== null && (viewer.kind === "tester" || viewer.pauseId === author);
  const [{ data, error }, refetch] = useQuery({
    query: ConversationDocument,
    variables: { guid },
    pause: !party,
    requestPolicy: "network-only",
  });
  const [posted, post] = useMutation(PostMessageDocument);
  const [marked, mark] = useMutation(MarkInvalidDocument);
  const [, unmark] = useMutation(UnmarkInvalidDocument);
  const [body, setBody] = useState("");
  const [reason, setReason] = useState("");
  if (!viewer) {
    return (
      <section id="conversation">
        <h2>Conversation</h2>
        <p>
          The author and the tester of this report can <a href={`/sign-in?returnTo=/report/${guid}`}>sign in</a> to
          write to each other.
        </p>
      </section>
    );
  }
  if (!party || error || !data) return null;
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const send = (event: FormEvent) => {
    event.preventDefault();
    void post({ guid, body }, withCsrf(viewer.csrfToken)).then((result) => {
      if (!result.error) setBody("");
      refresh();
    });
  };
  const invalidation = data.report?.invalidation;
  return (
    <section id="conversation">
      <h2>Conversation</h2>
      <LiveThread guid={guid} onMessage={refresh} />
      {invalidation && (
        <p className="invalid">
          Marked invalid by {invalidation.author}: {invalidation.reason}
        </p>
      )}
      {data.conversation.map((message) => (
        <article key={message.id} className="message">
          <p>
            <strong>{message.fromName}</strong> ({message.from}) · {message.createdAt}
          </p>
          {/* Rendered on the server from markdown with raw HTML turned off. */}
          <div dangerouslySetInnerHTML={{ __html: message.html }} />
        </article>
      ))}
      <form onSubmit={send}>
        <label>
          Write to the {viewer.kind === "author" ? "tester" : "author"} (markdown)
          <textarea value={body} maxLength={20000} required onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit" disabled={posted.fetching}>
          Send
        </button>
        {posted.error && <p role="alert">{posted.error.graphQLErrors[0]?.message ?? posted.error.message}</p>}
      </form>
      {viewer.kind === "author" &&
        (invalidation ? (
          <button type="button" onClick={() => void unmark({ guid }, withCsrf(viewer.csrfToken)).then(refresh)}>
            Count this report again
          </button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void mark({ guid, reason }, withCsrf(viewer.csrfToken)).then(refresh);
            }}
          >
            <label>
              Why is this report invalid? <input value={reason} required onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit" disabled={marked.fetching}>
              Mark invalid
            </button>
          </form>
        ))}
    </section>
  );
}
