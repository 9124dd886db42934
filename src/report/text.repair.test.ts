import { describe, expect, it } from "vitest";
import { cleanName, decodeHtmlEntities, decodeMixedBytes, repairMojibake } from "./text.repair.js";

describe("decodeHtmlEntities", () => {
  it("decodes named, decimal and hex references", () => {
    expect(decodeHtmlEntities("Ren&eacute; &amp; J&#246;rg &lt;&#x4E2D;&gt; &quot;Fran&ccedil;ois&quot;")).toBe(
      'René & Jörg <中> "François"',
    );
  });

  it("leaves unknown, unterminated and invalid references as written", () => {
    expect(decodeHtmlEntities("AT&T &bogus; &amp &#0; &#xD800; &#99999999; &#x110000;")).toBe(
      "AT&T &bogus; &amp &#0; &#xD800; &#99999999; &#x110000;",
    );
    expect(decodeHtmlEntities("&toString; &constructor; &hasOwnProperty;")).toBe(
      "&toString; &constructor; &hasOwnProperty;",
    );
  });

  it("decodes only one level, like a browser", () => {
    expect(decodeHtmlEntities("&amp;eacute;")).toBe("&eacute;");
  });
});

describe("repairMojibake", () => {
  it("repairs UTF-8 that was read as Latin-1", () => {
    expect(repairMojibake("JÃ¶rg MÃ¼ller")).toBe("Jörg Müller");
    expect(repairMojibake("Ã†var ArnfjÃ¶rÃ° Bjarmason")).toBe("Ævar Arnfjörð Bjarmason");
  });

  it("repairs UTF-8 that was read as Windows-1252", () => {
    // 0x9D has no Windows-1252 glyph, so decoders pass it through as U+009D.
    expect(repairMojibake("Tester â€œSmokeyâ€\u009d Oâ€™Brien")).toBe("Tester “Smokey” O’Brien");
  });

  it("repairs doubly mis-decoded text", () => {
    expect(repairMojibake("JÃƒÂ¶rg")).toBe("Jörg");
  });

  it("leaves genuine text alone", () => {
    for (const text of [
      "Jörg",
      "Ævar Arnfjörð Bjarmason",
      "日本語のテスター",
      "plain ascii",
      "",
      "Ã alone",
      "café Ã©",
    ]) {
      expect(repairMojibake(text)).toBe(text);
    }
  });
});

describe("cleanName", () => {
  it("decodes entities, then repairs mojibake, then trims", () => {
    expect(cleanName("  Ren&#195;&#169; Descartes \n")).toBe("René Descartes");
    // Genuine and mis-decoded text in one name: not provably mojibake, so left as it is.
    expect(cleanName("Ren&eacute; DescÃ©nes")).toBe("René DescÃ©nes");
    expect(cleanName("Andreas J. K&ouml;nig")).toBe("Andreas J. König");
    expect(cleanName("Slaven ReziÄ\u0087")).toBe("Slaven Rezić");
  });
});

describe("decodeMixedBytes", () => {
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

  it("decodes valid UTF-8 as is", () => {
    expect(decodeMixedBytes(bytes("Jörg 中文"))).toBe("Jörg 中文");
  });

  it("reads stray bytes as Latin-1 while keeping valid UTF-8 sequences", () => {
    expect(decodeMixedBytes(bytes("J", [0xf6], "rg / ", "Müller", " ", [0xe9]))).toBe("Jörg / Müller é");
  });

  it("never produces replacement characters for truncated or overlong sequences", () => {
    expect(decodeMixedBytes(Uint8Array.from([0xe2, 0x82, 0x41, 0xc0, 0xaf, 0xf0]))).toBe("â\u0082AÀ¯ð");
  });
});
