/** A value as indented JSON, for readers who want every field. */
export function CopyJson({ value }: { value: unknown }) {
  return <pre className="output json">{JSON.stringify(value, null, 2)}</pre>;
}
