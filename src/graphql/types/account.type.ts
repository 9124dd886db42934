import { Field, InputType, Int, ObjectType } from "type-graphql";
import type { ConversationMessageRow, ReportInvalidationRow } from "../../db/schema/index.js";
import type { Preference } from "../../notify/preferences.js";
import { DateTimeScalar } from "../scalars.js";

@ObjectType({ description: "The person signed in to the web app by session cookie." })
export class Viewer {
  @Field(() => String, { description: "author (signed in by PAUSE id) or tester (by e-mail address)." })
  kind!: string;

  @Field(() => String, { nullable: true, description: "The author's PAUSE id." })
  pauseId!: string | null;

  @Field(() => String, { nullable: true, description: "The tester's name (their address is never shown)." })
  name!: string | null;

  @Field(() => String, {
    description: "Send this in the X-CSRF-Token header of every mutation made with the session cookie.",
  })
  csrfToken!: string;
}

@ObjectType({ description: "The answer to requestSignIn: the same whether or not the address is known." })
export class SignInRequest {
  @Field(() => String, { description: "What to tell the person." })
  message!: string;
}

@ObjectType({ description: "What an author is mailed about, for all their distributions or one." })
export class NotificationPreference {
  @Field(() => String, {
    nullable: true,
    description: "The distribution this override is for; null for the author's default.",
  })
  distribution!: string | null;

  @Field(() => String, { description: "report (every report), daily, weekly, monthly or never." })
  frequency!: string;

  @Field(() => Int, { description: "Weekly digests: the day, 0 (Sunday) to 6." })
  weekday!: number;

  @Field(() => [String], { description: "Grades mailed: any of pass, fail, na, unknown." })
  grades!: string[];

  @Field(() => Boolean, { description: "Only the first report per platform + perl + grade of a release." })
  firstOnly!: boolean;

  @Field(() => String, { description: "latest (the newest release only), all, or list (versionList)." })
  versions!: string;

  @Field(() => [String], { description: "The versions mailed when versions is list." })
  versionList!: string[];

  @Field(() => Boolean, { description: "Reports from patched perls too." })
  includePatched!: boolean;

  @Field(() => Boolean, { description: "Reports from release candidates and development perls too." })
  includeDevPerls!: boolean;

  @Field(() => [String], { description: "Only these perls (5.36 or 5.36.1); empty: every perl." })
  perls!: string[];

  @Field(() => [String], { description: "Never these perls." })
  excludePerls!: string[];

  @Field(() => [String], { description: "Only these platforms (archname or osname); empty: every platform." })
  platforms!: string[];

  @Field(() => [String], { description: "Never these platforms." })
  excludePlatforms!: string[];
}

export function toPreference(distribution: string | null, pref: Preference): NotificationPreference {
  return Object.assign(new NotificationPreference(), { distribution, ...pref });
}

@ObjectType({ description: "An author's notification settings." })
export class NotificationSettings {
  @Field(() => String, { description: "The PAUSE id." })
  author!: string;

  @Field(() => NotificationPreference, { description: "For every distribution without an override." })
  default!: NotificationPreference;

  @Field(() => [NotificationPreference], { description: "Per-distribution overrides." })
  distributions!: NotificationPreference[];

  @Field(() => [String], { description: "Distributions never mailed about." })
  ignoredDistributions!: string[];

  @Field(() => String, { description: "The IANA time zone digests are cut in (midnight there)." })
  timeZone!: string;
}

@InputType({ description: "A change to notification settings: fields left out keep their value." })
export class NotificationPreferenceInput {
  @Field(() => String, { nullable: true, description: "report, daily, weekly, monthly or never." })
  frequency?: string | null;

  @Field(() => Int, { nullable: true, description: "Weekly digests: the day, 0 (Sunday) to 6." })
  weekday?: number | null;

  @Field(() => [String], { nullable: true, description: "Any of pass, fail, na, unknown; at least one." })
  grades?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only the first report per platform + perl + grade of a release.",
  })
  firstOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: "latest, all or list." })
  versions?: string | null;

  @Field(() => [String], { nullable: true, description: "The versions mailed when versions is list." })
  versionList?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Reports from patched perls too." })
  includePatched?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Reports from release candidates and development perls too." })
  includeDevPerls?: boolean | null;

  @Field(() => [String], { nullable: true, description: "Only these perls (5.36 or 5.36.1); empty: every perl." })
  perls?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Never these perls." })
  excludePerls?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Only these platforms (archname or osname); empty: every platform.",
  })
  platforms?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Never these platforms." })
  excludePlatforms?: string[] | null;
}

@ObjectType({ description: "A message between a report's author and its tester." })
export class ConversationMessage {
  @Field(() => Int, { description: "The sequential id." })
  id!: number;

  @Field(() => String, { description: "The report it is about." })
  reportGuid!: string;

  @Field(() => String, { description: "author or tester: who wrote it." })
  from!: string;

  @Field(() => String, { description: "The writer: a PAUSE id or a tester's name." })
  fromName!: string;

  @Field(() => String, { description: "The message as written (markdown)." })
  body!: string;

  @Field(() => String, { description: "The message as safe HTML: markdown rendered, raw HTML shown as text." })
  html!: string;

  @Field(() => DateTimeScalar, { description: "When it was written." })
  createdAt!: Date;
}

export function toConversationMessage(row: ConversationMessageRow, html: string): ConversationMessage {
  return Object.assign(new ConversationMessage(), {
    id: row.id,
    reportGuid: row.reportGuid,
    from: row.fromSide,
    fromName: row.fromName,
    body: row.body,
    html,
    createdAt: row.createdAt,
  });
}

@ObjectType({ description: "An author's mark that a report is invalid: it counts nowhere while marked." })
export class ReportInvalidation {
  @Field(() => String, { description: "The report GUID." })
  guid!: string;

  @Field(() => String, { description: "The PAUSE id that marked it." })
  author!: string;

  @Field(() => String, { description: "Why the author marked it invalid." })
  reason!: string;

  @Field(() => DateTimeScalar, { description: "When it was marked." })
  markedAt!: Date;
}

export function toReportInvalidation(row: ReportInvalidationRow): ReportInvalidation {
  return Object.assign(new ReportInvalidation(), row);
}
