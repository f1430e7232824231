// The prepaid ledger's stored balance (prepaid_entries.balance_after_minor, migration 0010), on SQLite
// always and on PostgreSQL when TEST_DATABASE_URL is set: every insert path writes the running sum of
// the ledger in ledger order (created_at, id), also when the given times go backwards and when writers
// for one partner run concurrently; and the migration's backfill gives the figures the pages computed
// before it (the account's balance less every newer entry), with the append-only triggers back after.
// A balance past a 32-bit integer (PostgreSQL's columns are bigint since migration 0013) reads back exactly
// through every path: the balance, the ledger page, the export's raw reader, the ledger's sum.
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOffer } from "@/lib/catalogue";
import { INT32_MAX } from "@/lib/domain";
import { creditPrepaid, META, partnerActor } from "@/lib/testing/billing";
import { createBlankTestDatabase, enginesUnderTest, migrateUpTo, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { getDatabase, type Database } from "./client";
import { payInvoiceFromPrepaid } from "./invoice-payments";
import { placeOrder } from "./orders";
import { allPrepaidEntriesForExport, getPrepaidBalance, ledgerSum, listPrepaidEntries, withdraw } from "./prepaid";
import { seedDemoData } from "./seed";

/** The partner's ledger in ledger order, and whether each stored balance is the running sum up to it. */
async function ledgerOf(partnerOrgId: string) {
  const { db, schema } = getDatabase();
  const e = schema.prepaidEntries;
  const rows = await db.select({ id: e.id, kind: e.kind, createdAt: e.createdAt, amountMinor: e.amountMinor, balanceAfterMinor: e.balanceAfterMinor })
    .from(e).where(eq(e.partnerOrgId, partnerOrgId)).orderBy(asc(e.createdAt), asc(e.id));
  let running = 0;
  return { rows, running: rows.map((r) => (running += r.amountMinor)) };
}

async function expectConsistent(partnerOrgId: string) {
  const { db, schema } = getDatabase();
  const { rows, running } = await ledgerOf(partnerOrgId);
  expect(rows.map((r) => r.balanceAfterMinor)).toEqual(running);
  const [account] = await db.select().from(schema.prepaidAccounts).where(eq(schema.prepaidAccounts.orgId, partnerOrgId));
  expect(rows.at(-1)?.balanceAfterMinor).toBe(account!.balanceMinor);
  expect(await ledgerSum({ partnerOrgId })).toBe(account!.balanceMinor);
  return rows;
}

describe.each(enginesUnderTest())("the stored balance of each prepaid entry on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string, helvetia: string, matterhorn: string, marc: string;
  let n = 0;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [alpine, helvetia, matterhorn] = await Promise.all(["Alpine Web Studio", "Helvetia Bakery SA", "Matterhorn Sports AG"].map(orgId)) as [string, string, string];
    marc = await userId("marc@alpine-web.test");
  });
  afterAll(async () => { await t.dispose(); });

  const order = async (customerOrgId: string, at?: Date) => {
    const outcome = await placeOrder({
      request: { kind: "new", customerOrgId, offer: findOffer("domain-com")!, label: `ledger-${engine}-${++n}.com` },
      actor: partnerActor(marc, alpine), meta: META, at,
    });
    if (outcome.kind !== "placed") throw new Error(`order refused: ${outcome.reason}`);
    return outcome;
  };
  const withdrawal = async (amountMinor: number, at?: Date) => {
    const outcome = await withdraw({ partnerOrgId: alpine, amountMinor, actor: { userId: marc, orgId: alpine }, meta: META, at });
    if (outcome.kind !== "withdrawn") throw new Error(`withdrawal refused: ${outcome.kind}`);
    return outcome;
  };

  it("is the running sum after the demo's history and after mixed inserts: cashback, invoice payment, withdrawal, top-up", async () => {
    await expectConsistent(alpine);
    const before = (await ledgerOf(alpine)).rows.length;
    await creditPrepaid(alpine, 50_000);
    const cashback = await order(helvetia); // customer pays: Alpine earns cashback
    expect(cashback.plan.cashback?.partnerOrgId).toBe(alpine);
    const invoice = await order(matterhorn); // partner pays: an invoice to Alpine
    const paid = await payInvoiceFromPrepaid({ invoiceId: invoice.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META });
    expect(paid.kind).toBe("paid");
    const out = await withdrawal(1_234);
    const rows = await expectConsistent(alpine);
    const added = rows.slice(before);
    expect(added.map((r) => r.kind)).toEqual(["cashback", "cashback", "invoice_payment", "withdrawal"]);
    // Each entry's balance is what the operation reported as the account's new balance.
    expect(added[2]!.balanceAfterMinor).toBe(paid.kind === "paid" ? paid.balanceMinor : NaN);
    expect(added[3]!.balanceAfterMinor).toBe(out.balanceMinor);
  });

  it("keeps ledger order and balance together when a writer's time is earlier than the newest entry's", async () => {
    const now = Date.now();
    const later = await withdrawal(100, new Date(now + 60_000));
    const earlier = await withdrawal(200, new Date(now)); // taken before the first, written after it
    const rows = await expectConsistent(alpine);
    const [a, b] = [rows.find((r) => r.id === later.entryId)!, rows.find((r) => r.id === earlier.entryId)!];
    expect(b.createdAt.getTime()).toBe(a.createdAt.getTime() + 1); // stamped right after the newest
    expect(rows.at(-1)!.id).toBe(earlier.entryId);
    const same = await withdrawal(300, new Date(b.createdAt.getTime())); // the same millisecond as the newest
    expect((await expectConsistent(alpine)).at(-1)!.id).toBe(same.entryId);
  });

  it("stays consistent under concurrent writers for one partner, their times in any order", async () => {
    const base = Date.now() + 120_000;
    const offsets = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4, 11, 10];
    const before = (await ledgerOf(alpine)).rows.length;
    const outcomes = await Promise.all(offsets.map((k, i) => (i % 3 === 2
      ? order(helvetia, new Date(base + k * 1_000)) // cashback
      : withdrawal(10 + k, new Date(base + k * 1_000)))));
    expect(outcomes).toHaveLength(offsets.length);
    const rows = await expectConsistent(alpine);
    expect(rows.length - before).toBe(offsets.length);
    const times = rows.map((r) => r.createdAt.getTime());
    expect(new Set(times).size).toBe(times.length); // no two entries share a time: the order is the times' order
  });

  it("books cashback past 2^31 - 1 through an order and reads the balance and each entry's balance back exactly", async () => {
    // Past 2^31 - 1 minor units (CHF 21,474,836.47) every cashback-earning order failed on PostgreSQL
    // ("integer out of range") while the two balance columns were 32-bit (migration 0013 makes them bigint).
    const balance = async () => (await getPrepaidBalance({ orgId: alpine })).balanceMinor;
    const newestEntry = async () => (await listPrepaidEntries({ partnerOrgId: alpine, limit: 1 })).rows[0]!;
    // Just below the limit: the next cashback crosses it.
    await creditPrepaid(alpine, INT32_MAX - 1 - (await balance()));
    expect(await balance()).toBe(INT32_MAX - 1);

    const first = await order(helvetia); // customer pays: Alpine earns cashback
    const cashback = first.plan.cashback!;
    expect(cashback.partnerOrgId).toBe(alpine);
    expect(cashback.amountMinor).toBeGreaterThan(1);
    const crossed = INT32_MAX - 1 + cashback.amountMinor;
    expect(await balance()).toBe(crossed);
    expect(await newestEntry()).toMatchObject({ kind: "cashback", orderId: first.orderId, amountMinor: cashback.amountMinor, balanceAfterMinor: crossed });

    // Beyond 2^32 too, then every path that moves the balance: cashback, invoice payment, withdrawal.
    await creditPrepaid(alpine, INT32_MAX);
    await creditPrepaid(alpine, INT32_MAX);
    const second = await order(helvetia);
    const high = crossed + 2 * INT32_MAX + second.plan.cashback!.amountMinor;
    expect(high).toBeGreaterThan(2 ** 32);
    expect(await balance()).toBe(high);
    expect((await newestEntry()).balanceAfterMinor).toBe(high);

    const invoice = await order(matterhorn); // partner pays: an invoice to Alpine, no cashback
    expect(invoice.plan.cashback).toBeNull();
    const paid = await payInvoiceFromPrepaid({ invoiceId: invoice.invoiceId, partnerOrgId: alpine, actor: { userId: marc, orgId: alpine }, meta: META });
    if (paid.kind !== "paid") throw new Error(`payment refused: ${paid.kind}`);
    expect(paid.balanceMinor).toBe(high - paid.totalMinor);
    const out = await withdraw({ partnerOrgId: alpine, amountMinor: 1_234, actor: { userId: marc, orgId: alpine }, meta: META });
    if (out.kind !== "withdrawn") throw new Error(`withdrawal refused: ${out.kind}`);
    const final = high - paid.totalMinor - 1_234;
    expect(out.balanceMinor).toBe(final);
    expect(await balance()).toBe(final);

    // Every stored balance is the running sum of the ledger, as numbers, whichever way it is read.
    const { db, schema } = getDatabase();
    const e = schema.prepaidEntries;
    const ledger = await db.select({ id: e.id, amountMinor: e.amountMinor, balanceAfterMinor: e.balanceAfterMinor })
      .from(e).where(eq(e.partnerOrgId, alpine)).orderBy(asc(e.createdAt), asc(e.id));
    let running = 0;
    expect(ledger.map((r) => r.balanceAfterMinor)).toEqual(ledger.map((r) => (running += r.amountMinor)));
    expect(ledger.at(-1)!.balanceAfterMinor).toBe(final);
    expect(await ledgerSum({ partnerOrgId: alpine })).toBe(final);
    const [account] = await db.select().from(schema.prepaidAccounts).where(eq(schema.prepaidAccounts.orgId, alpine));
    expect(account!.balanceMinor).toBe(final);

    const page = (await listPrepaidEntries({ partnerOrgId: alpine, limit: 500 })).rows;
    const exported: typeof page = [];
    for await (const chunk of allPrepaidEntriesForExport({ partnerOrgId: alpine }, { pageSize: 7 })) exported.push(...chunk);
    const newestFirst = ledger.map((r) => [r.id, r.balanceAfterMinor]).reverse();
    expect(page.map((r) => [r.id, r.balanceAfterMinor])).toEqual(newestFirst);
    expect(exported.map((r) => [r.id, r.balanceAfterMinor])).toEqual(newestFirst);
    for (const r of [...page, ...exported]) expect(typeof r.balanceAfterMinor).toBe("number");
  });
});

