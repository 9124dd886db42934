/**
 * Requests byte for byte as CPAN::Reporter's transport writes them: Metabase::Client::Simple 0.013
 * over HTTP::Tiny 0.080. HTTP::Tiny writes Host first, then the other headers in Perl's hash order
 * (so any order), with its own casing for the headers it knows; the client's `Content_Type` is not
 * one of them and goes out as given, beside HTTP::Tiny's default `Content-Type:
 * application/octet-stream`. keep_alive is on by default, so there is no Connection header. The
 * guid check (HEAD) and registration carry no credentials: the client puts them only in the
 * submission's URL.
 */
export const PERL_CLIENT_AGENT = "Metabase::Client::Simple/0.013 HTTP-Tiny/0.080";

export interface PerlRequest {
  method: "POST" | "HEAD" | "GET";
  path: string;
  body?: string;
  /** profile GUID and secret, for the submission */
  credentials?: { user: string; secret: string };
  /** The headers after Host in this order (names as written); the default is one order Perl produced. */
  order?: readonly string[];
}

const DEFAULT_ORDER = ["User-Agent", "Content_Type", "Accept", "Content-Type", "Content-Length", "Authorization"];

export function perlClientBytes(url: string, request: PerlRequest): Buffer {
  const { host } = new URL(url);
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "latin1");
  const values: Record<string, string | undefined> = {
    "User-Agent": PERL_CLIENT_AGENT,
    ...(body === undefined
      ? {}
      : {
          Content_Type: "application/json",
          Accept: "application/json",
          "Content-Type": "application/octet-stream",
          "Content-Length": String(body.length),
        }),
    ...(request.credentials
      ? {
          Authorization: `Basic ${Buffer.from(`${request.credentials.user}:${request.credentials.secret}`).toString("base64")}`,
        }
      : {}),
  };
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${host}`];
  for (const name of request.order ?? DEFAULT_ORDER) {
    const value = values[name];
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body ?? Buffer.alloc(0)]);
}
