// How audit events read in the console and its CSV: kind labels and before → after lines. Pure.
import { ACCESS_LABELS, PAYMENT_MODE_INFO, STATUS_LABELS } from "./domain";

/** "payment_mode.changed" → "Payment mode changed". */
export function kindLabel(kind: string): string {
  const words = kind.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "paymentMode" → "Payment mode". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  paymentMode: Object.fromEntries(Object.entries(PAYMENT_MODE_INFO).map(([k, v]) => [k, v.label])),
  access: ACCESS_LABELS,
  status: STATUS_LABELS,
};

export function valueLabel(key: string, value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return VALUE_LABELS[key]?.[value] ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export type ChangeLine = { field: string; label: string; from: string | null; to: string | null };

/**
 * One line per field in either snapshot, in the order first seen. A field present only after
 * (a refused attempt records what was asked for) has no "from".
 */
export function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((key) => ({
    field: key,
    label: fieldLabel(key),
    from: before && key in before ? valueLabel(key, before[key]) : null,
    to: after && key in after ? valueLabel(key, after[key]) : null,
  }));
}

/** The change as one line of text, e.g. "Payment mode: Customer pays → Partner pays; Version: 1 → 2". */
export function changeText(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  return describeChange(before, after)
    .map((l) => `${l.label}: ${l.from === null ? "" : `${l.from} → `}${l.to ?? "—"}`)
    .join("; ");
}

/** A user agent as people name it ("Chrome 131, Windows"), for lists; the full string is in the CSV and the timeline. */
export function userAgentSummary(userAgent: string | null): string {
  if (!userAgent) return "unknown browser";
  const browser = [[/Edg\/(\d+)/, "Edge"], [/Firefox\/(\d+)/, "Firefox"], [/Chrome\/(\d+)/, "Chrome"], [/Version\/(\d+)[\d.]* .*Safari\//, "Safari"]] as const;
  const os = [[/Android/, "Android"], [/iPhone|iPad|iOS/, "iOS"], [/Windows/, "Windows"], [/Mac OS X|Macintosh/, "macOS"], [/Linux/, "Linux"]] as const;
  const b = browser.map(([re, name]) => [re.exec(userAgent), name] as const).find(([m]) => m);
  const o = os.find(([re]) => re.test(userAgent))?.[1];
  if (!b) return userAgent.slice(0, 40);
  return `${b[1]} ${b[0]![1]}${o ? `, ${o}` : ""}`;
}
