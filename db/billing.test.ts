// Orders and renewals against the real database, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOffer } from "@/lib/catalogue";
import { balanceOf, counts, customerActor, invoicesOf, META, partnerActor, productByLabel } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { getDatabase } from "./client";
import { ledgerSum } from "./prepaid";
import { changePaymentMode, getCustomerPartnership } from "./partnerships";
import { placeOrder, type OrderActor } from "./orders";
import { seedDemoData } from "./seed";

describe.each(enginesUnderTest())("orders and invoices on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, alpine: string, lakeside: string, matterhorn: string, jura: string;
  let claire: string, marc: string, sofia: string, ines: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, alpine, lakeside, matterhorn, jura] = await Promise.all(
      ["Helvetia Bakery SA", "Alpine Web Studio", "Lakeside IT", "Matterhorn Sports AG", "Jura Hosting Partners"].map(orgId),
    ) as [string, string, string, string, string];
    [claire, marc, sofia, ines] = await Promise.all(
      ["claire@helvetia-bakery.test", "marc@alpine-web.test", "sofia@lakeside-it.test", "ines@jura-hosting.test"].map(userId),
    ) as [string, string, string, string];
  });
  afterAll(async () => { await t.dispose(); });

  async function renew(productLabel: string, actor: OrderActor, customer = helvetia) {
    const p = await productByLabel(customer, productLabel);
    return placeOrder({ request: { kind: "renewal", productId: p.id, expectedRenewalDate: p.renewalDate }, actor, meta: META });
  }

  async function switchAlpine(mode: "customer" | "partner") {
    const id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const p = (await getCustomerPartnership({ id, customerOrgId: helvetia }))!;
    const outcome = await changePaymentMode({
      partnership: p, expectedVersion: p.version, paymentMode: mode, actor: { userId: claire, orgId: helvetia }, meta: META, messages: () => [],
    });
    expect(outcome.kind).toBe("changed");
  }

  describe("the seeded history", () => {
    it("holds invoices that add up, numbered 1..n per payer without gaps or duplicates", async () => {
      const { db, schema } = getDatabase();
      const payers = await db.selectDistinct({ orgId: schema.invoices.orgId }).from(schema.invoices);
      expect(payers.length).toBeGreaterThanOrEqual(8);
      for (const { orgId: payer } of payers) {
        const invoices = await invoicesOf(payer);
        expect(invoices.map((i) => i.seq)).toEqual(invoices.map((_, k) => k + 1));
        expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length);
        for (const inv of invoices) {
          expect(inv.subtotalMinor).toBe(inv.lines.reduce((s, l) => s + l.amountMinor, 0));
          expect(inv.vatMinor).toBe(inv.lines.reduce((s, l) => s + l.vatMinor, 0));
          expect(inv.totalMinor).toBe(inv.subtotalMinor + inv.vatMinor);
        }
      }
    });

    it("credits cashback only on invoices to customers, and keeps every balance equal to its ledger", async () => {
      const { db, schema } = getDatabase();
      const entries = await db.select().from(schema.prepaidEntries).where(eq(schema.prepaidEntries.kind, "cashback"));
      expect(entries.length).toBeGreaterThan(5);
      const invoices = await db.select().from(schema.invoices);
      for (const e of entries) {
        const inv = invoices.find((i) => i.orderId === e.orderId)!;
        expect(inv.orgId).toBe(e.customerOrgId);
      }
      for (const partner of [alpine, lakeside, await orgId("Isar Webagentur GmbH")]) {
        expect(await balanceOf(partner)).toBe(await ledgerSum({ partnerOrgId: partner }));
      }
      // Alpine pays Matterhorn's partner-mode orders itself, at its discount.
      const alpineInvoices = await invoicesOf(alpine);
      expect(alpineInvoices.length).toBeGreaterThan(0);
      expect(alpineInvoices.every((i) => i.forOrgId !== alpine && i.lines.length === 2 && i.lines[1]!.amountMinor < 0)).toBe(true);
    });
  });

  describe("who pays, per the mode in force when the order is placed", () => {
    it("customer pays: Marc's renewal is invoiced to Helvetia at the public price and earns Alpine 20 % cashback", async () => {
      const before = await balanceOf(alpine);
      const outcome = await renew("Mail Service", partnerActor(marc, alpine));
      expect(outcome.kind).toBe("placed");
      if (outcome.kind !== "placed") return;
      expect(outcome.plan).toMatchObject({ payer: "customer", payerOrgId: helvetia, subtotalMinor: 7_200, vatMinor: 583, totalMinor: 7_783 });
      expect(outcome.plan.cashback).toEqual({ partnerOrgId: alpine, amountMinor: 1_440, currency: "CHF" });
      expect(await balanceOf(alpine)).toBe(before + 1_440);
      const inv = (await invoicesOf(helvetia)).at(-1)!;
      expect(inv).toMatchObject({ id: outcome.invoiceId, number: outcome.invoiceNumber, forOrgId: helvetia, status: "unpaid", totalMinor: 7_783 });
    });

    it("partner pays: after the switch Marc's renewal goes to Alpine at P − 20 %, and Helvetia's issued invoices do not change", async () => {
      const helvetiaBefore = await invoicesOf(helvetia);
      const alpineBalance = await balanceOf(alpine);
      await switchAlpine("partner");
      expect(await invoicesOf(helvetia)).toEqual(helvetiaBefore);

      const outcome = await renew("Mail Service", partnerActor(marc, alpine));
      expect(outcome.kind).toBe("placed");
      if (outcome.kind !== "placed") return;
      expect(outcome.plan).toMatchObject({ payer: "partner", payerOrgId: alpine, subtotalMinor: 5_760, cashback: null });
      const inv = (await invoicesOf(alpine)).at(-1)!;
      expect(inv.lines.map((l) => [l.amountMinor, l.vatRateBp, l.vatMinor])).toEqual([[7_200, 810, 583], [-1_440, 810, -117]]);
      expect(inv).toMatchObject({ forOrgId: helvetia, subtotalMinor: 5_760, vatMinor: 466, totalMinor: 6_226 });
      expect(await balanceOf(alpine)).toBe(alpineBalance);
      expect(await invoicesOf(helvetia)).toEqual(helvetiaBefore);
    });

    it("partner pays, but Claire orders directly: Helvetia is invoiced and Alpine earns cashback", async () => {
      const before = await balanceOf(alpine);
      const outcome = await renew("Web Hosting Starter", customerActor(claire, helvetia));
      expect(outcome.kind === "placed" && outcome.plan.payerOrgId).toBe(helvetia);
      expect(await balanceOf(alpine)).toBe(before + 1_200);
      await switchAlpine("customer");
    });

    it("a product listed for the limited partner earns that partner the cashback on Claire's renewal", async () => {
      const before = await balanceOf(lakeside);
      const outcome = await renew("Domain .ch", customerActor(claire, helvetia));
      expect(outcome.kind === "placed" && outcome.plan.cashback).toEqual({ partnerOrgId: lakeside, amountMinor: 239, currency: "CHF" });
      expect(await balanceOf(lakeside)).toBe(before + 239);
    });

    it("a limited partner cannot renew nor order, and a stranger partner cannot either: nothing is written", async () => {
      const before = await counts();
      expect(await renew("Domain .ch", partnerActor(sofia, lakeside))).toEqual({ kind: "refused", reason: "limited_partner" });
      const newOrder = (actor: OrderActor) => placeOrder({
        request: { kind: "new", customerOrgId: helvetia, offer: findOffer("domain-com")!, label: "helvetia-shop.com" }, actor, meta: META,
      });
      expect(await newOrder(partnerActor(sofia, lakeside))).toEqual({ kind: "refused", reason: "limited_partner" });
      expect(await newOrder(partnerActor(ines, jura))).toEqual({ kind: "refused", reason: "no_partnership" });
      expect(await counts()).toEqual(before);
    });

    it("refuses a renewal of a period someone else already renewed", async () => {
      const p = await productByLabel(helvetia, "Web Hosting Pro");
      const request = { kind: "renewal" as const, productId: p.id, expectedRenewalDate: p.renewalDate };
      expect((await placeOrder({ request, actor: customerActor(claire, helvetia), meta: META })).kind).toBe("placed");
      const before = await counts();
      expect(await placeOrder({ request, actor: customerActor(claire, helvetia), meta: META })).toEqual({ kind: "refused", reason: "stale" });
      expect(await counts()).toEqual(before);
    });

    it("installs a partner's new order in the client's organization and bills it per the mode (Matterhorn: partner pays)", async () => {
      const outcome = await placeOrder({
        request: { kind: "new", customerOrgId: matterhorn, offer: findOffer("web-hosting-starter")!, label: "Web Hosting Starter — shop" },
        actor: partnerActor(marc, alpine), meta: META,
      });
      expect(outcome.kind).toBe("placed");
      if (outcome.kind !== "placed") return;
      const { db, schema } = getDatabase();
      const [product] = await db.select().from(schema.products).where(eq(schema.products.id, outcome.productId));
      expect(product).toMatchObject({ orgId: matterhorn, priceMinor: 6_000, currency: "CHF", status: "active", renewalDate: outcome.renewalDate });
      expect(outcome.plan).toMatchObject({ payerOrgId: alpine, subtotalMinor: 4_800 });
    });
  });

  describe("concurrent orders", () => {
    it("numbers invoices uniquely and without gaps when twelve orders for one payer run at once", async () => {
      const before = (await invoicesOf(helvetia)).length;
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, k) => placeOrder({
        request: { kind: "new", customerOrgId: helvetia, offer: findOffer("domain-com")!, label: `shop-${k}.com` },
        actor: customerActor(claire, helvetia), meta: META,
      })));
      expect(outcomes.every((o) => o.kind === "placed")).toBe(true);
      const invoices = await invoicesOf(helvetia);
      expect(invoices).toHaveLength(before + 12);
      expect(invoices.map((i) => i.seq)).toEqual(invoices.map((_, k) => k + 1));
      expect(new Set(invoices.map((i) => i.number)).size).toBe(invoices.length);
    });

    it("renews a period once when five renewals of it race", async () => {
      const p = await productByLabel(matterhorn, "Web Hosting Pro");
      const before = await counts();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => placeOrder({
        request: { kind: "renewal", productId: p.id, expectedRenewalDate: p.renewalDate }, actor: partnerActor(marc, alpine), meta: META,
      })));
      expect(outcomes.filter((o) => o.kind === "placed")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "refused" && o.reason === "stale")).toHaveLength(4);
      expect((await counts()).invoices).toBe(before.invoices + 1);
    });
  });

  describe("issued invoices are immutable in the database itself", () => {
    it("rejects changing or deleting an invoice or its lines, and allows only unpaid → paid", async () => {
      const { db, schema } = getDatabase();
      const [inv] = (await invoicesOf(helvetia)).filter((i) => i.status === "unpaid");
      expect(inv).toBeDefined();
      const { invoices, invoiceLines, prepaidEntries } = schema;
      await expect(db.update(invoices).set({ totalMinor: 1 }).where(eq(invoices.id, inv!.id))).rejects.toThrow();
      await expect(db.update(invoices).set({ orgId: alpine }).where(eq(invoices.id, inv!.id))).rejects.toThrow();
      await expect(db.delete(invoices).where(eq(invoices.id, inv!.id))).rejects.toThrow();
      await expect(db.update(invoiceLines).set({ amountMinor: 0 }).where(eq(invoiceLines.invoiceId, inv!.id))).rejects.toThrow();
      await expect(db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id))).rejects.toThrow();
      const [entry] = await db.select().from(prepaidEntries).limit(1);
      await expect(db.update(prepaidEntries).set({ amountMinor: 1 }).where(eq(prepaidEntries.id, entry!.id))).rejects.toThrow();
      await expect(db.delete(prepaidEntries).where(eq(prepaidEntries.id, entry!.id))).rejects.toThrow();
      expect((await invoicesOf(helvetia)).find((i) => i.id === inv!.id)).toEqual(inv);

      const { recordInvoicePayment } = await import("./invoices");
      const payment = { paidAt: new Date(), method: "bank_transfer" as const, reference: "test" };
      expect(await recordInvoicePayment(db, { id: inv!.id, orgId: alpine, payment })).toBe(false);
      expect(await recordInvoicePayment(db, { id: inv!.id, orgId: helvetia, payment })).toBe(true);
      expect(await recordInvoicePayment(db, { id: inv!.id, orgId: helvetia, payment })).toBe(false);
      await expect(db.update(invoices).set({ status: "unpaid", paidAt: null }).where(eq(invoices.id, inv!.id))).rejects.toThrow();
      expect((await readPartnership(await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"))).paymentMode).toBe("customer");
    });
  });
});
