import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends exactly these bytes and reads the response until the server closes: for requests that
 * must look byte for byte like a given client's (the Perl Metabase client's, say).
 */
export function rawRequest(url: string, request: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    // write, not end: a half-closed socket may be dropped before the answer; "Connection: close" ends it.
    const socket = connect(Number(port), hostname, () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = head.split("\r\n");
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers,
        body: Buffer.from(rest.join("\r\n\r\n"), "latin1").toString("utf8"),
      });
    });
  });
}

/** JSON as Perl's `JSON->new->ascii->encode` writes it: every non-ASCII character as \uXXXX. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export interface RawConnection {
  /** Writes these bytes and resolves with the one response they ask for (no body after HEAD). */
  send(request: string | Buffer, options?: { head?: boolean }): Promise<RawResponse>;
  /** Whether the server has closed its side. */
  readonly closed: boolean;
  close(): void;
}

/**
 * One kept-alive connection, as HTTP::Tiny holds one (its keep_alive is on by default and sends no
 * Connection header): requests go one after another and each response is read by its
 * Content-Length.
 */
export function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    let closed = false;
    let waiting:
      { head: boolean; resolve: (response: RawResponse) => void; reject: (error: Error) => void } | undefined;
    const tryRead = () => {
      if (!waiting) return;
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [statusLine = "", ...headerLines] = buffered.subarray(0, end).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const status = Number(statusLine.split(" ")[1]);
      if (headers["transfer-encoding"]) throw new Error("chunked responses are not read here");
      const length = waiting.head || status === 204 || status === 304 ? 0 : Number(headers["content-length"] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const body = buffered.subarray(end + 4, end + 4 + length).toString("utf8");
      buffered = buffered.subarray(end + 4 + length);
      const done = waiting;
      waiting = undefined;
      done.resolve({ status, headers, body });
    };
    const socket = connect(Number(port), hostname, () =>
      resolve({
        send(request, options = {}) {
          return new Promise((resolveResponse, rejectResponse) => {
            waiting = { head: options.head ?? false, resolve: resolveResponse, reject: rejectResponse };
            socket.write(request);
          });
        },
        get closed() {
          return closed;
        },
        close: () => socket.destroy(),
      }),
    );
    socket.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      tryRead();
    });
    socket.on("error", (error) => (waiting ? waiting.reject(error) : reject(error)));
    socket.on("close", () => {
      closed = true;
      waiting?.reject(new Error("the server closed the connection before answering"));
    });
  });
}
