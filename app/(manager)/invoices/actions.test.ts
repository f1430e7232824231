// Paying an invoice from the prepaid account through the action, as each role would: Marc (legal
// representative of Alpine, German) pays once; everyone else, another organization's invoice, a second
// payment and an empty account are refused in the caller's language, changing nothing.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { placeOrder } from "@/db/orders";
import { seedDemoData } from "@/db/seed";
import { findOffer } from "@/lib/catalogue";
import { balanceOf, creditPrepaid, META, partnerActor } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, userId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { payInvoice } = await import("./actions");

describe.each(enginesUnderTest())("payInvoice on %s", (engine) => {
  let t: TestDatabase;
  let alpine: string, matterhorn: string, helvetia: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [alpine, matterhorn, helvetia] = await Promise.all(["Alpine Web Studio", "Matterhorn Sports AG", "Helvetia Bakery SA"].map(orgId)) as [string, string, string];
  });
  afterAll(async () => { await t.dispose(); });

  async function alpineInvoice() {
    const placed = await placeOrder({
      request: { kind: "new", customerOrgId: matterhorn, offer: findOffer("domain-com")!, label: `pay-${Math.random().toString(36).slice(2, 8)}.com` },
      actor: partnerActor(await userId("marc@alpine-web.test"), alpine), meta: META,
    });
    if (placed.kind !== "placed") throw new Error("order refused");
    return placed;
  }
  const status = async (id: string) => {
    const { db, schema } = getDatabase();
    return (await db.select({ s: schema.invoices.status }).from(schema.invoices).where(eq(schema.invoices.id, id)))[0]!.s;
  };

  it("says in German why Marc cannot pay from an empty account, and pays once it holds enough", async () => {
    const inv = await alpineInvoice();
    await signInAs("marc@alpine-web.test");
    const balance = await balanceOf(alpine);
    if (balance >= 1_721) throw new Error("the demo account was expected to hold less than the invoice");
    expect(await payInvoice({ invoiceId: inv.invoiceId })).toEqual({
      ok: false, message: `Das Prepaid-Konto enthält CHF\u00a0${(balance / 100).toFixed(2)}: zu wenig, um CHF\u00a017.21 zu bezahlen.`,
    });
    expect(await status(inv.invoiceId)).toBe("unpaid");

    await creditPrepaid(alpine, 5_000);
    const before = await balanceOf(alpine);
    const paid = await payInvoice({ invoiceId: inv.invoiceId });
    expect(paid).toMatchObject({ ok: true, balanceMinor: before - 1_721 });
    expect(paid.message).toBe(`Die Rechnung ${inv.invoiceNumber} ist bezahlt: CHF\u00a017.21 wurde dem Prepaid-Konto belastet. Neues Guthaben: CHF\u00a0${((before - 1_721) / 100).toFixed(2)}.`);
    expect(await status(inv.invoiceId)).toBe("paid");

    const refusedBefore = await countAuditEvents({ kind: "invoice.payment_refused" });
    expect(await payInvoice({ invoiceId: inv.invoiceId })).toEqual({ ok: false, message: "Diese Rechnung ist bereits bezahlt: Es wurde nichts belastet." });
    expect(await balanceOf(alpine)).toBe(before - 1_721);
    expect(await countAuditEvents({ kind: "invoice.payment_refused" })).toBe(refusedBefore + 1);
  });

  it("refuses Alpine's administrator, the customer's legal representative, and another organization's invoice", async () => {
    await creditPrepaid(alpine, 5_000);
    const inv = await alpineInvoice();
    const before = await balanceOf(alpine);
    await signInAs("elena@alpine-web.test");
    expect(await payInvoice({ invoiceId: inv.invoiceId })).toEqual({ ok: false, message: "Nur ein gesetzlicher Vertreter von Alpine Web Studio kann Rechnungen mit dem Prepaid-Konto bezahlen." });
    await signInAs("claire@helvetia-bakery.test");
    expect(await payInvoice({ invoiceId: inv.invoiceId })).toEqual({ ok: false, message: "Seuls les partenaires paient avec un compte prépayé, et seulement les factures qui leur sont adressées." });
    await signInAs("marc@alpine-web.test");
    const { db, schema } = getDatabase();
    const [theirs] = await db.select({ id: schema.invoices.id }).from(schema.invoices).where(and(eq(schema.invoices.orgId, helvetia), eq(schema.invoices.status, "unpaid"))).limit(1);
    expect(await payInvoice({ invoiceId: theirs!.id })).toEqual({ ok: false, message: "Diese Rechnung wurde nicht gefunden." });
    expect(await status(inv.invoiceId)).toBe("unpaid");
    expect(await balanceOf(alpine)).toBe(before);
  });
});
