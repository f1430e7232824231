// The partner's prepaid account: an append-only ledger plus its balance row, which the database keeps >= 0.
import "server-only";
import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, sql, sum, type SQL } from "drizzle-orm";
import { distinctByIndex, newerThan, olderThan, rawRows } from "./keyset";
import type { Currency, PrepaidKind } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import type { Cursor } from "./invoices";

export async function getPrepaidBalance({ orgId }: { orgId: string }): Promise<{ balanceMinor: number; currency: Currency }> {
  const { db, schema } = getDatabase();
  const { prepaidAccounts, organizations } = schema;
  const [row] = await db
    .select({ balanceMinor: prepaidAccounts.balanceMinor, accountCurrency: prepaidAccounts.currency, orgCurrency: organizations.currency })
    .from(organizations)
    .leftJoin(prepaidAccounts, eq(prepaidAccounts.orgId, organizations.id))
    .where(eq(organizations.id, orgId))
    .limit(1);
  return { balanceMinor: row?.balanceMinor ?? 0, currency: row?.accountCurrency ?? row?.orgCurrency ?? "CHF" };
}

/** Where withdrawals go: the partner's payout account (organizations.payout_iban), or null. */
export async function getPayoutIban({ orgId }: { orgId: string }): Promise<string | null> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ iban: schema.organizations.payoutIban }).from(schema.organizations).where(eq(schema.organizations.id, orgId));
  return row?.iban ?? null;
}

export type PrepaidFilter = { partnerOrgId: string; kind?: PrepaidKind; customerOrgId?: string; from?: Date; to?: Date };

function entryConditions(f: PrepaidFilter, cursor?: Cursor): SQL | undefined {
  const e = getDatabase().schema.prepaidEntries;
  return and(
    eq(e.partnerOrgId, f.partnerOrgId),
    f.kind ? eq(e.kind, f.kind) : undefined,
    f.customerOrgId ? eq(e.customerOrgId, f.customerOrgId) : undefined,
    f.from ? gte(e.createdAt, f.from) : undefined,
    f.to ? lt(e.createdAt, f.to) : undefined,
    cursor ? olderThan(e.createdAt, e.id, cursor) : undefined,
  );
}

/**
 * One page of ledger entries, newest first, each with the client, product and order, and the account's
 * balance right after it (over all entries, whatever the filter). `anchor`, the balance right before
 * the cursor's entry (what the previous page ended on, `next.anchor`), spares the sum over every newer
 * entry: without a kind or client filter the page is then one query (see withBalances).
 */
