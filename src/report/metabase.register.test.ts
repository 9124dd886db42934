import { describe, expect, it } from "vitest";
import { loadFixture } from "../../test/fixtures/index.js";
import { buildRegistration, type RegistrationInput } from "./metabase.build.js";
import type { MetabaseFact } from "./metabase.fact.js";
import { parseRegistration } from "./metabase.register.js";

const input: RegistrationInput = {
  guid: "7D3C2A10-6F1E-11DF-8B2E-2B7C4F9A1D05",
  fullName: "Jörg Prüfer",
  email: "jp@example.de",
  secret: "s3cr3t",
  creationTime: "2010-06-10T18:30:02Z",
  factGuids: {
    fullName: "7d3c5b8e-6f1e-11df-8b2e-2b7c4f9a1d05",
    email: "7d3c8f2c-6f1e-11df-8b2e-2b7c4f9a1d05",
    secret: "7d3cc1f4-6f1e-11df-8b2e-2b7c4f9a1d05",
  },
};

describe("parseRegistration", () => {
  it("reads the [profile, secret] fixture and decodes the entity in the name", () => {
    expect(parseRegistration(loadFixture("metabase-register"))).toEqual({
      ok: true,
      profile: {
        guid: "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05",
        fullName: "Zoë Testwright (ZTEST)",
        email: "zoe.testwright@example.com",
      },
      secret: "5f0c9e7a1b3d48c2a6e4f1d7b9c3a0e8",
    });
  });

  it("lowercases the guid, repairs mojibake and accepts the facts in either order", () => {
    const [profile, secret] = buildRegistration({ ...input, fullName: "JÃ¶rg PrÃ¼fer" });
    expect(parseRegistration([secret, profile])).toEqual({
      ok: true,
      profile: { guid: "7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05", fullName: "Jörg Prüfer", email: "jp@example.de" },
      secret: "s3cr3t",
    });
  });

  it("unquotes string facts that arrive JSON-encoded", () => {
    const [profile, secret] = buildRegistration({ ...input, fullName: '"Jörg Prüfer"', secret: '"s3cr3t"' });
    expect(parseRegistration([profile, secret])).toMatchObject({
      ok: true,
      profile: { fullName: "Jörg Prüfer" },
      secret: "s3cr3t",
    });
  });

  it("wants exactly a profile and a secret", () => {
    const [profile] = buildRegistration(input);
    expect(parseRegistration({ profile })).toEqual({
      ok: false,
      errors: [{ path: "", message: "must be the array [profile fact, secret fact], got an object" }],
    });
    expect(parseRegistration([profile, profile])).toEqual({
      ok: false,
      errors: [
        {
          path: "",
          message:
            'must hold one Metabase-User-Profile and one Metabase-User-Secret fact, got "Metabase-User-Profile" and "Metabase-User-Profile"',
        },
      ],
    });
  });

  it("points at the broken fact", () => {
    const [profile, secret] = buildRegistration(input);
    expect(parseRegistration([profile, { ...secret, content: 42 }])).toEqual({
      ok: false,
      errors: [{ path: "/1/content", message: "must be a string (the fact's serialised content), got 42" }],
    });
    expect(parseRegistration([{ ...profile, content: "[{" }, secret])).toEqual({
      ok: false,
      errors: [{ path: "/0/content", message: expect.stringMatching(/^must be JSON text, got "\[\{" \(/) as string }],
    });
  });

  it("rejects a profile whose resource is not its own guid, and a secret for someone else", () => {
    const [profile, secret] = buildRegistration(input);
    const other = "metabase:user:00000000-0000-0000-0000-000000000000";
    const moved = (fact: MetabaseFact): MetabaseFact => ({
      ...fact,
      metadata: { core: { ...fact.metadata.core, resource: other } },
    });
    expect(parseRegistration([moved(profile), secret])).toEqual({
      ok: false,
      errors: [
        {
          path: "/0/metadata/core/resource",
          message: `must be "metabase:user:7d3c2a10-6f1e-11df-8b2e-2b7c4f9a1d05" (the profile's own guid), got "${other}"`,
        },
      ],
    });
    expect(parseRegistration([profile, moved(secret)])).toEqual({
      ok: false,
      errors: [
        {
          path: "/1/metadata/core/resource",
          message: `must be the profile's resource "metabase:user:7D3C2A10-6F1E-11DF-8B2E-2B7C4F9A1D05", got "${other}"`,
        },
      ],
    });
  });

  it("needs a name, an address and a secret", () => {
    const [profile, secret] = buildRegistration({ ...input, fullName: " ", email: "", secret: "" });
    expect(parseRegistration([profile, secret])).toEqual({
      ok: false,
      errors: [
        { path: "/0/content", message: 'must hold a Metabase-User-EmailAddress fact with an address, got ""' },
        { path: "/0/content", message: 'must hold a Metabase-User-FullName fact with a name, got " "' },
      ],
    });
    const [named, empty] = buildRegistration({ ...input, secret: "" });
    expect(parseRegistration([named, empty])).toEqual({
      ok: false,
      errors: [{ path: "/1/content", message: "must be the secret, got an empty string" }],
    });
  });

  it("reports a profile without details", () => {
    const [profile, secret] = buildRegistration(input);
    expect(parseRegistration([{ ...profile, content: '{"name":"x"}' }, secret])).toEqual({
      ok: false,
      errors: [
        {
          path: "/0/content",
          message:
            "must encode a JSON array of Metabase-User-FullName and Metabase-User-EmailAddress facts, got an object",
        },
      ],
    });
  });

  it("accepts a name and address that fit the shown tester column, and refuses one character more", () => {
    // `Name <address>`: 3 characters around the two.
    const email = "a".repeat(100);
    const fits = buildRegistration({ ...input, fullName: "N".repeat(512 - 103), email });
    expect(parseRegistration(fits).ok).toBe(true);
    const over = parseRegistration(buildRegistration({ ...input, fullName: "N".repeat(512 - 102), email }));
    expect(over.ok).toBe(false);
    expect(!over.ok && over.errors.map((e) => e.message)).toEqual([
      'must hold a name and an address of at most 512 characters as "Name <address>", got 513',
    ]);
  });
});
