/** A GET (or HEAD) of the platform with its status, headers and JSON body, as Test::Mojo sees one. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function getJson(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Status and body only, for whole-answer comparisons. */
export async function statusAndBody(url: string): Promise<{ status: number; body: unknown }> {
  const { status, body } = await getJson(url);
  return { status, body };
}
