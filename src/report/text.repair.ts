/**
 * Repairs for the text old clients send: HTML entities in profile names (some web forms stored
 * them escaped), UTF-8 that was decoded as Latin-1 somewhere on the way ("JÃ¶rg"), and request
 * bodies that mix UTF-8 with raw Latin-1 bytes.
 */

// The named entities of HTML 4 for Latin-1, plus the XML five; names beyond these never showed up.
// prettier-ignore
const NAMED: Record<string, number> = {
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62, nbsp: 160, iexcl: 161, cent: 162, pound: 163, curren: 164,
  yen: 165, brvbar: 166, sect: 167, uml: 168, copy: 169, ordf: 170, laquo: 171, not: 172, shy: 173, reg: 174,
  macr: 175, deg: 176, plusmn: 177, sup2: 178, sup3: 179, acute: 180, micro: 181, para: 182, middot: 183,
  cedil: 184, sup1: 185, ordm: 186, raquo: 187, frac14: 188, frac12: 189, frac34: 190, iquest: 191,
  Agrave: 192, Aacute: 193, Acirc: 194, Atilde: 195, Auml: 196, Aring: 197, AElig: 198, Ccedil: 199,
  Egrave: 200, Eacute: 201, Ecirc: 202, Euml: 203, Igrave: 204, Iacute: 205, Icirc: 206, Iuml: 207, ETH: 208,
  Ntilde: 209, Ograve: 210, Oacute: 211, Ocirc: 212, Otilde: 213, Ouml: 214, times: 215, Oslash: 216,
  Ugrave: 217, Uacute: 218, Ucirc: 219, Uuml: 220, Yacute: 221, THORN: 222, szlig: 223, agrave: 224,
  aacute: 225, acirc: 226, atilde: 227, auml: 228, aring: 229, aelig: 230, ccedil: 231, egrave: 232,
  eacute: 233, ecirc: 234, euml: 235, igrave: 236, iacute: 237, icirc: 238, iuml: 239, eth: 240, ntilde: 241,
  ograve: 242, oacute: 243, ocirc: 244, otilde: 245, ouml: 246, divide: 247, oslash: 248, ugrave: 249,
  uacute: 250, ucirc: 251, uuml: 252, yacute: 253, thorn: 254, yuml: 255,
};

/** Decodes `&amp;`, `&eacute;`, `&#233;`, `&#xE9;`; unknown or invalid references stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g, (whole, ...groups) => {
    const code = entityCode(groups as (string | undefined)[]);
    if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

function entityCode([decimal, hex, name]: (string | undefined)[]): number | undefined {
  if (decimal !== undefined) return Number(decimal);
  if (hex !== undefined) return parseInt(hex, 16);
  // Own keys only: `&toString;` must not find Object.prototype.toString.
  return name !== undefined && Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
}

// Windows-1252 puts printable characters in 0x80-0x9F, so "â€™" is the mojibake of "’".
// prettier-ignore
const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
// eslint-disable-next-line no-control-regex -- the test is for anything outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Undoes UTF-8 read as Latin-1/Windows-1252 ("JÃ¶rg" → "Jörg"), up to three times over.
 * Only when the whole string, taken back to bytes, is valid UTF-8: a genuine "Jörg" is not
 * (a lone 0xF6), so real Latin-1 range text is left alone.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < 3; round++) {
    // Most text reports are ASCII throughout: nothing to repair, and no need to copy 10 KB to find out.
    if (!NON_ASCII.test(current)) return current;
    const bytes = toSingleBytes(current);
    if (!bytes) return current;
    try {
      current = strictUtf8.decode(bytes);
    } catch {
      return current;
    }
  }
  return current;
}

function toSingleBytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code <= 0xff ? code : CP1252[code];
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}

/** A tester's full name as we store it: entities decoded, mojibake repaired, trimmed. */
export function cleanName(name: string): string {
  return repairMojibake(decodeHtmlEntities(name)).trim();
}

/**
 * Decodes a request body that may mix UTF-8 with raw Latin-1 bytes: valid UTF-8 sequences are
 * decoded as such, every other byte is taken as Latin-1, so nothing turns into U+FFFD.
 */
export function decodeMixedBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // fall through to the byte-by-byte walk
  }
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 1;
    if (length > 1 && i + length <= bytes.length) {
      try {
        out += strictUtf8.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a valid sequence: take the lead byte as Latin-1 below
      }
    }
    out += String.fromCharCode(lead);
    i += 1;
  }
  return out;
}
