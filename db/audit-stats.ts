// Figures for the console's chart: payment-mode changes per week and the current who-pays split.
import "server-only";
import { and, count, eq, gte, sql, type SQL } from "drizzle-orm";
import type { WeekBucket } from "@/lib/audit-chart";
import { effectivePaymentMode, type PaymentMode } from "@/lib/domain";
import { getDatabase } from "./client";

/**
 * Successful payment-mode changes per week, split by the new mode, counted by the database (GROUP BY
 * week and mode: a dozen rows travel, not every change of the period). `weekStarts` ascending; a change
 * counts in the last week that began at or before it (lib/audit-chart.ts `bucketByWeek` says the same in
 * JavaScript); changes before the first week, or whose new mode is unreadable, are not counted.
 */
export async function countPaymentModeChangesByWeek(weekStarts: Date[]): Promise<WeekBucket[]> {
  const buckets = weekStarts.map((start) => ({ start, toPartner: 0, toCustomer: 0 }));
  if (weekStarts.length === 0) return buckets;
  const { db, dialect, schema } = getDatabase();
  const a = schema.auditEvents;
  // The latest week first: the first boundary at or before the event is its week. gte() binds each
  // start the way the column stores it (milliseconds in SQLite, timestamptz in PostgreSQL); the week's
  // index is a literal, and the grouping names the columns by position (a second copy of the expression
  // would carry parameters of its own, which PostgreSQL does not take for the same expression).
  const week: SQL<number> = sql`case ${sql.join(weekStarts.map((start, i) => sql`when ${gte(a.createdAt, start)} then ${sql.raw(String(i))}`).reverse(), sql` `)} end`;
  const mode: SQL<string | null> = dialect === "postgres" ? sql`(${a.after} ->> 'paymentMode')` : sql`json_extract(${a.after}, '$.paymentMode')`;
  const rows = await db
    .select({ week, mode, n: count() })
    .from(a)
    .where(and(eq(a.kind, "payment_mode.changed"), gte(a.createdAt, weekStarts[0]!), eq(a.outcome, "ok")))
    .groupBy(sql.raw("1"), sql.raw("2"));
  for (const r of rows) {
    const bucket = buckets[Number(r.week)];
    if (!bucket) continue;
    if (r.mode === "partner") bucket.toPartner += Number(r.n);
    else if (r.mode === "customer") bucket.toCustomer += Number(r.n);
  }
  return buckets;
}

/** Active partnerships by the mode they effectively have (limited access: the customer pays). */
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
