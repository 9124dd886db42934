import type { ReportRow } from "../../db/schema/index.js";

/**
 * Operating system names for people, by osname: the original site's table
 * (cpantesters-web, Controller/Legacy.pm), whose `ostext` field the feeds carry.
 */
const OS_TEXT = new Map<string, string>(
  Object.entries({
    aix: "AIX",
    bsdos: "BSD/OS",
    cygwin: "Windows (Cygwin)",
    darwin: "Mac OS X",
    dec_osf: "Tru64",
    dragonfly: "Dragonfly BSD",
    freebsd: "FreeBSD",
    gnu: "GNU Hurd",
    haiku: "Haiku",
    hpux: "HP-UX",
    irix: "IRIX",
    linux: "GNU/Linux",
    macos: "Mac OS classic",
    midnightbsd: "MidnightBSD",
    mirbsd: "MirOS BSD",
    mswin32: "Windows (Win32)",
    netbsd: "NetBSD",
    openbsd: "OpenBSD",
    os2: "OS/2",
    os390: "OS390/zOS",
    gnukfreebsd: "Debian GNU/kFreeBSD",
    sco: "SCO",
    solaris: "SunOS/Solaris",
    vms: "VMS",
    beos: "BeOS",
    interix: "Interix",
    nto: "QNX Neutrino",
    minix: "MINIX",
    bitrig: "BITRIG",
    Mac: "MAC",
  }),
);

/**
 * One report as the original's feeds wrote it (its `cpanstats` row). Keys in sorted order and
 * every column a string, byte for byte what Mojo::JSON made of DBD::mysql's values. `type` 2 is
 * the original's mark of a valid report (the only kind counted here); `uploadid` was the row of
 * its uploads table, which has no counterpart here (uploads are keyed by dist and version).
 */
export interface LegacyReportRecord {
  csspatch: "pat" | "unp";
  cssperl: "dev" | "rel";
  datetime: string;
  dist: string;
  distribution: string;
  distversion: string;
  fulldate: string;
  grade: string;
  guid: string;
  id: string;
  lang_version: string;
  osname: string;
  ostext: string | null;
  osvers: string;
  perl: string;
  platform: string;
  postdate: string;
  state: string;
  status: string;
  tester: string;
  type: "2";
  uploadid: null;
  version: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The name and address of a tester as stored (`Name <email>`, or the address alone). */
export function testerParts(tester: string): { name: string; email: string } {
  const named = /^(.*) <([^<>]*)>$/.exec(tester);
  return named ? { name: named[1] ?? "", email: named[2] ?? "" } : { name: "", email: tester };
}

/** The original's `"Full Name" <email>`; a reporter who gave no name is the address alone. */
export function legacyTester(tester: string): string {
  const { name, email } = testerParts(tester);
  return name ? `"${name}" <${email}>` : email;
}

export function legacyReportRecord(row: ReportRow): LegacyReportRecord {
  const at = row.submittedAt;
  const [year, month, day, hour, minute] = [
    String(at.getUTCFullYear()),
    pad(at.getUTCMonth() + 1),
    pad(at.getUTCDate()),
    pad(at.getUTCHours()),
    pad(at.getUTCMinutes()),
  ];
  return {
    // Both rules as the original wrote them: a perl's text decides, not its parsed parts.
    csspatch: /\b(RC\d+|patch)\b/.test(row.perl) ? "pat" : "unp",
    cssperl: /^5.(7|9|[1-9][13579])/.test(row.perl) ? "dev" : "rel",
    // The original kept minutes only (`fulldate`), and made this from them.
    datetime: `${year}-${month}-${day}T${hour}:${minute}:00`,
    dist: row.dist,
    distribution: row.dist,
    distversion: `${row.dist}-${row.version}`,
    fulldate: `${year}${month}${day}${hour}${minute}`,
    grade: row.grade,
    guid: row.guid,
    id: String(row.id),
    lang_version: row.perl,
    osname: row.osname,
    // Reports name Windows "MSWin32" where the table says "mswin32".
    ostext: OS_TEXT.get(row.osname) ?? OS_TEXT.get(row.osname.toLowerCase()) ?? null,
    osvers: row.osversion,
    perl: row.perl,
    platform: row.platform,
    postdate: `${year}${month}`,
    state: row.grade,
    status: row.grade.toUpperCase(),
    tester: legacyTester(row.tester),
    type: "2",
    uploadid: null,
    version: row.version,
  };
}
