import { Ctx, Query, Resolver } from "type-graphql";
import { platformVersion } from "../../version.js";
import type { GraphQLContext } from "../context.js";
import { DatabaseKind, ServerInfo } from "../types/server-info.type.js";

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  @Query(() => ServerInfo, { description: "The version, database and uptime of the server answering." })
  serverInfo(@Ctx() { databaseKind, startedAt }: GraphQLContext): ServerInfo {
    return Object.assign(new ServerInfo(), {
      version: platformVersion,
      database: databaseKind === "postgres" ? DatabaseKind.POSTGRES : DatabaseKind.PGLITE,
      uptimeSeconds: (Date.now() - startedAt.getTime()) / 1000,
    });
  }
}
