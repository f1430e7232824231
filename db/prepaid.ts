// The partner's prepaid account: an append-only ledger plus its balance row, which the database keeps >= 0.
import "server-only";
import { aliasedTable, and, desc, eq, gte, inArray, lt, or, sql, sum, type SQL } from "drizzle-orm";
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

export type PrepaidFilter = { partnerOrgId: string; kind?: PrepaidKind; customerOrgId?: string; from?: Date; to?: Date };

function entryConditions(f: PrepaidFilter, cursor?: Cursor): SQL | undefined {
  const e = getDatabase().schema.prepaidEntries;
  return and(
    eq(e.partnerOrgId, f.partnerOrgId),
    f.kind ? eq(e.kind, f.kind) : undefined,
    f.customerOrgId ? eq(e.customerOrgId, f.customerOrgId) : undefined,
    f.from ? gte(e.createdAt, f.from) : undefined,
    f.to ? lt(e.createdAt, f.to) : undefined,
    cursor ? or(lt(e.createdAt, cursor.at), and(eq(e.createdAt, cursor.at), lt(e.id, cursor.id))) : undefined,
  );
}

/**
 * One page of ledger entries, newest first, each with the client, product and order, and the account's
 * balance right after it (over all entries, whatever the filter), computed for the page in one query.
 */
export async function listPrepaidEntries(f: PrepaidFilter & { cursor?: Cursor; limit?: number }) {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, orders, products } = schema;
  const customer = aliasedTable(schema.organizations, "customer");
  const limit = f.limit ?? 50;
  const rows = await db
    .select({
      id: e.id, kind: e.kind, amountMinor: e.amountMinor, currency: e.currency, createdAt: e.createdAt, orderId: e.orderId,
      customerOrgId: e.customerOrgId, customerName: customer.name, productLabel: products.label, orderKind: orders.kind,
    })
    .from(e)
    .leftJoin(customer, eq(customer.id, e.customerOrgId))
    .leftJoin(orders, eq(orders.id, e.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .where(entryConditions(f, f.cursor))
    .orderBy(desc(e.createdAt), desc(e.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: await withBalances(f.partnerOrgId, page), next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

// Correlated sum over the index (partner_org_id, created_at, id): the ledger up to and including each row.
// Written out with explicit table names: drizzle leaves columns unqualified in a one-table select.
const BALANCE_AFTER = sql.raw(`(select coalesce(sum(earlier.amount_minor), 0) from prepaid_entries earlier
  where earlier.partner_org_id = prepaid_entries.partner_org_id
    and (earlier.created_at < prepaid_entries.created_at
      or (earlier.created_at = prepaid_entries.created_at and earlier.id <= prepaid_entries.id)))`);

async function withBalances<T extends { id: string }>(partnerOrgId: string, page: T[]): Promise<(T & { balanceAfterMinor: number })[]> {
  if (page.length === 0) return [];
  const { db, schema } = getDatabase();
  const e = schema.prepaidEntries;
  const balances = await db
    .select({ id: e.id, balance: sql<string | number>`${BALANCE_AFTER}` })
    .from(e)
    .where(and(eq(e.partnerOrgId, partnerOrgId), inArray(e.id, page.map((r) => r.id))));
  const byId = new Map(balances.map((b) => [b.id, Number(b.balance)]));
  return page.map((r) => ({ ...r, balanceAfterMinor: byId.get(r.id) ?? 0 }));
}

export type PrepaidEntryRow = Awaited<ReturnType<typeof listPrepaidEntries>>["rows"][number];

/** The clients that appear in the ledger, for the filter. */
export async function listPrepaidClients({ partnerOrgId }: { partnerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { prepaidEntries: e, organizations } = schema;
  return db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(e)
    .innerJoin(organizations, eq(organizations.id, e.customerOrgId))
    .where(eq(e.partnerOrgId, partnerOrgId))
    .orderBy(organizations.name)
    .limit(500);
}

export type WithdrawalOutcome =
  | { kind: "withdrawn"; balanceMinor: number; currency: Currency; entryId: string }
  | { kind: "insufficient"; balanceMinor: number; currency: Currency };

/**
 * Debits the account if, and only if, the balance covers the amount: one conditional update, so two
 * concurrent requests can never both spend the same money (and the CHECK constraint backs it up).
 */
type WithdrawalArgs = { partnerOrgId: string; amountMinor: number; actor: { userId: string; orgId: string }; meta: RequestMeta; at?: Date };

export async function withdraw(args: WithdrawalArgs): Promise<WithdrawalOutcome> {
  return getDatabase().transaction((tx) => withdrawInTx(tx, args));
}

export async function withdrawInTx(tx: Tx, args: WithdrawalArgs): Promise<WithdrawalOutcome> {
  const { partnerOrgId, amountMinor, actor, meta, at = new Date() } = args;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new RangeError("a withdrawal is a positive integer of minor units");
  const { prepaidAccounts, prepaidEntries } = getDatabase().schema;
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
  await tx.insert(prepaidEntries).values({
    id: entryId, partnerOrgId, kind: "withdrawal", amountMinor: -amountMinor, currency: debited.currency, orderId: null, customerOrgId: null, createdAt: at,
  });
  await insertAuditEvent(tx, {
    kind: "prepaid.withdrawal", outcome: "ok", actorUserId: actor.userId, actorOrgId: actor.orgId, partnerOrgId,
    before: { balanceMinor: debited.balanceMinor + amountMinor }, after: { balanceMinor: debited.balanceMinor, amountMinor, entryId, currency: debited.currency },
    meta, at,
  });
  return { kind: "withdrawn", balanceMinor: debited.balanceMinor, currency: debited.currency, entryId } as const;
}

/** Sum of the ledger: equals the balance row, always (the contract suite checks it). */
export async function ledgerSum({ partnerOrgId }: { partnerOrgId: string }): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ s: sum(schema.prepaidEntries.amountMinor) }).from(schema.prepaidEntries).where(eq(schema.prepaidEntries.partnerOrgId, partnerOrgId));
  return Number(row?.s ?? 0);
}
