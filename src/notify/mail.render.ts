import type { ReportToNotify } from "../db/queries/notification.queries.js";
import type { NewOutboxMessage } from "../db/queries/outbox.queries.js";

/** Where links in messages point: the web app's public address and the author's unsubscribe token. */
export interface Links {
  baseUrl: string;
}

/** A rendered message: the parts every kind has, before its idempotency key is added. */
export type RenderedMail = Omit<NewOutboxMessage, "idempotencyKey" | "kind">;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const url = (links: Links, path: string) => `${links.baseUrl.replace(/\/$/, "")}${path}`;
export const reportUrl = (links: Links, guid: string) => url(links, `/report/${guid}`);
export const releaseUrl = (links: Links, dist: string, version: string) =>
  url(links, `/dist/${encodeURIComponent(dist)}/${encodeURIComponent(version)}`);
export const settingsUrl = (links: Links) => url(links, "/settings/notifications");
export const unsubscribeUrl = (links: Links, token: string) => url(links, `/unsubscribe/${token}`);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif">${body}</body></html>`;
}

export function signInMail(links: Links, to: string, token: string, minutes: number): RenderedMail {
  const link = url(links, `/sign-in/${token}`);
  const subject = "Your CPAN Testers sign-in link";
  return {
    recipient: to,
    subject,
    textBody: `Sign in to CPAN Testers with this link:\n\n${link}\n\nIt works once, for ${minutes} minutes. If you did not ask for it, ignore this message.\n`,
    htmlBody: page(
      subject,
      `<p><a href="${escapeHtml(link)}">Sign in to CPAN Testers</a></p><p>The link works once, for ${minutes} minutes. If you did not ask for it, ignore this message.</p>`,
    ),
    headers: {},
  };
}

/** Reports grouped by distribution, then version, in the order they came. */
function grouped(reports: readonly ReportToNotify[]): Map<string, Map<string, ReportToNotify[]>> {
  const groups = new Map<string, Map<string, ReportToNotify[]>>();
  for (const report of reports) {
    const versions = groups.get(report.dist) ?? new Map<string, ReportToNotify[]>();
    groups.set(report.dist, versions);
    versions.set(report.version, [...(versions.get(report.version) ?? []), report]);
  }
  return groups;
}

const line = (r: ReportToNotify) =>
  `${r.grade.toUpperCase()} perl ${r.perl} on ${r.platform} (${r.osname} ${r.osversion})`;

/** An author's reports: one (every report) or a digest, with unsubscribe headers (RFC 8058). */
export function reportsMail(
  links: Links,
  author: string,
  reports: readonly ReportToNotify[],
  title: string,
  unsubscribeToken: string,
): RenderedMail {
  const unsubscribe = unsubscribeUrl(links, unsubscribeToken);
  const text: string[] = [`${title}\n`];
  const html: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  for (const [dist, versions] of grouped(reports)) {
    for (const [version, list] of versions) {
      const release = releaseUrl(links, dist, version);
      text.push(`${dist} ${version}  ${release}`);
      html.push(`<h2><a href="${escapeHtml(release)}">${escapeHtml(`${dist} ${version}`)}</a></h2><ul>`);
      for (const report of list) {
        text.push(`  ${line(report)}  ${reportUrl(links, report.guid)}`);
        html.push(`<li><a href="${escapeHtml(reportUrl(links, report.guid))}">${escapeHtml(line(report))}</a></li>`);
      }
      text.push("");
      html.push("</ul>");
    }
  }
  const footer = `Change what you receive: ${settingsUrl(links)}\nStop these messages: ${unsubscribe}`;
  text.push(footer);
  html.push(
    `<p><a href="${escapeHtml(settingsUrl(links))}">Notification settings</a> · <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>`,
  );
  return {
    recipient: `${author}@cpan.org`,
    subject: title,
    textBody: `${text.join("\n")}\n`,
    htmlBody: page(title, html.join("")),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** A new message in a report's conversation, to the other side, with a reply link. */
export function conversationMail(
  links: Links,
  to: string,
  from: string,
  report: { guid: string; dist: string; version: string },
  text: string,
  html: string,
): RenderedMail {
  const reply = `${reportUrl(links, report.guid)}#conversation`;
  const subject = `${from} wrote about your report on ${report.dist} ${report.version}`;
  return {
    recipient: to,
    subject,
    textBody: `${from} wrote about ${report.dist} ${report.version} (${reportUrl(links, report.guid)}):\n\n${text}\n\nReply: ${reply}\n`,
    htmlBody: page(
      subject,
      `<p>${escapeHtml(from)} wrote about <a href="${escapeHtml(reportUrl(links, report.guid))}">${escapeHtml(`${report.dist} ${report.version}`)}</a>:</p><blockquote>${html}</blockquote><p><a href="${escapeHtml(reply)}">Reply</a></p>`,
    ),
    headers: {},
  };
}

/** To a tester: the author marked one of their reports invalid, and why. */
export function invalidMail(
  links: Links,
  to: string,
  author: string,
  report: { guid: string; dist: string; version: string },
  reason: string,
): RenderedMail {
  const link = reportUrl(links, report.guid);
  const subject = `${author} marked your report on ${report.dist} ${report.version} invalid`;
  return {
    recipient: to,
    subject,
    textBody: `${author} marked your report ${link} invalid. It no longer counts in any statistic.\n\nReason: ${reason}\n\nReply: ${link}#conversation\n`,
    htmlBody: page(
      subject,
      `<p>${escapeHtml(author)} marked <a href="${escapeHtml(link)}">your report</a> invalid. It no longer counts in any statistic.</p><p>Reason: ${escapeHtml(reason)}</p><p><a href="${escapeHtml(`${link}#conversation`)}">Reply</a></p>`,
    ),
    headers: {},
  };
}
