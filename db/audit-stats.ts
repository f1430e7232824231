// Figures for the console's chart: payment-mode changes per week and the current who-pays split.
import "server-only";
import { and, count, eq, gte } from "drizzle-orm";
import { effectivePaymentMode, type PaymentMode } from "@/lib/domain";
import { getDatabase } from "./client";

/** Successful payment-mode changes since `from` (kind index), as (time, new mode) pairs. */
export async function listPaymentModeChangesSince({ from }: { from: Date }): Promise<{ at: Date; to: PaymentMode | null }[]> {
  const { db, schema } = getDatabase();
  const a = schema.auditEvents;
  const rows = await db
    .select({ at: a.createdAt, after: a.after })
    .from(a)
    .where(and(eq(a.kind, "payment_mode.changed"), gte(a.createdAt, from), eq(a.outcome, "ok")))
    .limit(50_000);
  return rows.map((r) => {
    const to = r.after?.paymentMode;
    return { at: r.at, to: to === "customer" || to === "partner" ? to : null };
  });
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
