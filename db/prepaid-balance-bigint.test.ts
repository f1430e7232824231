// Nothing caps a partner's prepaid balance (every cashback adds to it): past 2^31 - 1 minor units
// (CHF 21,474,836.47) every cashback-earning order failed on PostgreSQL ("integer out of range") while
// prepaid_accounts.balance_minor and prepaid_entries.balance_after_minor were 32-bit (migration 0013
// makes them bigint; SQLite's integers always were 64-bit). On SQLite always, on PostgreSQL when
// TEST_DATABASE_URL is set: the real insert paths move the balance past that range, and every read of it
// (the balance, the ledger page, the export's raw reader, the ledger's sum) gives the exact JS number.
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOffer } from "@/lib/catalogue";
import { INT32_MAX } from "@/lib/domain";
import { creditPrepaid, META, partnerActor } from "@/lib/testing/billing";
import { createBlankTestDatabase, enginesUnderTest, migrateUpTo, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { getDatabase } from "./client";
import { payInvoiceFromPrepaid } from "./invoice-payments";
import { placeOrder } from "./orders";
import { allPrepaidEntriesForExport, getPrepaidBalance, ledgerSum, listPrepaidEntries, withdraw } from "./prepaid";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("a prepaid balance beyond a 32-bit integer on %s", (engine) => {
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

  const order = async (customerOrgId: string) => {
    const outcome = await placeOrder({
      request: { kind: "new", customerOrgId, offer: findOffer("domain-com")!, label: `bigint-${engine}-${++n}.com` },
      actor: partnerActor(marc, alpine), meta: META,
    });
    if (outcome.kind !== "placed") throw new Error(`order refused: ${outcome.reason}`);
    return outcome;
  };
  const balance = async () => (await getPrepaidBalance({ orgId: alpine })).balanceMinor;
  const newestEntry = async () => (await listPrepaidEntries({ partnerOrgId: alpine, limit: 1 })).rows[0]!;

  it("books cashback past 2^31 - 1 through an order and reads the balance and each entry's balance back exactly", async () => {
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
