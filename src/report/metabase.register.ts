import { FACT_LENGTH_LIMITS } from "./facts.rules.js";
import { describeValue } from "./input.describe.js";
import { FACT_TYPES, decodeJsonContent, readFact, stringContent, type ReadFact } from "./metabase.fact.js";
import type { InputError } from "./report.types.js";
import { cleanName } from "./text.repair.js";

export interface TesterProfile {
  /** The user uuid, lowercase; the Basic auth user name and the `metabase:user:<uuid>` creator. */
  guid: string;
  fullName: string;
  email: string;
}

export type RegistrationParse =
  { ok: true; profile: TesterProfile; secret: string } | { ok: false; errors: InputError[] };

/**
 * Parses the `POST /register` body: the JSON array `[profile fact, secret fact]` that
 * Metabase::Client::Simple sends. The two are found by type, so their order does not matter.
 */
export function parseRegistration(body: unknown): RegistrationParse {
  if (!Array.isArray(body) || body.length !== 2) {
    return {
      ok: false,
      errors: [{ path: "", message: `must be the array [profile fact, secret fact], got ${describeValue(body)}` }],
    };
  }
  const facts: ReadFact[] = [];
  const errors: InputError[] = [];
  body.forEach((item, index) => {
    const fact = readFact(item, `/${index}`);
    if (fact.ok) facts.push(fact.value);
    else errors.push(...fact.errors);
  });
  if (errors.length > 0) return { ok: false, errors };
  const profileFact = facts.find((f) => f.core.type === FACT_TYPES.profile);
  const secretFact = facts.find((f) => f.core.type === FACT_TYPES.secret);
  if (!profileFact || !secretFact) {
    const got = facts.map((f) => JSON.stringify(f.core.type)).join(" and ");
    return {
      ok: false,
      errors: [
        { path: "", message: `must hold one ${FACT_TYPES.profile} and one ${FACT_TYPES.secret} fact, got ${got}` },
      ],
    };
  }
  const profile = readProfile(profileFact);
  if (!profile.ok) return profile;
  const secret = stringContent(secretFact.content);
  if (secret === "")
    errors.push({ path: `${secretFact.path}/content`, message: "must be the secret, got an empty string" });
  if (secretFact.core.resource.toLowerCase() !== profileFact.core.resource.toLowerCase()) {
    errors.push({
      path: `${secretFact.path}/metadata/core/resource`,
      message: `must be the profile's resource ${JSON.stringify(profileFact.core.resource)}, got ${describeValue(secretFact.core.resource)}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, profile: profile.value, secret };
}

function readProfile(fact: ReadFact): { ok: true; value: TesterProfile } | { ok: false; errors: InputError[] } {
  const expectedResource = `metabase:user:${fact.core.guid}`;
  if (fact.core.resource.toLowerCase() !== expectedResource) {
    const path = `${fact.path}/metadata/core/resource`;
    return {
      ok: false,
      errors: [
        {
          path,
          message: `must be ${JSON.stringify(expectedResource)} (the profile's own guid), got ${describeValue(fact.core.resource)}`,
        },
      ],
    };
  }
  const contentPath = `${fact.path}/content`;
  const decoded = decodeJsonContent(fact.content, contentPath);
  if (!decoded.ok) return decoded;
  if (!Array.isArray(decoded.value)) {
    return {
      ok: false,
      errors: [
        {
          path: contentPath,
          message: `must encode a JSON array of ${FACT_TYPES.fullName} and ${FACT_TYPES.email} facts, got ${describeValue(decoded.value)}`,
        },
      ],
    };
  }
  const errors: InputError[] = [];
  const values: Partial<Record<string, string>> = {};
  decoded.value.forEach((item, index) => {
    const child = readFact(item, `${contentPath}/${index}`);
    if (!child.ok) return void errors.push(...child.errors);
    values[child.value.core.type] ??= stringContent(child.value.content);
  });
  if (errors.length > 0) return { ok: false, errors };
  const fullName = cleanName(values[FACT_TYPES.fullName] ?? "");
  const email = (values[FACT_TYPES.email] ?? "").trim();
  // Not checked for an "@": some testers registered obfuscated addresses ("jdoe at example dot org").
  if (email === "") {
    errors.push({
      path: contentPath,
      message: `must hold a ${FACT_TYPES.email} fact with an address, got ${describeValue(values[FACT_TYPES.email])}`,
    });
  }
  if (fullName === "") {
    errors.push({
      path: contentPath,
      message: `must hold a ${FACT_TYPES.fullName} fact with a name, got ${describeValue(values[FACT_TYPES.fullName])}`,
    });
  }
  // Every report of the profile shows it as `Name <email>`: one the ETL cannot store is refused now.
  const shown = `${fullName} <${email}>`.length;
  if (shown > FACT_LENGTH_LIMITS.tester) {
    errors.push({
      path: contentPath,
      message: `must hold a name and an address of at most ${FACT_LENGTH_LIMITS.tester} characters as "Name <address>", got ${shown}`,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { guid: fact.core.guid, fullName, email } };
}