describe.each(enginesUnderTest())("migration 0010's backfill on %s", (engine) => {
  let db: { database: Database; dispose(): Promise<void> };
  afterAll(async () => { await db?.dispose(); });

  /** Raw statements, whichever engine (the schema in code already has the new column). */
  const run = async (q: ReturnType<typeof sql>) => {
    const d = db.database;
    if (d.dialect === "postgres") return (await d.db.execute(q)).rows as Record<string, unknown>[];
    return (d.db as unknown as { all(q: unknown): Promise<Record<string, unknown>[]> }).all(q);
  };
  const time = (ms: number) => (engine === "sqlite" ? sql`${ms}` : sql`${new Date(ms).toISOString()}::timestamptz`);

  it("gives every entry the balance the pages computed before (the account less every newer entry), triggers back", async () => {
    db = await createBlankTestDatabase(engine);
    await migrateUpTo(db.database, 9);
    const created = time(Date.UTC(2026, 0, 1));
    for (const [id, name] of [["org-a", "A"], ["org-b", "B"], ["org-c", "C"], ["cust", "Customer"]]) {
      await run(sql`INSERT INTO organizations (id, name, currency, country, created_at) VALUES (${id}, ${name}, 'CHF', 'CH', ${created})`);
    }
    // org-a's balance row equals its ledger; org-b's does not (the backfill anchors on the row, as the
    // pages did); org-c has entries and no balance row. Entries inserted out of time order, two at one
    // instant (ordered by id), a partner's entries interleaved with another's.
    await run(sql`INSERT INTO prepaid_accounts (org_id, currency, balance_minor, updated_at) VALUES ('org-a', 'CHF', 3700, ${created}), ('org-b', 'CHF', 10000, ${created})`);
    const t0 = Date.UTC(2026, 1, 1);
    const entries: [string, string, string, number, number][] = [
      ["a3", "org-a", "cashback", 1500, t0 + 3_000],
      ["a1", "org-a", "cashback", 1000, t0 + 1_000],
      ["b1", "org-b", "cashback", 400, t0 + 1_000],
      ["a2z", "org-a", "withdrawal", -300, t0 + 2_000],
      ["a2a", "org-a", "cashback", 2000, t0 + 2_000],
      ["b2", "org-b", "withdrawal", -100, t0 + 5_000],
      ["a4", "org-a", "withdrawal", -500, t0 + 4_000],
      ["c1", "org-c", "cashback", 250, t0 + 1_000],
      ["c2", "org-c", "cashback", 750, t0 + 9_000],
    ];
    for (const [id, partner, kind, amount, at] of entries) {
      await run(sql`INSERT INTO prepaid_entries (id, partner_org_id, kind, amount_minor, currency, customer_org_id, created_at)
        VALUES (${id}, ${partner}, ${kind}, ${amount}, 'CHF', ${kind === "cashback" ? "cust" : null}, ${time(at)})`);
    }
    // The computation the pages ran before 0010 (db/prepaid.ts withBalances, without an anchor).
    const old = await run(sql`SELECT e.id AS id, coalesce((SELECT a.balance_minor FROM prepaid_accounts a WHERE a.org_id = e.partner_org_id), 0)
        - (SELECT coalesce(sum(n.amount_minor), 0) FROM prepaid_entries n WHERE n.partner_org_id = e.partner_org_id
           AND (n.created_at > e.created_at OR (n.created_at = e.created_at AND n.id > e.id))) AS balance
      FROM prepaid_entries e ORDER BY e.id`);

    await migrateUpTo(db.database, Infinity);
    const now = await run(sql`SELECT id, balance_after_minor AS balance FROM prepaid_entries ORDER BY id`);
    const figures = (rows: Record<string, unknown>[]) => rows.map((r) => [r.id, Number(r.balance)]);
    // org-c has no balance row: the old page showed 0 less the newer entries; the backfill takes the ledger's own sum.
    expect(figures(now).filter(([id]) => !String(id).startsWith("c"))).toEqual(figures(old).filter(([id]) => !String(id).startsWith("c")));
    expect(figures(now)).toEqual(expect.arrayContaining([["c1", 250], ["c2", 1000]]));
    expect(Object.fromEntries(figures(now))).toMatchObject({ a1: 1000, a2a: 3000, a2z: 2700, a3: 4200, a4: 3700, b1: 10100, b2: 10000 });

    // The ledger is append-only again, and the column is required.
    await expect(run(sql`UPDATE prepaid_entries SET balance_after_minor = 0 WHERE id = 'a1'`)).rejects.toThrow();
    await expect(run(sql`DELETE FROM prepaid_entries WHERE id = 'a1'`)).rejects.toThrow();
    await expect(run(sql`INSERT INTO prepaid_entries (id, partner_org_id, kind, amount_minor, currency, created_at)
      VALUES ('x', 'org-a', 'cashback', 1, 'CHF', ${time(t0 + 10_000)})`)).rejects.toThrow();
    // A withdrawal still references its entry through the rebuilt table (SQLite rebuilds it).
    const fk = await run(engine === "sqlite"
      ? sql`SELECT "table" AS target FROM pragma_foreign_key_list('withdrawals') WHERE "from" = 'entry_id'`
      : sql`SELECT confrelid::regclass::text AS target FROM pg_constraint WHERE conname = 'withdrawals_entry_id_prepaid_entries_id_fk'`);
    expect(fk.map((r) => r.target)).toEqual(["prepaid_entries"]);
  });

  it("applies on an empty database", async () => {
    const fresh = await createBlankTestDatabase(engine);
    try {
      await fresh.database.migrate();
      const { db: d, schema } = fresh.database;
      expect(await d.select().from(schema.prepaidEntries)).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  });
});

describe.each(enginesUnderTest())("migration 0013 on %s", (engine) => {
  let db: TestDatabase | undefined;
  afterAll(async () => { await db?.dispose(); });

  const run = async (q: ReturnType<typeof sql>) => {
    const d = db!.database;
    if (d.dialect === "postgres") return (await d.db.execute(q)).rows as Record<string, unknown>[];
    return (d.db as unknown as { all(q: unknown): Promise<Record<string, unknown>[]> }).all(q);
  };
  const time = (ms: number) => (engine === "sqlite" ? sql`${ms}` : sql`${new Date(ms).toISOString()}::timestamptz`);

  it("keeps the balances stored before it, lets them grow past 2^31 - 1, and leaves the ledger append-only", async () => {
    db = await createBlankTestDatabase(engine);
    await migrateUpTo(db.database, 12); // SQLite's migrations end before 12: all of them
    const at = time(Date.UTC(2026, 0, 1));
    await run(sql`INSERT INTO organizations (id, name, currency, country, created_at) VALUES ('org-p', 'P', 'CHF', 'CH', ${at})`);
    await run(sql`INSERT INTO prepaid_accounts (org_id, currency, balance_minor, updated_at) VALUES ('org-p', 'CHF', ${INT32_MAX}, ${at})`);
    await run(sql`INSERT INTO prepaid_entries (id, partner_org_id, kind, amount_minor, currency, created_at, balance_after_minor)
      VALUES ('p1', 'org-p', 'cashback', ${INT32_MAX}, 'CHF', ${at}, ${INT32_MAX})`);

    await migrateUpTo(db.database, Infinity);
    const { db: d, schema } = db.database;
    await d.update(schema.prepaidAccounts).set({ balanceMinor: sql`${schema.prepaidAccounts.balanceMinor} + 1000` }).where(eq(schema.prepaidAccounts.orgId, "org-p"));
    await d.insert(schema.prepaidEntries).values({
      id: "p2", partnerOrgId: "org-p", kind: "cashback", amountMinor: 1000, currency: "CHF", createdAt: new Date(Date.UTC(2026, 0, 2)), balanceAfterMinor: INT32_MAX + 1000,
    });
    expect((await d.select().from(schema.prepaidAccounts))[0]!.balanceMinor).toBe(INT32_MAX + 1000);
    const entries = await d.select({ id: schema.prepaidEntries.id, b: schema.prepaidEntries.balanceAfterMinor }).from(schema.prepaidEntries).orderBy(asc(schema.prepaidEntries.id));
    expect(entries).toEqual([{ id: "p1", b: INT32_MAX }, { id: "p2", b: INT32_MAX + 1000 }]);
    if (engine === "postgres") {
      const types = await run(sql`SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE column_name IN ('balance_minor', 'balance_after_minor') ORDER BY table_name`);
      expect(types.map((r) => [r.table_name, r.column_name, r.data_type])).toEqual([
        ["prepaid_accounts", "balance_minor", "bigint"], ["prepaid_entries", "balance_after_minor", "bigint"],
      ]);
    }
    // The ledger stays append-only, and the balance non-negative.
    await expect(run(sql`UPDATE prepaid_entries SET balance_after_minor = 0 WHERE id = 'p1'`)).rejects.toThrow();
    await expect(run(sql`DELETE FROM prepaid_entries WHERE id = 'p1'`)).rejects.toThrow();
    await expect(run(sql`UPDATE prepaid_accounts SET balance_minor = -1 WHERE org_id = 'org-p'`)).rejects.toThrow();
  });
});
