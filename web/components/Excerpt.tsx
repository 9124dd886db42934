/** A range of an excerpt to highlight, as the API gives it: UTF-16 offset and length. */
export interface Highlight {
  start: number;
  length: number;
}

/**
 * The excerpt as text with its matches in <mark>: the text is split at the API's offsets and every
 * part rendered as a React text node, so nothing in a report's output is ever parsed as HTML.
 */
export function Excerpt({ text, matches }: { text: string; matches: readonly Highlight[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const { start, length } of [...matches].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, at);
    const to = Math.min(start + length, text.length);
    if (to <= from) continue;
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, to), marked: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <pre className="output excerpt">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}
    </pre>
  );
}
