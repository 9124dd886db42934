import { Field, Float, ObjectType, registerEnumType } from "type-graphql";

export enum DatabaseKind {
  POSTGRES = "postgres",
  PGLITE = "pglite",
}
registerEnumType(DatabaseKind, {
  name: "DatabaseKind",
  description: "The database behind this server.",
  valuesConfig: {
    POSTGRES: { description: "A Postgres server (DATABASE_URL)." },
    PGLITE: { description: "The embedded PGlite database." },
  },
});

@ObjectType({ simpleResolvers: true, description: "Facts about the server answering this request." })
export class ServerInfo {
  @Field(() => String, { description: "The platform's version." })
  version!: string;

  @Field(() => DatabaseKind, { description: "The database in use." })
  database!: DatabaseKind;

  @Field(() => Float, { description: "Seconds since this server process started." })
  uptimeSeconds!: number;
}
