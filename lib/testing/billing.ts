// Test helpers for the billing contract suites: demo products by label, counts, and who acts.
import { and, count, eq, like, sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import type { OrderActor } from "@/db/orders";
import { appendLedgerEntry } from "@/db/prepaid";
import { newId } from "@/lib/ids";

export const META = { requestId: "req-billing", ip: "198.51.100.4", userAgent: "billing-test/1.0" };

export async function productByLabel(orgId: string, labelStart: string) {
  const { db, schema } = getDatabase();
  const [row] = await db.select().from(schema.products)
    .where(and(eq(schema.products.orgId, orgId), like(schema.products.label, `${labelStart}%`)));
  if (!row) throw new Error(`No product ${labelStart} in ${orgId}`);
  return row;
}

export async function counts() {
  const { db, schema } = getDatabase();
  const n = async (table: typeof schema.orders | typeof schema.invoices | typeof schema.invoiceLines | typeof schema.prepaidEntries) => {
    const [row] = await db.select({ n: count() }).from(table);
    return Number(row?.n ?? 0);
  };
  return { orders: await n(schema.orders), invoices: await n(schema.invoices), lines: await n(schema.invoiceLines), entries: await n(schema.prepaidEntries) };
}

export async function invoicesOf(orgId: string) {
  const { db, schema } = getDatabase();
  const rows = await db.select().from(schema.invoices).where(eq(schema.invoices.orgId, orgId));
  const lines = await db.select().from(schema.invoiceLines);
  return rows
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({ ...r, lines: lines.filter((l) => l.invoiceId === r.id).sort((a, b) => a.position - b.position) }));
}

export async function balanceOf(orgId: string): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ b: schema.prepaidAccounts.balanceMinor }).from(schema.prepaidAccounts).where(eq(schema.prepaidAccounts.orgId, orgId));
  return row?.b ?? 0;
}

export const customerActor = (userId: string, orgId: string): OrderActor => ({ kind: "user", userId, orgId, side: "customer" });
export const partnerActor = (userId: string, orgId: string): OrderActor => ({ kind: "user", userId, orgId, side: "partner" });

/** A calendar date relative to today (UTC); tests keep a margin of a day or more around Zurich's midnight. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Tops a partner's prepaid account up with a cashback entry (no order), balance and ledger together. */
export async function creditPrepaid(partnerOrgId: string, amountMinor: number): Promise<void> {
  const { transaction, schema } = getDatabase();
  const { prepaidAccounts } = schema;
  await transaction(async (tx) => {
    const [account] = await tx.insert(prepaidAccounts).values({ orgId: partnerOrgId, currency: "CHF", balanceMinor: amountMinor, updatedAt: new Date() })
      .onConflictDoUpdate({ target: prepaidAccounts.orgId, set: { balanceMinor: sql`${prepaidAccounts.balanceMinor} + ${amountMinor}` } })
      .returning({ balanceMinor: prepaidAccounts.balanceMinor });
    await appendLedgerEntry(tx, { id: newId(), partnerOrgId, kind: "cashback", amountMinor, currency: "CHF" }, { at: new Date(), balanceAfterMinor: account!.balanceMinor });
  });
}