export async function listPrepaidEntries(f: PrepaidFilter & { cursor?: Cursor; limit?: number; anchor?: BalanceAnchor }) {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, orders, products, withdrawals: w, invoices } = schema;
  const customer = aliasedTable(schema.organizations, "customer");
  const limit = f.limit ?? 50;
  const rows = await db
    .select({
      id: e.id, kind: e.kind, amountMinor: e.amountMinor, currency: e.currency, createdAt: e.createdAt, orderId: e.orderId,
      customerOrgId: e.customerOrgId, customerName: customer.name, productLabel: products.label, orderKind: orders.kind,
      invoiceId: e.invoiceId, invoiceNumber: invoices.number,
      withdrawalStatus: w.status, withdrawalPaidAt: w.paidAt, withdrawalIban: w.iban, withdrawalReference: w.reference,
    })
    .from(e)
    .leftJoin(customer, eq(customer.id, e.customerOrgId))
    .leftJoin(orders, eq(orders.id, e.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(w, eq(w.entryId, e.id))
    .leftJoin(invoices, eq(invoices.id, e.invoiceId))
    .where(entryConditions(f, f.cursor))
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  // An anchor counts only for the entry it was taken at: the cursor's.
  const anchor = f.anchor && f.cursor && f.anchor.at.getTime() === f.cursor.at.getTime() && f.anchor.id === f.cursor.id ? f.anchor : undefined;
  const withBalance = await withBalances(f, page, anchor);
  const last = withBalance.at(-1);
  return {
    rows: withBalance,
    next: rows.length > limit && last ? { at: last.createdAt, id: last.id, anchor: anchorAt(last) } : null,
  };
}

/**
 * The balance right before an entry (after every older one), known from a page already read: the next
 * page starts from it instead of summing the newer ledger. An export carries it in its state; the
 * ledger page carries it, signed, in its "next" link (lib/balance-cursor.ts).
 */
export type BalanceAnchor = { at: Date; id: string; balanceBeforeMinor: number };

export const anchorAt = (row: { id: string; createdAt: Date; amountMinor: number; balanceAfterMinor: number }): BalanceAnchor =>
  ({ at: row.createdAt, id: row.id, balanceBeforeMinor: row.balanceAfterMinor - row.amountMinor });

/**
 * The balance right after each row of a page, over the whole ledger whatever the filter. Two parts:
 * - the balance after the page's newest row: the anchor's balance less the entries between the anchor
 *   and the page, or without an anchor the account's balance less everything newer (one statement, one
 *   snapshot; its cost grows with the entries newer than the page);
 * - the ledger between the page's newest and oldest rows, walked back in code.
 * Without a kind or client filter the page itself is that stretch of the ledger (a period only bounds it)
 * and nothing lies between the anchor and the page: neither read is needed, the page is one query.
 */
async function withBalances<T extends { id: string; createdAt: Date; amountMinor: number }>(f: PrepaidFilter, page: T[], anchor?: BalanceAnchor): Promise<(T & { balanceAfterMinor: number })[]> {
  const newest = page[0];
  const oldest = page.at(-1);
  if (!newest || !oldest) return [];
  const contiguous = !f.kind && !f.customerOrgId;
  const partnerOrgId = f.partnerOrgId;
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, prepaidAccounts } = schema;
  const newer = db
    .select({ total: sql`coalesce(sum(${e.amountMinor}), 0)` })
    .from(e)
    .where(and(
      eq(e.partnerOrgId, partnerOrgId),
      newerThan(e.createdAt, e.id, { at: newest.createdAt, id: newest.id }),
      anchor ? olderThan(e.createdAt, e.id, anchor) : undefined,
    ));
  let head: number;
  // Nothing between the anchor and the page: no kind or client filter, and the anchor inside the period.
  if (anchor && contiguous && !(f.to && anchor.at.getTime() >= f.to.getTime())) head = anchor.balanceBeforeMinor;
  else if (anchor) head = anchor.balanceBeforeMinor - Number((await newer)[0]?.total ?? 0);
  else {
    const [row] = await db
      .select({ balance: sql<string | number>`${prepaidAccounts.balanceMinor} - (${newer})` })
      .from(prepaidAccounts)
      .where(eq(prepaidAccounts.orgId, partnerOrgId));
    head = Number(row?.balance ?? 0);
  }
  const span = contiguous || newest === oldest ? [] : await db
    .select({ id: e.id, amountMinor: e.amountMinor })
    .from(e)
    .where(and(
      eq(e.partnerOrgId, partnerOrgId),
      olderThan(e.createdAt, e.id, { at: newest.createdAt, id: newest.id }),
      newerThan(e.createdAt, e.id, { at: oldest.createdAt, id: oldest.id }),
    ))
    .orderBy(desc(e.createdAt), desc(e.id));
  // Walk from the newest row back: record each entry's balance-after, then undo its amount.
  const ledger = contiguous ? page : newest === oldest ? [newest] : [newest, ...span, oldest];
  const after = new Map<string, number>();
  let balance = head;
  for (const entry of ledger) {
    after.set(entry.id, balance);
    balance -= entry.amountMinor;
  }
  return page.map((r) => ({ ...r, balanceAfterMinor: after.get(r.id) ?? 0 }));
}

export type PrepaidEntryRow = Awaited<ReturnType<typeof listPrepaidEntries>>["rows"][number];

/** The clients that appear in the ledger, for the filter: a loose scan of prepaid_entries_customer_idx, one probe per client. */
export async function listPrepaidClients({ partnerOrgId, limit = 500 }: { partnerOrgId: string; limit?: number }) {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, organizations } = schema;
  const ids = await rawRows<{ value: string }>(distinctByIndex({ table: e, scope: { column: e.partnerOrgId, value: partnerOrgId }, column: e.customerOrgId, limit }));
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids.map((r) => r.value)))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export type WithdrawalOutcome =
  | { kind: "withdrawn"; balanceMinor: number; currency: Currency; entryId: string; withdrawalId: string; reference: string; iban: string }
  | { kind: "insufficient"; balanceMinor: number; currency: Currency }
  | { kind: "no_account" };

type WithdrawalArgs = { partnerOrgId: string; amountMinor: number; actor: { userId: string; orgId: string }; meta: RequestMeta; at?: Date };

/** The reference a withdrawal's bank transfer carries as its end-to-end id (35 characters at most). */
export const withdrawalReference = (withdrawalId: string) => `PMW-${withdrawalId.replace(/-/g, "").slice(0, 20).toUpperCase()}`;

export async function withdraw(args: WithdrawalArgs): Promise<WithdrawalOutcome> {
  return getDatabase().transaction((tx) => withdrawInTx(tx, args));
}

