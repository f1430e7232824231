// The partner's prepaid account: an append-only ledger plus its balance row, which the database keeps >= 0.
import "server-only";
import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, sql, sum, type SQL } from "drizzle-orm";
import { distinctByIndex, olderThan, rawRows } from "./keyset";
import { INT32_MAX, type Currency, type PrepaidKind } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Schema, type Tx } from "./client";
import type { Cursor } from "./invoices";
import { readerPages, readSelect, type RawReader } from "./raw-read";

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
 * balance right after it (over all entries, whatever the filter): the stored balance_after_minor, so
 * the page is one keyset query whatever its depth, cursor or filter (nothing sums the ledger).
 */
export async function listPrepaidEntries(f: PrepaidFilter & { cursor?: Cursor; limit?: number }, { reader }: { reader?: RawReader } = {}) {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, orders, products, withdrawals: w, invoices } = schema;
  const customer = aliasedTable(schema.organizations, "customer");
  const limit = f.limit ?? 50;
  const fields = {
    id: e.id, kind: e.kind, amountMinor: e.amountMinor, currency: e.currency, createdAt: e.createdAt, orderId: e.orderId,
    balanceAfterMinor: e.balanceAfterMinor,
    customerOrgId: e.customerOrgId, customerName: customer.name, productLabel: products.label, orderKind: orders.kind,
    invoiceId: e.invoiceId, invoiceNumber: invoices.number,
    withdrawalStatus: w.status, withdrawalPaidAt: w.paidAt, withdrawalIban: w.iban, withdrawalReference: w.reference,
  };
  const query = db
    .select(fields)
    .from(e)
    .leftJoin(customer, eq(customer.id, e.customerOrgId))
    .leftJoin(orders, eq(orders.id, e.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(w, eq(w.entryId, e.id))
    .leftJoin(invoices, eq(invoices.id, e.invoiceId))
    .where(entryConditions(f, f.cursor))
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(limit + 1);
  const rows = reader ? await readSelect(reader, query, fields) : await query;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

export type PrepaidEntryRow = Awaited<ReturnType<typeof listPrepaidEntries>>["rows"][number];

/** Every entry the filter selects, `pageSize` per query, in the ledger's order, read as allInvoicesForExport reads. */
export function allPrepaidEntriesForExport(f: PrepaidFilter, { pageSize }: { pageSize: number }): AsyncGenerator<PrepaidEntryRow[]> {
  return readerPages((cursor: Cursor | undefined, reader) => listPrepaidEntries({ ...f, cursor, limit: pageSize }, { reader }));
}

type NewLedgerEntry = Omit<Schema["prepaidEntries"]["$inferInsert"], "createdAt" | "balanceAfterMinor">;

/**
 * Appends an entry to a partner's ledger with its balance-after. The caller has just moved the
 * partner's prepaid_accounts row in this transaction (UPDATE … RETURNING, or the upsert's), which
 * locks that row until commit, and passes the balance that statement returned: the balance right
 * after this entry.
 *
 * Ledger order is (created_at, id), and a stored balance is only right if no entry can later land
 * before an entry already written. `at` is taken by the caller before it waits for the lock (and on
 * SQLite before its transaction's turn), so two concurrent writers could commit in one order with
 * times in the other. Hence the entry's time is stamped here, under the lock: `at`, unless the
 * partner's newest entry is at or after it, then 1 ms after that entry. Every writer of a partner's
 * entries holds that row lock (PostgreSQL, READ COMMITTED: this statement's snapshot sees the entry of
 * the transaction that held the lock before; SQLite: one writer at a time), so each new entry is the
 * newest in ledger order and its balance is the one the lock holder computed.
 * Returns the time the entry was stamped with (the same as `at` except under that contention).
 */
export async function appendLedgerEntry(tx: Tx, entry: NewLedgerEntry, { at, balanceAfterMinor }: { at: Date; balanceAfterMinor: number }): Promise<Date> {
  const { prepaidEntries: e } = getDatabase().schema;
  const [newest] = await tx.select({ at: e.createdAt }).from(e)
    .where(eq(e.partnerOrgId, entry.partnerOrgId))
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(1);
  const createdAt = newest && newest.at.getTime() >= at.getTime() ? new Date(newest.at.getTime() + 1) : at;
  await tx.insert(e).values({ ...entry, createdAt, balanceAfterMinor });
  return createdAt;
}

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
  const { prepaidAccounts, withdrawals, organizations } = getDatabase().schema;
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
  await appendLedgerEntry(tx, {
    id: entryId, partnerOrgId, kind: "withdrawal", amountMinor: -amountMinor, currency: debited.currency, orderId: null, customerOrgId: null,
  }, { at, balanceAfterMinor: debited.balanceMinor });
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
  // A withdrawal's amount is a 32-bit integer column: a larger one (a bank may report any amount) names
  // none, and PostgreSQL would refuse the comparison with the parameter outright.
  if (amountMinor > INT32_MAX) return null;
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
