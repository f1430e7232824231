// Renewal job, prepaid account and the invoice lists, on every engine under test.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { balanceOf, counts, daysFromToday, META, productByLabel } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, userId } from "@/lib/testing/demo";
import { getDatabase } from "./client";
import { allInvoicesForExport, getInvoice, listInvoiceClients, listInvoices, type Cursor } from "./invoices";
import { allPrepaidEntriesForExport, ledgerSum, listPrepaidEntries, withdraw } from "./prepaid";
import { runDueRenewals } from "./renewals";
import { seedDemoData } from "./seed";

/** The renewal job applies due scheduled switches first (db/scheduled-switches.ts); none is due here. */
const NO_SWITCHES = { applied: 0, dropped: 0, skipped: 0 };

describe.each(enginesUnderTest())("renewals, prepaid account and invoice lists on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, alpine: string, matterhorn: string, marc: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, alpine, matterhorn] = await Promise.all(["Helvetia Bakery SA", "Alpine Web Studio", "Matterhorn Sports AG"].map(orgId)) as [string, string, string];
    marc = await userId("marc@alpine-web.test");
  });
  afterAll(async () => { await t.dispose(); });

  async function makeDue(customer: string, label: string, date = daysFromToday(-2)) {
    const { db, schema } = getDatabase();
    const p = await productByLabel(customer, label);
    await db.update(schema.products).set({ renewalDate: date }).where(eq(schema.products.id, p.id));
    return p.id;
  }

  describe("automatic renewals", () => {
    it("renews what is due, billed per the mode of the day, and renews nothing twice", async () => {
      const hosting = await makeDue(helvetia, "Web Hosting Pro");
      const mail = await makeDue(matterhorn, "Mail Service");
      const before = await counts();
      expect(await runDueRenewals()).toEqual({ renewed: 2, skipped: 0, failed: 0, switches: NO_SWITCHES });
      expect(await runDueRenewals()).toEqual({ renewed: 0, skipped: 0, failed: 0, switches: NO_SWITCHES });
      const after = await counts();
      expect(after.orders - before.orders).toBe(2);
      const { db, schema } = getDatabase();
      const orders = await db.select().from(schema.orders).where(eq(schema.orders.dedupeKey, `period:${mail}:${daysFromToday(-2)}`));
      // Matterhorn's partner pays: the automatic renewal is invoiced to Alpine.
      expect(orders).toMatchObject([{ kind: "renewal", payerOrgId: alpine, placedByUserId: null }]);
      const [hostingProduct] = await db.select().from(schema.products).where(eq(schema.products.id, hosting));
      expect(hostingProduct!.renewalDate > daysFromToday(300)).toBe(true);
    });

    it("renews once when two runs race (the in-app schedule and npm run renewals)", async () => {
      await makeDue(helvetia, "Web Hosting Starter");
      await makeDue(helvetia, "Domain .ch");
      const before = await counts();
      const [a, b] = await Promise.all([runDueRenewals(), runDueRenewals()]);
      expect(a.renewed + b.renewed).toBe(2);
      expect(a.failed + b.failed).toBe(0);
      expect((await counts()).invoices - before.invoices).toBe(2);
    });
  });

  it("keeps renewing the others when one product cannot be billed, and never loops on it", async () => {
    const { db, schema } = getDatabase();
    const lyon = await orgId("Boulangerie Lyonnaise SARL");
    await db.update(schema.organizations).set({ vatRateBp: null }).where(eq(schema.organizations.id, lyon));
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await makeDue(lyon, "Web Hosting Pro");
      await makeDue(matterhorn, "Domain .com");
      expect(await runDueRenewals()).toEqual({ renewed: 1, skipped: 0, failed: 1, switches: NO_SWITCHES });
      expect(await runDueRenewals()).toEqual({ renewed: 0, skipped: 0, failed: 1, switches: NO_SWITCHES });
    } finally {
      vi.restoreAllMocks();
      await db.update(schema.organizations).set({ vatRateBp: 2000 }).where(eq(schema.organizations.id, lyon));
    }
    expect((await runDueRenewals()).renewed).toBe(1);
  });

  describe("prepaid account", () => {
    it("shows each entry with the balance right after it, newest first", async () => {
      const page = await listPrepaidEntries({ partnerOrgId: alpine, limit: 1000 });
      expect(page.rows.length).toBeGreaterThan(3);
      expect(page.rows[0]!.balanceAfterMinor).toBe(await balanceOf(alpine));
      for (let i = 0; i + 1 < page.rows.length; i++) {
        expect(page.rows[i + 1]!.balanceAfterMinor).toBe(page.rows[i]!.balanceAfterMinor - page.rows[i]!.amountMinor);
      }
      expect(page.rows.at(-1)!.balanceAfterMinor).toBe(page.rows.at(-1)!.amountMinor);
      const cashback = page.rows.find((r) => r.kind === "cashback")!;
      expect(cashback.customerName).toBeTruthy();
      expect(cashback.productLabel).toBeTruthy();
    });

    it("gives the same balances on small pages, deep pages and filtered pages as over the whole ledger", async () => {
      const all = (await listPrepaidEntries({ partnerOrgId: alpine, limit: 1000 })).rows;
      const truth = new Map(all.map((r) => [r.id, r.balanceAfterMinor]));
      const walked: typeof all = [];
      let cursor: Cursor | undefined;
      do {
        const page = await listPrepaidEntries({ partnerOrgId: alpine, cursor, limit: 3 });
        walked.push(...page.rows);
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(walked.map((r) => [r.id, r.balanceAfterMinor])).toEqual(all.map((r) => [r.id, r.balanceAfterMinor]));
      // A filter skips entries, but a balance still counts every entry up to the row.
      const client = all.find((r) => r.customerOrgId)!.customerOrgId!;
      const filtered = (await listPrepaidEntries({ partnerOrgId: alpine, customerOrgId: client, limit: 2 })).rows;
      expect(filtered.length).toBeGreaterThan(0);
      for (const r of filtered) expect(r.balanceAfterMinor).toBe(truth.get(r.id));
    });

    it("refuses a withdrawal above the balance and writes nothing", async () => {
      const balance = await balanceOf(alpine);
      const before = await counts();
      const outcome = await withdraw({ partnerOrgId: alpine, amountMinor: balance + 1, actor: { userId: marc, orgId: alpine }, meta: META });
      expect(outcome).toEqual({ kind: "insufficient", balanceMinor: balance, currency: "CHF" });
      expect(await counts()).toEqual(before);
    });

    it("never goes negative under concurrent withdrawals", async () => {
      const balance = await balanceOf(alpine);
      expect(balance).toBeGreaterThan(300);
      const amount = Math.floor(balance / 3) + 1; // two fit, the third cannot
      const outcomes = await Promise.all(Array.from({ length: 8 }, () =>
        withdraw({ partnerOrgId: alpine, amountMinor: amount, actor: { userId: marc, orgId: alpine }, meta: META })));
      expect(outcomes.filter((o) => o.kind === "withdrawn")).toHaveLength(2);
      expect(await balanceOf(alpine)).toBe(balance - 2 * amount);
      expect(await ledgerSum({ partnerOrgId: alpine })).toBe(balance - 2 * amount);
    });

    it("is also guarded by the database: the balance row cannot go below zero", async () => {
      const { db, schema } = getDatabase();
      await expect(db.update(schema.prepaidAccounts).set({ balanceMinor: -1 }).where(eq(schema.prepaidAccounts.orgId, alpine))).rejects.toThrow();
    });
  });

  describe("invoice lists", () => {
    it("reads an invoice only within the organization it was issued to", async () => {
      const [own] = (await listInvoices({ orgId: helvetia })).rows;
      expect(await getInvoice({ id: own!.id, orgId: helvetia })).toMatchObject({ id: own!.id, payerName: "Helvetia Bakery SA" });
      expect(await getInvoice({ id: own!.id, orgId: alpine })).toBeNull();
      expect(await getInvoice({ id: randomUUID(), orgId: helvetia })).toBeNull();
      const alpineInvoices = (await listInvoices({ orgId: alpine, limit: 500 })).rows;
      expect(alpineInvoices.every((r) => r.forOrgId !== alpine)).toBe(true);
      expect(await listInvoiceClients({ orgId: alpine })).toEqual(expect.arrayContaining([{ id: matterhorn, name: "Matterhorn Sports AG" }]));
    });

    it("filters by status, client and period", async () => {
      const all = (await listInvoices({ orgId: alpine, limit: 500 })).rows;
      const paid = (await listInvoices({ orgId: alpine, status: "paid", limit: 500 })).rows;
      expect(paid.every((r) => r.status === "paid")).toBe(true);
      expect(paid.length).toBeLessThan(all.length);
      const forMatterhorn = (await listInvoices({ orgId: alpine, forOrgId: matterhorn, limit: 500 })).rows;
      expect(forMatterhorn.length).toBe(all.filter((r) => r.forOrgId === matterhorn).length);
      const from = new Date(Date.now() - 60 * 86_400_000);
      const recent = (await listInvoices({ orgId: alpine, from, limit: 500 })).rows;
      expect(recent.map((r) => r.id)).toEqual(all.filter((r) => r.issuedAt >= from).map((r) => r.id));
    });

    it("pages newest first with a keyset that skips and repeats nothing, even while invoices are added", async () => {
      const { db, schema } = getDatabase();
      const org = randomUUID();
      await db.insert(schema.organizations).values({ id: org, name: "Paging AG", currency: "CHF", country: "CH", createdAt: new Date() });
      const same = new Date("2025-06-01T10:00:00Z");
      const insert = (n: number, offset: number, at?: Date) => db.insert(schema.invoices).values(Array.from({ length: n }, (_, k) => ({
        id: randomUUID(), orgId: org, seq: offset + k + 1, number: `INV-${offset + k + 1}`, forOrgId: org, status: "unpaid" as const,
        currency: "CHF" as const, subtotalMinor: 100, vatMinor: 8, totalMinor: 108,
        issuedAt: at ?? (k % 3 === 0 ? same : new Date(same.getTime() - k * 60_000)),
      })));
      await insert(230, 0);
      const seen: string[] = [];
      let cursor: Cursor | undefined;
      let pages = 0;
      do {
        const page = await listInvoices({ orgId: org, cursor, limit: 50 });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.next ?? undefined;
        // Newer invoices arriving meanwhile never shift the pages being read.
        if (pages++ === 1) await insert(20, 1000, new Date());
      } while (cursor);
      expect(pages).toBe(5);
      expect(seen).toHaveLength(230);
      expect(new Set(seen).size).toBe(230);
      const rows = await db.select({ id: schema.invoices.id, at: schema.invoices.issuedAt }).from(schema.invoices)
        .where(and(eq(schema.invoices.orgId, org)));
      const expected = rows.filter((r) => r.at <= same).sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
      expect(seen).toEqual(expected);
    });
  });

  describe("the exports' reads", () => {
    /** Every batch of an export, concatenated. */
    async function all<T>(batches: AsyncIterable<T[]>): Promise<{ rows: T[]; batches: number }> {
      const rows: T[] = [];
      let n = 0;
      for await (const b of batches) { rows.push(...b); n++; }
      return { rows, batches: n };
    }

    it("give the invoices the list gives, field for field (dates, nulls, joined names), in small batches", async () => {
      for (const orgId of [alpine, helvetia]) {
        const list = (await listInvoices({ orgId, limit: 1000 })).rows;
        expect(list.length).toBeGreaterThan(2);
        const exported = await all(allInvoicesForExport({ orgId }, { pageSize: 2 }));
        expect(exported.rows).toEqual(list);
        expect(exported.batches).toBe(Math.ceil(list.length / 2));
        expect(exported.rows.every((r) => r.issuedAt instanceof Date)).toBe(true);
        // A filter narrows the export as it narrows the list.
        const paid = (await listInvoices({ orgId, status: "paid", limit: 1000 })).rows;
        expect((await all(allInvoicesForExport({ orgId, status: "paid" }, { pageSize: 3 }))).rows).toEqual(paid);
      }
    });

    it("give the ledger entries the list gives, withdrawals and their statuses included", async () => {
      const list = (await listPrepaidEntries({ partnerOrgId: alpine, limit: 1000 })).rows;
      expect(list.some((r) => r.withdrawalStatus !== null)).toBe(true);
      expect(list.some((r) => r.customerName === null)).toBe(true);
      const exported = await all(allPrepaidEntriesForExport({ partnerOrgId: alpine }, { pageSize: 4 }));
      expect(exported.rows).toEqual(list);
      expect(exported.batches).toBe(Math.ceil(list.length / 4));
    });

    it("end when the export is abandoned: no batch after the client leaves", async () => {
      const batches = allInvoicesForExport({ orgId: helvetia }, { pageSize: 1 });
      const first = await batches.next();
      expect(first.done).toBe(false);
      await batches.return(undefined);
      expect((await batches.next()).done).toBe(true);
    });
  });
});
