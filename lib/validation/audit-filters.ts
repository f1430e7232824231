// The auditor's console filters, read from the URL. Anyone can type a URL, so every value is checked
// on its own: a bad one is dropped and named back to the user, the rest still apply, nothing throws.
import "./zod-setup";
import { z } from "zod";
import { parseIsoDate, zurichDayStart } from "../audit-period";
import { ACCESS_LEVELS, AUDIT_KINDS, PAYMENT_MODES } from "../domain";
import { isWellFormedId } from "../ids";

export type SearchParams = Record<string, string | string[] | undefined>;

const id = z.string().trim().refine(isWellFormedId);
const PARTNERSHIP_STATUSES = ["pending", "active", "ended", "refused", "deleted"] as const;
const OUTBOX_STATES = ["pending", "sent", "failed"] as const;

/**
 * One filter field: its URL name and how to read it. A value that fails is named back by its URL name
 * ("customer", "from", "to", "period" when from is after to, "after" for the page), which the filter
 * form turns into the field's label in the reader's language.
 */
const FIELDS = {
  customer: { schema: id },
  partner: { schema: id },
  org: { schema: id },
  actor: { schema: id },
  access: { schema: z.enum(ACCESS_LEVELS) },
  mode: { schema: z.enum(PAYMENT_MODES) },
  status: { schema: z.enum(PARTNERSHIP_STATUSES) },
  kind: { schema: z.enum(AUDIT_KINDS) },
  outcome: { schema: z.enum(["ok", "refused"]) },
  state: { schema: z.enum(OUTBOX_STATES) },
} as const;

type FieldName = keyof typeof FIELDS;
type Values<K extends FieldName> = { [P in K]?: z.output<(typeof FIELDS)[P]["schema"]> };

export type Period = { from?: Date; to?: Date; fromText?: string; toText?: string };
export type Cursor = { at: Date; id: string };
export type Parsed<K extends FieldName> = { values: Values<K>; period: Period; cursor: Cursor | null; ignored: string[] };

/** The first value of a query parameter, trimmed; empty means absent. */
export function param(params: SearchParams, key: string): string | undefined {
  const raw = params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, 200) : undefined;
}

export function encodeCursor(c: Cursor): string {
  return `${c.at.getTime()}_${c.id}`;
}

export function parseCursor(value: string | undefined): Cursor | null {
  const m = value ? /^(\d{1,15})_([\w-]{1,64})$/.exec(value) : null;
  return m ? { at: new Date(Number(m[1])), id: m[2]! } : null;
}

function parse<K extends FieldName>(params: SearchParams, keys: readonly K[], withPeriod: boolean): Parsed<K> {
  const values: Values<K> = {};
  const ignored: string[] = [];
  for (const key of keys) {
    const raw = param(params, key);
    if (raw === undefined) continue;
    const r = FIELDS[key].schema.safeParse(raw);
    if (r.success) (values as Record<string, unknown>)[key] = r.data;
    else ignored.push(key);
  }
  const period: Period = {};
  if (withPeriod) {
    for (const key of ["from", "to"] as const) {
      const raw = param(params, key);
      if (raw === undefined) continue;
      const date = parseIsoDate(raw);
      if (!date) { ignored.push(key); continue; }
      // "To" is inclusive: the period ends at the start of the next day.
      const start = zurichDayStart(key === "to" ? { ...date, d: date.d + 1 } : date);
      if (key === "from") { period.from = start; period.fromText = raw; } else { period.to = start; period.toText = raw; }
    }
    if (period.from && period.to && period.from >= period.to) {
      ignored.push("period");
      delete period.from; delete period.to; delete period.fromText; delete period.toText;
    }
  }
  const after = param(params, "after");
  const cursor = parseCursor(after);
  if (after && !cursor) ignored.push("after");
  return { values, period, cursor, ignored };
}

export const PARTNERSHIP_FILTERS = ["customer", "partner", "access", "mode", "status"] as const;
export const EVENT_FILTERS = ["org", "partner", "actor", "kind", "outcome"] as const;

export const parsePartnershipFilters = (p: SearchParams) => parse(p, PARTNERSHIP_FILTERS, true);
export const parseEventFilters = (p: SearchParams) => parse(p, EVENT_FILTERS, true);
export const parseNotificationFilters = (p: SearchParams) => parse(p, ["state"] as const, false);

export type PartnershipFilters = ReturnType<typeof parsePartnershipFilters>;
export type EventFilters = ReturnType<typeof parseEventFilters>;
export type NotificationFilters = ReturnType<typeof parseNotificationFilters>;

/** The query string of the filters in force (not the page), for "next page" and export links. */
export function filterQuery(parsed: Parsed<FieldName>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(parsed.values)) if (typeof v === "string") q.set(k, v);
  if (parsed.period.fromText) q.set("from", parsed.period.fromText);
  if (parsed.period.toText) q.set("to", parsed.period.toText);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
