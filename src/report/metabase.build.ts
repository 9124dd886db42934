import { FACT_TYPES, type MetabaseFact } from "./metabase.fact.js";

/**
 * Builders of facts in their submitted form, as Metabase::Client::Simple serialises them. Used to
 * rebuild stored samples for conformance checks and by tests that play the client. Pure: every
 * guid and time is given.
 */

export interface FactStamp {
  resource: string;
  /** `metabase:user:<uuid>` */
  creator: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` */
  creationTime: string;
  updateTime?: string;
}

export function buildFact(type: string, guid: string, content: string, stamp: FactStamp): MetabaseFact {
  return {
    content,
    metadata: {
      core: {
        guid,
        type,
        resource: stamp.resource,
        creator: stamp.creator,
        creation_time: stamp.creationTime,
        update_time: stamp.updateTime ?? stamp.creationTime,
        schema_version: 1,
        valid: 1,
      },
    },
  };
}

export interface ReportChild {
  type: string;
  guid: string;
  /** LegacyReport: grade, osname, osversion, archname, perl_version, textreport. */
  content: Record<string, unknown>;
}

/** A `CPAN-Testers-Report` fact: content is the JSON array of its children, each JSON-encoded again. */
export function buildReportFact(guid: string, stamp: FactStamp, children: ReportChild[]): MetabaseFact {
  const facts = children.map((child) => buildFact(child.type, child.guid, JSON.stringify(child.content), stamp));
  return buildFact(FACT_TYPES.report, guid, JSON.stringify(facts), stamp);
}

export interface RegistrationInput {
  /** The user uuid: the profile fact's guid. */
  guid: string;
  fullName: string;
  email: string;
  secret: string;
  creationTime: string;
  /** Guids of the FullName, EmailAddress and Secret facts. */
  factGuids: { fullName: string; email: string; secret: string };
}

/** The `POST /register` body `[profile fact, secret fact]`; string facts carry their text as is. */
export function buildRegistration(input: RegistrationInput): [MetabaseFact, MetabaseFact] {
  const user = `metabase:user:${input.guid}`;
  const stamp: FactStamp = { resource: user, creator: user, creationTime: input.creationTime };
  const details = [
    buildFact(FACT_TYPES.fullName, input.factGuids.fullName, input.fullName, stamp),
    buildFact(FACT_TYPES.email, input.factGuids.email, input.email, stamp),
  ];
  return [
    buildFact(FACT_TYPES.profile, input.guid, JSON.stringify(details), stamp),
    buildFact(FACT_TYPES.secret, input.factGuids.secret, input.secret, stamp),
  ];
}
