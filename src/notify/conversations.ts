import MarkdownIt from "markdown-it";
import type { Viewer } from "../auth/viewer.js";
import { requireReportParty } from "../auth/viewer.js";
import type { Db } from "../db/client.js";
import {
  conversationOf,
  insertConversationMessage,
  reportParties,
  type ReportParties,
} from "../db/queries/conversation.queries.js";
import { type ConversationMessageRow, ViewerKind } from "../db/schema/index.js";
import { AppError, badInput, ErrorCode, notFound } from "../errors/index.js";
import { type EventBus, Topic } from "../events/index.js";
import { conversationMail, type Links } from "./mail.render.js";
import type { Outbox } from "./outbox.js";

/** The longest message, in characters. */
export const MAX_MESSAGE_LENGTH = 20_000;

// No raw HTML: what a person types is shown as markdown, and any tag in it as text.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** A message's body as safe HTML. */
export const renderMarkdown = (body: string): string => markdown.render(body);

/**
 * Conversations between a report's author and its tester: only the two may read and write, each
 * message is mailed to the other side (the tester's address is never shown to anyone).
 */
export class Conversations {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
    private readonly links: Links,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The report and which side the viewer is on; NOT_FOUND or FORBIDDEN. */
  async party(viewer: Viewer, guid: string): Promise<{ report: ReportParties; side: ViewerKind }> {
    const report = await reportParties(this.db, guid);
    if (!report) throw notFound(`no counted report with GUID ${guid}`);
    return { report, side: requireReportParty(viewer, report) };
  }

  async messages(viewer: Viewer, guid: string, afterId: number, limit: number): Promise<ConversationMessageRow[]> {
    await this.party(viewer, guid);
    return conversationOf(this.db, guid, afterId, limit);
  }

  /** Adds a message, mails the other side and tells subscribers. */
  async post(viewer: Viewer, guid: string, body: string): Promise<ConversationMessageRow> {
    const text = body.trim();
    if (text === "")
      throw badInput("body: expected a message, got nothing", [{ message: "body is empty", path: "/body" }]);
    if (body.length > MAX_MESSAGE_LENGTH) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `body: a message may have at most ${MAX_MESSAGE_LENGTH} characters, this one has ${body.length}`,
        [{ message: `at most ${MAX_MESSAGE_LENGTH} characters`, path: "/body" }],
        { limit: MAX_MESSAGE_LENGTH },
      );
    }
    const { report, side } = await this.party(viewer, guid);
    const fromName = viewer.kind === ViewerKind.author ? viewer.pauseId : viewer.name;
    const message = await insertConversationMessage(this.db, {
      reportGuid: report.guid,
      fromSide: side,
      fromName,
      body: text,
      createdAt: this.now(),
    });
    const to = side === ViewerKind.author ? report.testerEmail : report.author ? `${report.author}@cpan.org` : null;
    if (to) {
      await this.outbox.send({
        ...conversationMail(this.links, to, fromName, report, text, renderMarkdown(text)),
        kind: "conversation",
        idempotencyKey: `conversation:${message.id}`,
      });
    }
    this.events.emit(Topic.conversationUpdated, { reportGuid: report.guid, messageId: message.id });
    return message;
  }
}
