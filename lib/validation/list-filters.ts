// Filters of the Invoices and Prepaid account lists, read from the URL. A malformed value is ignored
// (the list shows unfiltered on that criterion), never an error page.
import { zurichDayStart } from "../billing/period";
import type { InvoiceStatus, PrepaidKind } from "../domain";
import { decodeCursor, type KeysetCursor } from "../pagination";

type Params = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const isoDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);
const id = (v: string | undefined) => (v && /^[A-Za-z0-9-]{1,64}$/.test(v) ? v : undefined);

export type PeriodFilter = { from?: string; to?: string; fromAt?: Date; toBefore?: Date };

/** `from` and `to` are inclusive Zurich calendar days. */
function period(params: Params): PeriodFilter {
  const from = isoDate(one(params.from));
  const to = isoDate(one(params.to));
  const nextDay = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined;
  return { from, to, fromAt: from ? zurichDayStart(from) : undefined, toBefore: nextDay ? zurichDayStart(nextDay) : undefined };
}

export type InvoiceListFilter = PeriodFilter & { status?: InvoiceStatus | "overdue"; client?: string; cursor?: KeysetCursor };

export function parseInvoiceFilter(params: Params): InvoiceListFilter {
  const status = one(params.status);
  return {
    ...period(params),
    status: status === "paid" || status === "unpaid" || status === "overdue" ? status : undefined,
    client: id(one(params.client)),
    cursor: decodeCursor(one(params.after)),
  };
}

export type PrepaidListFilter = PeriodFilter & { kind?: PrepaidKind; client?: string; cursor?: KeysetCursor };

export function parsePrepaidFilter(params: Params): PrepaidListFilter {
  const kind = one(params.kind);
  return {
    ...period(params),
    kind: kind === "cashback" || kind === "withdrawal" || kind === "invoice_payment" ? kind : undefined,
    client: id(one(params.client)),
    cursor: decodeCursor(one(params.after)),
  };
}

/** The filter as query string entries, for links (next page, CSV export) that keep it. */
export function filterQuery(f: { status?: string; kind?: string; client?: string; from?: string; to?: string }, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ status: f.status, kind: f.kind, client: f.client, from: f.from, to: f.to, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