/**
 * Requests a withdrawal to the partner's payout account. Debits the account if, and only if, the balance
 * covers the amount: one conditional update, so two concurrent requests can never both spend the same
 * money (and the CHECK constraint backs it up). The ledger gets its (append-only) debit entry and the
 * withdrawal row beside it carries the destination, as it is now, and the status: requested, until the
 * bank's debit notification marks it paid (markWithdrawalPaid).
 */
export async function withdrawInTx(tx: Tx, args: WithdrawalArgs): Promise<WithdrawalOutcome> {
  const { partnerOrgId, amountMinor, actor, meta, at = new Date() } = args;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RangeError("a withdrawal is a positive integer of minor units");
  const { prepaidAccounts, prepaidEntries, withdrawals, organizations } = getDatabase().schema;
  const [org] = await tx.select({ iban: organizations.payoutIban }).from(organizations).where(eq(organizations.id, partnerOrgId));
  if (!org?.iban) return { kind: "no_account" };
  const [debited] = await tx
    .update(prepaidAccounts)
    .set({ balanceMinor: sql`${prepaidAccounts.balanceMinor} - ${amountMinor}`, updatedAt: at })
    .where(and(eq(prepaidAccounts.orgId, partnerOrgId), gte(prepaidAccounts.balanceMinor, amountMinor)))
    .returning({ balanceMinor: prepaidAccounts.balanceMinor, currency: prepaidAccounts.currency });
  if (!debited) {
    const [row] = await tx.select({ b: prepaidAccounts.balanceMinor, c: prepaidAccounts.currency }).from(prepaidAccounts).where(eq(prepaidAccounts.orgId, partnerOrgId));
    const { currency } = row ? { currency: row.c } : await getPrepaidBalance({ orgId: partnerOrgId });
    return { kind: "insufficient", balanceMinor: row?.b ?? 0, currency } as const;
  }
  const entryId = newId();
  const withdrawalId = newId();
  const reference = withdrawalReference(withdrawalId);
  await tx.insert(prepaidEntries).values({
    id: entryId, partnerOrgId, kind: "withdrawal", amountMinor: -amountMinor, currency: debited.currency, orderId: null, customerOrgId: null, createdAt: at,
  });
  await tx.insert(withdrawals).values({
    id: withdrawalId, partnerOrgId, entryId, amountMinor, currency: debited.currency, iban: org.iban, reference, status: "requested",
    requestedByUserId: actor.userId, requestedAt: at,
  });
  await insertAuditEvent(tx, {
    kind: "prepaid.withdrawal", outcome: "ok", actorUserId: actor.userId, actorOrgId: actor.orgId, partnerOrgId,
    before: { balanceMinor: debited.balanceMinor + amountMinor },
    after: { balanceMinor: debited.balanceMinor, amountMinor, entryId, withdrawalId, reference, currency: debited.currency, status: "requested" },
    meta, at,
  });
  return { kind: "withdrawn", balanceMinor: debited.balanceMinor, currency: debited.currency, entryId, withdrawalId, reference, iban: org.iban } as const;
}

/**
 * The bank has paid a withdrawal out (its debit notification names the reference): requested → paid,
 * once. Returns the withdrawal when this call marked it, null when it is unknown or already paid.
 */
export async function markWithdrawalPaid(tx: Tx, { reference, amountMinor, paidAt, meta }: { reference: string; amountMinor: number; paidAt: Date; meta: RequestMeta }) {
  const { withdrawals } = getDatabase().schema;
  const [w] = await tx.update(withdrawals).set({ status: "paid", paidAt })
    .where(and(eq(withdrawals.reference, reference), eq(withdrawals.status, "requested"), eq(withdrawals.amountMinor, amountMinor)))
    .returning();
  if (!w) return null;
  await insertAuditEvent(tx, {
    kind: "prepaid.withdrawal_paid", outcome: "ok", actorUserId: null, actorOrgId: null, partnerOrgId: w.partnerOrgId,
    before: { withdrawalId: w.id, status: "requested" }, after: { withdrawalId: w.id, status: "paid", reference, amountMinor, currency: w.currency },
    meta, at: paidAt,
  });
  return w;
}

/** Sum of the ledger: equals the balance row, always (the contract suite checks it). */
export async function ledgerSum({ partnerOrgId }: { partnerOrgId: string }): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ s: sum(schema.prepaidEntries.amountMinor) }).from(schema.prepaidEntries).where(eq(schema.prepaidEntries.partnerOrgId, partnerOrgId));
  return Number(row?.s ?? 0);
}
