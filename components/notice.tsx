// A message carried across a navigation (?notice=…) from a fixed list, announced in a status region.
export function Notice({ text }: { text: string | null }) {
  return <p role="status" className="text-sm font-medium text-green-800">{text}</p>;
}

/** The notice's text when the query names one the page knows, else null: nothing user-typed is shown. */
export function noticeFrom<K extends string>(raw: unknown, texts: Record<K, string>): string | null {
  return typeof raw === "string" && Object.hasOwn(texts, raw) ? texts[raw as K] : null;
}
