// Figures for the console's chart: payment-mode changes per week and the current who-pays split.
import "server-only";
import { count, eq, gte, sql, sum, type SQL } from "drizzle-orm";
import type { WeekBucket } from "@/lib/audit-chart";
import { effectivePaymentMode, type PaymentMode } from "@/lib/domain";
import { getDatabase } from "./client";

const HOUR = 3_600_000;

/**
 * Successful payment-mode changes per week, split by the new mode, summed from
 * `payment_mode_change_counts` (one row per hour and new mode, kept by a trigger on audit_events,
 * migration 0011): at most 168 rows a week are read, whatever the number of events. `weekStarts`
 * ascending and on whole UTC hours (Zurich's midnights are); a change counts in the last week that
 * began at or before it (lib/audit-chart.ts `bucketByWeek` says the same in JavaScript); changes before
 * the first week, or whose new mode is unreadable, are not counted.
 */
export async function countPaymentModeChangesByWeek(weekStarts: Date[]): Promise<WeekBucket[]> {
  const buckets = weekStarts.map((start) => ({ start, toPartner: 0, toCustomer: 0 }));
  if (weekStarts.length === 0) return buckets;
  const hours = weekStarts.map((start) => {
    const ms = start.getTime();
    if (!Number.isInteger(ms / HOUR)) throw new RangeError(`week start ${start.toISOString()} is not on a whole hour`);
    return ms / HOUR;
  });
  const { db, schema } = getDatabase();
  const c = schema.paymentModeChangeCounts;
  // The latest week first: the first boundary at or before the hour is its week. The week's index is a
  // literal, and the grouping names the columns by position (a second copy of the expression would carry
  // parameters of its own, which PostgreSQL does not take for the same expression).
  const week: SQL<number> = sql`case ${sql.join(hours.map((h, i) => sql`when ${gte(c.hour, h)} then ${sql.raw(String(i))}`).reverse(), sql` `)} end`;
  const rows = await db
    .select({ week, mode: c.paymentMode, n: sum(c.changes) })
    .from(c)
    .where(gte(c.hour, hours[0]!))
    .groupBy(sql.raw("1"), sql.raw("2"));
  for (const r of rows) {
    const bucket = buckets[Number(r.week)];
    if (!bucket) continue;
    if (r.mode === "partner") bucket.toPartner += Number(r.n);
    else if (r.mode === "customer") bucket.toCustomer += Number(r.n);
  }
  return buckets;
}

/**
 * Active partnerships by the mode they effectively have (limited access: the customer pays). Read from
 * partnerships_status_idx (status, payment mode, access) alone, an index-only count.
 */
export async function countActiveByPaymentMode(): Promise<Record<PaymentMode, number>> {
  const { db, schema } = getDatabase();
  const p = schema.partnerships;
  const rows = await db
    .select({ access: p.access, paymentMode: p.paymentMode, n: count() })
    .from(p)
    .where(eq(p.status, "active"))
    .groupBy(p.access, p.paymentMode);
  const split: Record<PaymentMode, number> = { customer: 0, partner: 0 };
  for (const r of rows) split[effectivePaymentMode(r)] += Number(r.n);
  return split;
}
