// What an empty console list says: with filters, that none matches and how to see everything; without,
// what will appear here and when.
import Link from "next/link";

export function EmptyState({ filtered, matchText, noneText, clearText, clearHref }: {
  filtered: boolean; matchText: string; noneText: string; clearText: string; clearHref: string;
}) {
  if (!filtered) return <p className="text-slate-600">{noneText}</p>;
  return (
    <p className="text-slate-600">
      {matchText}{" "}<Link href={clearHref} className="font-medium text-brand-700 underline">{clearText}</Link>
    </p>
  );
}

/** Whether any filter or period is in force. */
export const isFiltered = (f: { values: Record<string, unknown>; period: { fromText?: string; toText?: string } }) =>
  Object.values(f.values).some(Boolean) || Boolean(f.period.fromText || f.period.toText);
