// The order, renew and withdrawal actions as each demo role and as other organizations: the authorization matrix.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { seedDemoData } from "@/db/seed";
import { SESSION_EXPIRED } from "@/lib/action";
import { CATALOGUE } from "@/lib/catalogue";
import { balanceOf, counts, productByLabel } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";
import en from "@/messages/en/products.json";
import { speakEnglish } from "@/lib/testing/i18n";

const { clientNotFound: CLIENT_NOT_FOUND, limitedPartner: LIMITED_PARTNER, orderRole: ORDER_ROLE, productNotFound: PRODUCT_NOT_FOUND } = en.errors;

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { orderProduct, quoteNewOrder, renewProduct } = await import("./actions");
const { requestWithdrawal } = await import("../prepaid/actions");

describe.each(enginesUnderTest())("billing actions on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, ticino: string, basel: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    await speakEnglish(); // asserts the English texts of actions not converted yet (docs/i18n.md)
    [helvetia, ticino, basel] = await Promise.all(["Helvetia Bakery SA", "Ticino Vini SA", "Basel Pharma Consulting AG"].map(orgId)) as [string, string, string];
  });
  afterAll(async () => { await t.dispose(); });

  /** Renews a Helvetia product as someone; returns the result and whether anything was written. */
  async function renewAs(email: string | null, label: string, org?: string) {
    await signInAs(email, org);
    const p = await productByLabel(helvetia, label);
    const before = await counts();
    const refusedBefore = await countAuditEvents({ kind: "order.refused" });
    const result = await renewProduct({ productId: p.id, renewalDate: p.renewalDate });
    const after = await counts();
    return { result, wrote: after.orders - before.orders, refusalsAudited: (await countAuditEvents({ kind: "order.refused" })) - refusedBefore };
  }

  it.each([
    ["claire@helvetia-bakery.test", undefined, "Helvetia Bakery SA"],
    ["hanna@helvetia-bakery.test", "Helvetia Bakery SA", "Helvetia Bakery SA"],
    ["marc@alpine-web.test", undefined, "Helvetia Bakery SA"],
  ])("%s (in %s) renews a Helvetia product; the invoice goes to %s", async (email, org, payer) => {
    const r = await renewAs(email, "Web Hosting Starter", org ?? undefined);
    expect(r.result.ok).toBe(true);
    expect(r.wrote).toBe(1);
    expect(r.result.message).toMatch(new RegExp(`Invoice INV-\\d{6} \\(CHF\\s[\\d.’]+\\) was issued to ${payer}\\.`));
  });

  it.each([
    ["luca@helvetia-bakery.test", undefined, "Web Hosting Starter", ORDER_ROLE],
    ["hanna@helvetia-bakery.test", "Ticino Vini SA", "Web Hosting Starter", PRODUCT_NOT_FOUND],
    ["elena@alpine-web.test", undefined, "Web Hosting Starter", ORDER_ROLE],
    ["sofia@lakeside-it.test", undefined, "Web Hosting Starter", PRODUCT_NOT_FOUND],
    ["sofia@lakeside-it.test", undefined, "Domain .ch", LIMITED_PARTNER],
    ["ines@jura-hosting.test", undefined, "Web Hosting Starter", PRODUCT_NOT_FOUND],
    ["paolo@ticino-vini.test", undefined, "Web Hosting Starter", PRODUCT_NOT_FOUND],
    ["nora@manager.test", undefined, "Web Hosting Starter", PRODUCT_NOT_FOUND],
  ])("%s (in %s) cannot renew Helvetia's %s: %s", async (email, org, label, message) => {
    const r = await renewAs(email, label, org ?? undefined);
    expect(r.result).toEqual({ ok: false, message });
    expect(r.wrote).toBe(0);
    expect(r.refusalsAudited).toBe(1);
  });

  it("refuses without a session, and refuses a forged product id or a malformed date with nothing written", async () => {
    expect((await renewAs(null, "Web Hosting Starter")).result).toEqual({ ok: false, message: SESSION_EXPIRED });
    await signInAs("claire@helvetia-bakery.test");
    const before = await counts();
    expect(await renewProduct({ productId: "00000000-0000-4000-8000-000000000000", renewalDate: "2026-01-01" })).toEqual({ ok: false, message: PRODUCT_NOT_FOUND });
    expect(await renewProduct({ productId: "x".repeat(5000), renewalDate: "2026-01-01" })).toMatchObject({ ok: false, fieldErrors: { productId: [expect.any(String)] } });
    expect(await renewProduct({ productId: "p", renewalDate: "tomorrow" })).toMatchObject({ ok: false, fieldErrors: { renewalDate: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a renewal made on a stale renewal date", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const p = await productByLabel(helvetia, "Mail Service");
    expect((await renewProduct({ productId: p.id, renewalDate: p.renewalDate })).ok).toBe(true);
    const again = await renewProduct({ productId: p.id, renewalDate: p.renewalDate });
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/renewed by someone else meanwhile/) });
  });

  describe("orderProduct", () => {
    const order = (customerOrgId?: string) => orderProduct({ offer: "domain-com", label: "bakery-shop.com", customerOrgId });

    it("lets Claire order for Helvetia and Marc order for his full-access client", async () => {
      await signInAs("claire@helvetia-bakery.test");
      expect(await order()).toMatchObject({ ok: true, message: expect.stringMatching(/issued to Helvetia Bakery SA/) });
      await signInAs("marc@alpine-web.test");
      expect(await order(helvetia)).toMatchObject({ ok: true, message: expect.stringMatching(/issued to Helvetia Bakery SA\. You earn CHF\s3\.98 cashback\./) });
      const { db, schema } = getDatabase();
      const created = await db.select().from(schema.products).where(and(eq(schema.products.orgId, helvetia), eq(schema.products.label, "bakery-shop.com")));
      expect(created).toHaveLength(2);
    });

    it.each([
      ["marc@alpine-web.test", "ticino", LIMITED_PARTNER],
      ["marc@alpine-web.test", "basel", CLIENT_NOT_FOUND],
      ["sofia@lakeside-it.test", "helvetia", LIMITED_PARTNER],
      ["luca@helvetia-bakery.test", null, ORDER_ROLE],
      ["elena@alpine-web.test", "helvetia", ORDER_ROLE],
    ])("refuses %s ordering for %s", async (email, target, message) => {
      await signInAs(email);
      const before = await counts();
      const customer = target === "ticino" ? ticino : target === "basel" ? basel : target === "helvetia" ? helvetia : undefined;
      expect(await order(customer)).toEqual({ ok: false, message });
      expect(await counts()).toEqual(before);
    });

    it("refuses unknown offers and oversized names with field errors", async () => {
      await signInAs("claire@helvetia-bakery.test");
      expect(await orderProduct({ offer: "free-lunch", label: "x" })).toMatchObject({ ok: false, fieldErrors: { offer: [expect.any(String)], label: [expect.any(String)] } });
      expect(await orderProduct({ offer: "domain-ch", label: "y".repeat(10_000) })).toMatchObject({ ok: false, fieldErrors: { label: [expect.any(String)] } });
      await signInAs("marc@alpine-web.test");
      expect(await orderProduct({ offer: "domain-ch", label: "shop.ch" })).toMatchObject({ ok: false, fieldErrors: { customerOrgId: ["Choose a client."] } });
    });
  });

  describe("quoteNewOrder", () => {
    it("quotes every offer at the chosen client's price, with what the order would then invoice", async () => {
      await signInAs("marc@alpine-web.test");
      const r = await quoteNewOrder({ customerOrgId: helvetia });
      if (!r.ok) throw new Error(r.message);
      expect(r.quotes.map((q) => q.code)).toEqual(CATALOGUE.map((o) => o.code));
      const com = r.quotes.find((q) => q.code === "domain-com")!;
      expect(com.quote).toMatch(/CHF\s21\.51/);
      expect(com.quote).toMatch(/CHF\s3\.98/);
      const placed = await orderProduct({ offer: "domain-com", label: "quoted-shop.com", customerOrgId: helvetia });
      expect(placed).toMatchObject({ ok: true, message: expect.stringMatching(/\(CHF\s21\.51\) was issued to Helvetia Bakery SA\. You earn CHF\s3\.98 cashback\./) });
      await signInAs("claire@helvetia-bakery.test");
      expect(await quoteNewOrder({ customerOrgId: helvetia })).toMatchObject({ ok: true, quotes: expect.arrayContaining([expect.objectContaining({ code: "domain-com" })]) });
    });

    it.each([
      ["marc@alpine-web.test", "ticino", LIMITED_PARTNER],
      ["marc@alpine-web.test", "basel", CLIENT_NOT_FOUND],
      ["sofia@lakeside-it.test", "helvetia", LIMITED_PARTNER],
      ["claire@helvetia-bakery.test", "ticino", CLIENT_NOT_FOUND],
      ["luca@helvetia-bakery.test", "helvetia", ORDER_ROLE],
      ["elena@alpine-web.test", "helvetia", ORDER_ROLE],
    ])("refuses %s a quote for %s, writing nothing", async (email, target, message) => {
      await signInAs(email);
      const before = await counts();
      const customer = target === "ticino" ? ticino : target === "basel" ? basel : helvetia;
      expect(await quoteNewOrder({ customerOrgId: customer })).toEqual({ ok: false, message });
      expect(await counts()).toEqual(before);
    });

    it("refuses without a session, and refuses a missing or oversized client id with a field error", async () => {
      await signInAs(null);
      expect(await quoteNewOrder({ customerOrgId: helvetia })).toEqual({ ok: false, message: SESSION_EXPIRED });
      await signInAs("marc@alpine-web.test");
      expect(await quoteNewOrder({})).toMatchObject({ ok: false, fieldErrors: { customerOrgId: [expect.any(String)] } });
      expect(await quoteNewOrder({ customerOrgId: "x".repeat(5000) })).toMatchObject({ ok: false, fieldErrors: { customerOrgId: [expect.any(String)] } });
    });
  });

  describe("requestWithdrawal", () => {
    it("debits Marc's account within the balance, refuses above it, and refuses everyone else", async () => {
      const alpine = await orgId("Alpine Web Studio");
      await signInAs("marc@alpine-web.test");
      const balance = await balanceOf(alpine);
      expect(await requestWithdrawal({ amount: "1.50" })).toMatchObject({ ok: true, balanceMinor: balance - 150 });
      const over = await requestWithdrawal({ amount: `${balance}` });
      expect(over).toMatchObject({ ok: false, fieldErrors: { amount: [expect.stringMatching(/at most/)] } });
      for (const email of ["elena@alpine-web.test", "claire@helvetia-bakery.test", "nora@manager.test"]) {
        await signInAs(email);
        expect(await requestWithdrawal({ amount: "1.00" })).toMatchObject({ ok: false, message: expect.stringMatching(/legal representatives/) });
      }
      await signInAs("marc@alpine-web.test");
      expect(await requestWithdrawal({ amount: "-5" })).toMatchObject({ ok: false, fieldErrors: { amount: [expect.any(String)] } });
      expect(await balanceOf(alpine)).toBe(balance - 150);
    });
  });
});
