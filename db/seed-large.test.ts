// The large data set at a tiny scale, on every engine under test: counts, a valid audit chain continuing
// the demo chain, the demo password still working, and the filter lists read by a loose index scan
// giving exactly what a DISTINCT over the rows gives.
import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId } from "@/lib/testing/demo";
import { verifyPassword } from "@/lib/password";
import { verifyAuditChain } from "./audit-verify";
import { getDatabase } from "./client";
import { listInvoiceClients } from "./invoices";
import { ledgerSum, listPrepaidClients, listPrepaidEntries, type PrepaidFilter } from "./prepaid";
import { seedDemoData } from "./seed";
import { isLargeDataLoaded, scaleBy, seedLargeData } from "./seed-large";
import { findUserCredentials } from "./users";
import { listAuditEventsPage } from "./audit-events-list";
import { parseEventFilters } from "@/lib/validation/audit-filters";
import { or, desc } from "drizzle-orm";

describe.each(enginesUnderTest())("seed:large on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, alpine: string;
  let demoLedger: { id: string; balanceAfterMinor: number }[];
  const scale = scaleBy(0.002); // 10 clients, 2 000 invoices, 1 000 prepaid entries, 2 000 audit events

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, alpine] = (await Promise.all(["Helvetia Bakery SA", "Alpine Web Studio"].map(orgId))) as [string, string];
    expect(await isLargeDataLoaded()).toBe(false);
    const e = getDatabase().schema.prepaidEntries;
    demoLedger = await getDatabase().db.select({ id: e.id, balanceAfterMinor: e.balanceAfterMinor }).from(e).where(eq(e.partnerOrgId, alpine));
    await seedLargeData({ scale });
  }, 120_000);
  afterAll(async () => { await t.dispose(); });

  const countWhere = async (table: "invoices" | "prepaidEntries" | "auditEvents" | "partnerships", where?: ReturnType<typeof eq>) => {
    const { db, schema } = getDatabase();
    const [row] = await db.select({ n: count() }).from(schema[table]).where(where);
    return Number(row?.n ?? 0);
  };

  it("adds the rows it promises on top of the demo data", async () => {
    const { schema } = getDatabase();
    expect(await isLargeDataLoaded()).toBe(true);
    expect(await countWhere("invoices", eq(schema.invoices.orgId, helvetia))).toBeGreaterThanOrEqual(scale.invoices);
    expect(await countWhere("partnerships", eq(schema.partnerships.partnerOrgId, alpine))).toBeGreaterThanOrEqual(scale.clients);
    expect(await countWhere("prepaidEntries", eq(schema.prepaidEntries.partnerOrgId, alpine))).toBeGreaterThanOrEqual(scale.prepaid);
    expect(await countWhere("auditEvents")).toBeGreaterThanOrEqual(scale.audit);
  });

  it("continues the audit chain: audit:verify passes and the head names the last event", async () => {
    const report = await verifyAuditChain();
    expect(report.ok).toBe(true);
    if (report.ok) expect(report.head.seq).toBe(await countWhere("auditEvents"));
  });

  it("keeps the ledger equal to the balance and numbers invoices after the counter", async () => {
    const { db, schema } = getDatabase();
    const [account] = await db.select().from(schema.prepaidAccounts).where(eq(schema.prepaidAccounts.orgId, alpine));
    expect(await ledgerSum({ partnerOrgId: alpine })).toBe(account!.balanceMinor);
    const [counter] = await db.select().from(schema.invoiceCounters).where(eq(schema.invoiceCounters.orgId, helvetia));
    expect(counter!.lastSeq).toBe(await countWhere("invoices", eq(schema.invoices.orgId, helvetia)));
  });

  it("leaves the demo accounts' password working, and the new users' too", async () => {
    const claire = await findUserCredentials({ email: "claire@helvetia-bakery.test" });
    const client = await findUserCredentials({ email: "user1@client1.test" });
    expect(await verifyPassword("manager-demo", claire!.passwordHash)).toBe(true);
    expect(await verifyPassword("manager-demo", client!.passwordHash)).toBe(true);
  });

  it("lists the invoice and ledger clients exactly as a DISTINCT would, and no more than asked", async () => {
    const { db, schema } = getDatabase();
    const { invoices: i, prepaidEntries: e } = schema;
    const distinct = async (rows: Promise<{ id: string | null }[]>) => [...new Set((await rows).map((r) => r.id))].sort();
    const invoiceClients = await distinct(db.select({ id: i.forOrgId }).from(i).where(eq(i.orgId, alpine)));
    const ledgerClients = await distinct(db.select({ id: e.customerOrgId }).from(e).where(and(eq(e.partnerOrgId, alpine), isNotNull(e.customerOrgId))));
    expect(invoiceClients.length).toBeGreaterThan(1);
    expect((await listInvoiceClients({ orgId: alpine })).map((c) => c.id).sort()).toEqual(invoiceClients);
    expect((await listPrepaidClients({ partnerOrgId: alpine })).map((c) => c.id).sort()).toEqual(ledgerClients);
    expect(await listInvoiceClients({ orgId: alpine, limit: 2 })).toHaveLength(2);
    expect(await listInvoiceClients({ orgId: "no-such-org" })).toEqual([]);
  });

  it("stores each entry's balance as the running sum in ledger order, the demo's entries among the loaded ones included", async () => {
    const { db, schema } = getDatabase();
    const e = schema.prepaidEntries;
    const ledger = await db.select({ id: e.id, createdAt: e.createdAt, amountMinor: e.amountMinor, balanceAfterMinor: e.balanceAfterMinor })
      .from(e).where(eq(e.partnerOrgId, alpine)).orderBy(asc(e.createdAt), asc(e.id));
    const [account] = await db.select().from(schema.prepaidAccounts).where(eq(schema.prepaidAccounts.orgId, alpine));
    let running = 0;
    const expected = ledger.map((r) => [r.id, (running += r.amountMinor)]);
    expect(ledger.map((r) => [r.id, r.balanceAfterMinor])).toEqual(expected);
    expect(ledger.at(-1)!.balanceAfterMinor).toBe(account!.balanceMinor);
    // The loaded history is older than some of the demo's entries: their balances were rewritten (the
    // append-only trigger suspended for it), and the trigger is back afterwards.
    const now = new Map(ledger.map((r) => [r.id, r.balanceAfterMinor]));
    expect(demoLedger.length).toBeGreaterThan(0);
    expect(demoLedger.filter((d) => now.get(d.id) !== d.balanceAfterMinor).length).toBeGreaterThan(0);
    await expect(db.update(e).set({ balanceAfterMinor: 0 }).where(eq(e.id, ledger[0]!.id))).rejects.toThrow();
  });

  it("pages the ledger with the stored balances, filtered or not, at any depth", async () => {
    const { db, schema } = getDatabase();
    const e = schema.prepaidEntries;
    const all = await db.select({ id: e.id, at: e.createdAt, balanceAfterMinor: e.balanceAfterMinor }).from(e).where(eq(e.partnerOrgId, alpine)).orderBy(desc(e.createdAt), desc(e.id));
    const balanceOf = new Map(all.map((r) => [r.id, r.balanceAfterMinor]));
    const clients = await listPrepaidClients({ partnerOrgId: alpine });
    const at = (share: number) => all[Math.floor(all.length * share)]!.at;
    const filters: PrepaidFilter[] = [
      { partnerOrgId: alpine },
      { partnerOrgId: alpine, customerOrgId: clients[0]!.id },
      { partnerOrgId: alpine, kind: "withdrawal" },
      { partnerOrgId: alpine, from: at(0.8), to: at(0.2) },
    ];
    for (const filter of filters) {
      let cursor: { at: Date; id: string } | undefined;
      let pages = 0;
      do {
        const page = await listPrepaidEntries({ ...filter, cursor, limit: 97 });
        expect(page.rows.length).toBeGreaterThan(0);
        expect(page.rows.map((r) => r.balanceAfterMinor)).toEqual(page.rows.map((r) => balanceOf.get(r.id)));
        cursor = page.next ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBeGreaterThan(filter.customerOrgId || filter.kind ? 0 : 2);
    }
  });

  it("pages through an organization's events (as customer or partner) exactly as the OR of both would", async () => {
    const { db, schema } = getDatabase();
    const a = schema.auditEvents;
    const [client] = await db.select({ id: a.customerOrgId }).from(a).where(eq(a.partnerOrgId, alpine)).limit(1);
    for (const org of [alpine, helvetia, client!.id!]) {
      const expected = (await db.select({ id: a.id }).from(a).where(or(eq(a.customerOrgId, org), eq(a.partnerOrgId, org)))
        .orderBy(desc(a.createdAt), desc(a.id)).limit(37 * 4)).map((r) => r.id);
      const seen: string[] = [];
      let f = parseEventFilters({ org });
      for (let i = 0; i < 4; i++) {
        const page = await listAuditEventsPage(f, { limit: 37 });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.next) break;
        f = { ...f, cursor: page.next };
      }
      expect(seen).toEqual(expected);
    }
  });
});
