import type { Random } from "./prng.js";

/** Word lists the catalogue combines into CPAN-looking names. Invented, not copied from CPAN. */

// prettier-ignore
const NAMESPACES = [
  "Acme", "Algorithm", "Alien", "AnyEvent", "App", "Archive", "Bio", "Business", "CGI", "Cache", "Catalyst",
  "Class", "Compress", "Config", "Crypt", "DBIx", "Data", "Date", "Devel", "Digest", "Dist-Zilla-Plugin",
  "Email", "Encode", "File", "Geo", "Getopt", "Graph", "HTML", "HTTP", "Hash", "IO", "Image", "JSON", "Lingua",
  "List", "Log", "Math", "Mojo", "Module", "Moose", "MooseX", "Net", "Object", "POE", "Params", "Parse", "Path",
  "Perl", "Plack", "Pod", "Role", "Search", "String", "Sub", "Sys", "Template", "Term", "Test", "Text", "Time",
  "Type", "Unix", "WWW", "Web", "Win32", "XML",
];

// prettier-ignore
const PARTS = [
  "Any", "Auth", "Base", "Builder", "Cache", "Client", "Color", "Compat", "Diff", "Dumper", "Easy", "Fast",
  "Filter", "Format", "Helpers", "Lazy", "Lite", "Meta", "Parser", "Pool", "Pretty", "Printer", "Queue",
  "Random", "Reader", "Server", "Shell", "Simple", "Store", "Stream", "Strict", "Sync", "Table", "Timer",
  "Tiny", "Types", "Util", "Utils", "Watch", "Writer", "XS", "PP", "Declare", "Object", "Role", "Handler",
];

// prettier-ignore
const FIRST_NAMES = [
  "Andreas", "Barbie", "Chris", "Dana", "David", "Elena", "Frank", "Gabor", "Hanna", "Ingo", "Jens", "Karen",
  "Lars", "Marek", "Nadia", "Olaf", "Paul", "Quinn", "Rosa", "Slaven", "Tomas", "Ulla", "Vincent", "Wendy",
  "Xavier", "Yuki", "Zoe", "Alexandr", "Bram", "Carlos", "Dmitri", "Emma", "Felipe", "Greta", "Hiro", "Ivana",
];

// prettier-ignore
const SURNAMES = [
  "Koenig", "Rezic", "Williams", "Jansen", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka",
  "Urban", "Varga", "Weber", "Xu", "Yilmaz", "Zeller", "Almeida", "Brandt", "Castro", "Dubois", "Eriksen",
  "Fischer", "Garcia", "Horvat", "Ivanov", "Jovanovic", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
];

const CONSONANTS = "BCDFGHJKLMNPRSTVWXZ";
const VOWELS = "AEIOUY";

/**
 * A unique distribution name: Namespace-Part, with a third part when the two-part names run out.
 * `taken` holds every name given so far.
 */
export function distName(random: Random, taken: Set<string>): string {
  for (let parts = 1; ; parts++) {
    // A few tries per length keeps the names short while the short ones last.
    for (let attempt = 0; attempt < 8; attempt++) {
      const words = [random.pick(NAMESPACES)];
      for (let i = 0; i < parts; i++) words.push(random.pick(PARTS));
      const name = words.join("-");
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  }
}

/** A unique PAUSE id: 3 to 8 capital letters. */
export function pauseId(random: Random, taken: Set<string>): string {
  for (;;) {
    let id = "";
    const length = random.int(3, 8);
    for (let i = 0; i < length; i++) id += random.pick([...(i % 2 === 0 ? CONSONANTS : VOWELS)]);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
}
