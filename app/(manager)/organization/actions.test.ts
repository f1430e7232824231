// The billing details through the action: legal representatives save them (audited), bad input gets a
// precise message in the caller's language, others are refused; issued invoices keep their address.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { placeOrder } from "@/db/orders";
import { seedDemoData } from "@/db/seed";
import { findOffer } from "@/lib/catalogue";
import { customerActor, META } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, orgId, userId } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveBillingDetails } = await import("./actions");

describe.each(enginesUnderTest())("saveBillingDetails on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, lakeside: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    [helvetia, lakeside] = await Promise.all(["Helvetia Bakery SA", "Lakeside IT"].map(orgId)) as [string, string];
  });
  afterAll(async () => { await t.dispose(); });

  const org = async (id: string) => (await getDatabase().db.select().from(getDatabase().schema.organizations).where(eq(getDatabase().schema.organizations.id, id)))[0]!;
  const latestInvoice = async (payer: string) => {
    const { db, schema } = getDatabase();
    return (await db.select().from(schema.invoices).where(eq(schema.invoices.orgId, payer)).orderBy(desc(schema.invoices.seq)).limit(1))[0]!;
  };

  it("saves Claire's new address for invoices issued from now on; issued ones keep theirs; audited once", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const issued = await latestInvoice(helvetia);
    expect(issued.buyer?.address?.street).toBe("Rue de Bourg 15");
    const changes = await countAuditEvents({ kind: "organization.billing_changed" });
    const r = await saveBillingDetails({ street: "Avenue de la Gare 7", postalCode: "1003", city: "Lausanne", country: "CH", iban: "CH9300762011623852957" });
    expect(r).toEqual({ ok: true, message: "Coordonnées de facturation enregistrées. Les factures émises dès maintenant les portent ; les factures émises gardent l’adresse avec laquelle elles ont été émises." });
    // A customer has no payout account: the IBAN is ignored.
    expect(await org(helvetia)).toMatchObject({ billingStreet: "Avenue de la Gare 7", payoutIban: null });
    expect(await countAuditEvents({ kind: "organization.billing_changed" })).toBe(changes + 1);
    expect(await saveBillingDetails({ street: "Avenue de la Gare 7", postalCode: "1003", city: "Lausanne", country: "CH" })).toMatchObject({ ok: true, message: "Rien à enregistrer : les coordonnées n’ont pas changé." });
    expect(await countAuditEvents({ kind: "organization.billing_changed" })).toBe(changes + 1);

    const placed = await placeOrder({
      request: { kind: "new", customerOrgId: helvetia, offer: findOffer("domain-ch")!, label: `org-${engine}.ch` },
      actor: customerActor(await userId("claire@helvetia-bakery.test"), helvetia), meta: META,
    });
    expect(placed.kind).toBe("placed");
    expect((await latestInvoice(helvetia)).buyer?.address).toEqual({ street: "Avenue de la Gare 7", postalCode: "1003", city: "Lausanne", country: "CH" });
    const { db, schema } = getDatabase();
    expect((await db.select().from(schema.invoices).where(and(eq(schema.invoices.id, issued.id))))[0]!.buyer?.address?.street).toBe("Rue de Bourg 15");
  });

  it("checks Sofia's IBAN with its check digits, in Italian, and keeps the last valid one", async () => {
    await signInAs("sofia@lakeside-it.test");
    const base = { street: "Via Nassa 8", postalCode: "6900", city: "Lugano", country: "CH" };
    const bad = await saveBillingDetails({ ...base, iban: "CH93 0076 2011 6238 5295 8" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { iban: ["Le cifre di controllo non corrispondono: verifichi l’IBAN."] } });
    expect((await saveBillingDetails({ ...base, iban: "CH93 0076" })) as unknown).toMatchObject({ fieldErrors: { iban: ["Questo IBAN non ha il numero giusto di caratteri per il suo paese."] } });
    expect((await saveBillingDetails({ ...base, postalCode: "69000" })) as unknown).toMatchObject({ fieldErrors: { postalCode: ["Indichi un NPA (4 cifre in Svizzera)."] } });
    expect((await org(lakeside)).payoutIban).toBe("CH0300700110000123456");
    expect(await saveBillingDetails({ ...base, iban: "ch93 0076 2011 6238 5295 7" })).toMatchObject({ ok: true });
    expect((await org(lakeside)).payoutIban).toBe("CH9300762011623852957");
  });

  it("refuses a QR-IBAN as Sofia's payout account (the bank refuses a transfer to it), and keeps the ordinary one", async () => {
    await signInAs("sofia@lakeside-it.test");
    const base = { street: "Via Nassa 8", postalCode: "6900", city: "Lugano", country: "CH" };
    const changes = await countAuditEvents({ kind: "organization.billing_changed" });
    expect(await saveBillingDetails({ ...base, iban: "CH44 3199 9123 0008 8901 2" })).toMatchObject({
      ok: false, fieldErrors: { iban: ["Questo è un QR-IBAN, che riceve solo pagamenti con QR-fattura: indichi l’IBAN ordinario del conto."] },
    });
    expect((await org(lakeside)).payoutIban).toBe("CH9300762011623852957");
    expect(await countAuditEvents({ kind: "organization.billing_changed" })).toBe(changes);
    // An ordinary IBAN still passes.
    expect(await saveBillingDetails({ ...base, iban: "CH03 0070 0110 0001 2345 6" })).toMatchObject({ ok: true });
    expect((await org(lakeside)).payoutIban).toBe("CH0300700110000123456");
  });

  it("refuses an administrator and a collaborator, and changes nothing", async () => {
    const before = await org(helvetia);
    for (const email of ["hanna@helvetia-bakery.test", "luca@helvetia-bakery.test"]) {
      await signInAs(email);
      expect(await saveBillingDetails({ street: "Nope 1", postalCode: "1000", city: "Nope", country: "CH" }))
        .toEqual({ ok: false, message: "Seul un représentant légal de Helvetia Bakery SA peut modifier ses coordonnées de facturation." });
    }
    expect(await org(helvetia)).toEqual(before);
  });
});
