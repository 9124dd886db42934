import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { requireAuthor } from "../../auth/viewer.js";
import {
  type AuthorSettings,
  readSettings,
  removeOverride,
  updateSettings,
} from "../../notify/notification-settings.js";
import type { GraphQLContext } from "../context.js";
import { NotificationPreferenceInput, NotificationSettings, toPreference } from "../types/account.type.js";
import { accountsOf } from "./account-services.js";

function toSettings(settings: AuthorSettings): NotificationSettings {
  return Object.assign(new NotificationSettings(), {
    author: settings.author,
    default: toPreference(null, settings.default),
    distributions: settings.distributions.map((d) => toPreference(d.dist, d.preference)),
    ignoredDistributions: settings.ignoredDists,
    timeZone: settings.timeZone,
  });
}

@Resolver()
export class NotificationSettingsResolver {
  @Query(() => NotificationSettings, {
    description:
      "The signed-in author's notification settings (defaults: daily, FAIL only, first per platform, latest version, no patched perls).",
  })
  async notificationSettings(@Ctx() context: GraphQLContext): Promise<NotificationSettings> {
    const author = requireAuthor(context.viewer, false);
    return toSettings(await readSettings(context.db, author.pauseId));
  }

  @Mutation(() => NotificationSettings, {
    description:
      "Changes the signed-in author's default, or with `distribution` that distribution's override. Fields left out keep their value; a wrong value is BAD_USER_INPUT naming the field. Needs the X-CSRF-Token header.",
  })
  async updateNotificationSettings(
    @Arg("input", () => NotificationPreferenceInput, { nullable: true, description: "The fields to change." })
    input: NotificationPreferenceInput | null,
    @Arg("distribution", () => String, {
      nullable: true,
      description: "A distribution of the author's, for its override; absent: the author's default.",
    })
    distribution: string | null,
    @Arg("ignoredDistributions", () => [String], {
      nullable: true,
      description: "Distributions never to mail about (the author's, not a distribution's).",
    })
    ignoredDistributions: string[] | null,
    @Arg("timeZone", () => String, { nullable: true, description: "IANA zone digests are cut in, e.g. Europe/Berlin." })
    timeZone: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<NotificationSettings> {
    const author = requireAuthor(context.viewer, true);
    const settings = await updateSettings(
      context.db,
      accountsOf(context).notifier,
      author.pauseId,
      {
        dist: distribution,
        preference: input ? { ...input } : {},
        ignoredDists: ignoredDistributions ?? undefined,
        timeZone,
      },
      new Date(),
    );
    return toSettings(settings);
  }

  @Mutation(() => NotificationSettings, {
    description:
      "Removes a distribution's override: the author's default applies to it again. Needs the X-CSRF-Token header.",
  })
  async removeNotificationOverride(
    @Arg("distribution", () => String, { description: "The distribution whose override goes." }) distribution: string,
    @Ctx() context: GraphQLContext,
  ): Promise<NotificationSettings> {
    const author = requireAuthor(context.viewer, true);
    return toSettings(await removeOverride(context.db, author.pauseId, distribution));
  }
}
