// How audit events read in the console and its CSV, as data: each before → after field typed (money,
// identifier, code, date, …) so the page renders it in the reader's language. Pure: the words come from
// the caller (app/(manager)/audit/audit-words.ts builds them from the message catalogues).

export type AuditValue =
  | { type: "money"; minor: number; currency: string | null }
  | { type: "id"; id: string }
  | { type: "ids"; ids: string[] }
  | { type: "code"; field: string; code: string }
  | { type: "date"; iso: string }
  | { type: "time"; iso: string }
  | { type: "number"; n: number }
  | { type: "text"; text: string }
  | { type: "none" };

export type ChangeLine = { field: string; from: AuditValue | null; to: AuditValue | null };

/** Fields whose string values are codes with a label in the catalogue (`audit.value.<field>.<code>`, or `domain`). */
export const CODE_FIELDS = ["paymentMode", "access", "status", "payer", "kind", "method", "via", "endedBy"] as const;
/** Internal bookkeeping a person reading the trail does not need (the CSV keeps the raw snapshots). */
const HIDDEN_FIELDS = new Set(["version"]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function auditValue(field: string, value: unknown, currency: string | null): AuditValue {
  if (value === undefined || value === null || value === "") return { type: "none" };
  if (field.endsWith("Minor") && typeof value === "number") return { type: "money", minor: value, currency };
  if (Array.isArray(value) && field.endsWith("Ids") && value.every((v) => typeof v === "string")) return { type: "ids", ids: value };
  if (typeof value === "string") {
    if (field === "id" || field.endsWith("Id")) return { type: "id", id: value };
    if ((CODE_FIELDS as readonly string[]).includes(field)) return { type: "code", field, code: value };
    if (ISO_DAY.test(value)) return { type: "date", iso: value };
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { type: "time", iso: value };
    return { type: "text", text: value };
  }
  if (typeof value === "number") return { type: "number", n: value };
  if (typeof value === "boolean") return { type: "text", text: String(value) };
  return { type: "text", text: JSON.stringify(value) };
}

const currencyOf = (s: Record<string, unknown> | null) => (typeof s?.currency === "string" ? s.currency : null);

/**
 * One line per field in either snapshot, in the order first seen. A field present only after (a refused
 * attempt records what was asked for) has no "from". Amounts in minor units carry their snapshot's
 * currency, so the currency gets no line of its own; the version counter is left out.
 */
export function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const hasMoney = keys.some((k) => k.endsWith("Minor"));
  const currency = currencyOf(after) ?? currencyOf(before);
  return keys
    .filter((key) => !HIDDEN_FIELDS.has(key) && !(hasMoney && key === "currency"))
    .map((key) => ({
      field: key,
      from: before && key in before ? auditValue(key, before[key], currencyOf(before) ?? currency) : null,
      to: after && key in after ? auditValue(key, after[key], currencyOf(after) ?? currency) : null,
    }));
}

/** The words a reader's language gives the values; built per locale by the caller. */
export type AuditWords = {
  field(key: string): string;
  code(field: string, code: string): string;
  money(minor: number, currency: string | null): string;
  date(iso: string): string;
  time(iso: string): string;
  number(n: number): string;
  ids(count: number): string;
  /** A field and its value(s) as one phrase: "Total: CHF 10.00" (French puts a space before the colon). */
  line(field: string, value: string): string;
  none: string;
};

/** An identifier as the console shows it: its first 8 characters (UUIDs differ there). */
export const shortId = (id: string) => (id.length > 10 ? `${id.slice(0, 8)}…` : id);

export function valueText(v: AuditValue, w: AuditWords, { fullIds = false } = {}): string {
  switch (v.type) {
    case "money": return w.money(v.minor, v.currency);
    case "id": return fullIds ? v.id : shortId(v.id);
    case "ids": return fullIds ? v.ids.join(" ") : w.ids(v.ids.length);
    case "code": return w.code(v.field, v.code);
    case "date": return w.date(v.iso);
    case "time": return w.time(v.iso);
    case "number": return w.number(v.n);
    case "text": return v.text;
    case "none": return w.none;
  }
}

/** The change as one line of text, e.g. "Payment mode: Customer pays → Partner pays; Total: CHF 1’000.00". */
export function changeText(
  before: Record<string, unknown> | null, after: Record<string, unknown> | null, w: AuditWords,
  options: { fullIds?: boolean; withoutIds?: boolean } = {},
): string {
  const text = (v: AuditValue) => valueText(v, w, options);
  const isId = (v: AuditValue | null) => v?.type === "id";
  return describeChange(before, after)
    .filter((l) => !(options.withoutIds && (isId(l.from) || isId(l.to))))
    .map((l) => w.line(w.field(l.field), `${l.from === null ? "" : `${text(l.from)} → `}${l.to ? text(l.to) : w.none}`))
    .join("; ");
}

/**
 * A refusal's reason as recorded ("stale_version", "not_failed: sent", "invalid_input: amount, label"):
 * the code, which the catalogue names, and the detail after the colon, if any.
 */
export function reasonParts(reason: string): { code: string; detail: string | null } {
  const i = reason.indexOf(":");
  if (i < 0) return { code: reason.trim(), detail: null };
  return { code: reason.slice(0, i).trim(), detail: reason.slice(i + 1).trim() || null };
}

export type UserAgentSummary = { browser: string | null; os: string | null };

/** A user agent as people name it (browser with its major version, and the system): "Chrome 131" on "Windows". */
export function userAgentSummary(userAgent: string | null): UserAgentSummary | null {
  if (!userAgent) return null;
  const browsers = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"], [/OPR\/(\d+)/, "Opera"], [/Firefox\/(\d+)/, "Firefox"], [/FxiOS\/(\d+)/, "Firefox"],
    [/CriOS\/(\d+)/, "Chrome"], [/HeadlessChrome\/(\d+)/, "Headless Chrome"], [/Chrome\/(\d+)/, "Chrome"],
    [/Version\/(\d+)[\d.]* .*Safari\//, "Safari"], [/^curl\/(\d+)/, "curl"], [/^node-fetch|^undici/, "Node.js"],
  ] as const;
  const systems = [
    [/Android/, "Android"], [/iPhone|iPad|iPod|iOS/, "iOS"], [/Windows/, "Windows"], [/CrOS/, "ChromeOS"],
    [/Mac OS X|Macintosh/, "macOS"], [/Linux|X11/, "Linux"],
  ] as const;
  let browser: string | null = null;
  for (const [re, name] of browsers) {
    const m = re.exec(userAgent);
    if (m) { browser = m[1] ? `${name} ${m[1]}` : name; break; }
  }
  const os = systems.find(([re]) => re.test(userAgent))?.[1] ?? null;
  return { browser, os };
}
