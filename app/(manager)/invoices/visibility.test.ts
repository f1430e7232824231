// Rule 4 for invoices: the page, the PDF and the CSV rows, as every demo role on both sides, in both modes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { changePaymentMode, getCustomerPartnership } from "@/db/partnerships";
import { placeOrder } from "@/db/orders";
import { seedDemoData } from "@/db/seed";
import { META, partnerActor, productByLabel } from "@/lib/testing/billing";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, userId } from "@/lib/testing/demo";
import { outcomeOf, signInAs } from "@/lib/testing/session";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/session")).requestMock());

const { default: InvoicePage } = await import("./[id]/page");
const { GET: getPdf } = await import("./[id]/pdf/route");
const { GET: getCsv } = await import("./export.csv/route");

// Who is signed in where, and whose invoices they may see: their current organization's, if their role allows.
const VIEWERS: { email: string; org?: string; sees: string | null }[] = [
  { email: "claire@helvetia-bakery.test", sees: "Helvetia Bakery SA" },
  { email: "hanna@helvetia-bakery.test", org: "Helvetia Bakery SA", sees: "Helvetia Bakery SA" },
  { email: "hanna@helvetia-bakery.test", org: "Ticino Vini SA", sees: null },
  { email: "luca@helvetia-bakery.test", sees: null },
  { email: "marc@alpine-web.test", sees: "Alpine Web Studio" },
  { email: "elena@alpine-web.test", sees: "Alpine Web Studio" },
  { email: "sofia@lakeside-it.test", sees: "Lakeside IT" },
  { email: "ines@jura-hosting.test", sees: "Jura Hosting Partners" },
  { email: "nora@manager.test", sees: null },
];

type InvoiceKey = "Helvetia's, issued in customer mode" | "Alpine's for Helvetia, issued in partner mode" | "Alpine's for Matterhorn";
const PAYER: Record<InvoiceKey, "Helvetia Bakery SA" | "Alpine Web Studio"> = {
  "Helvetia's, issued in customer mode": "Helvetia Bakery SA",
  "Alpine's for Helvetia, issued in partner mode": "Alpine Web Studio",
  "Alpine's for Matterhorn": "Alpine Web Studio",
};

describe.each(enginesUnderTest())("who sees which invoice, on %s", (engine) => {
  let t: TestDatabase;
  let helvetia: string, claire: string;
  const invoices = {} as Record<InvoiceKey, string>;

  async function setMode(mode: "customer" | "partner") {
    const p = (await getCustomerPartnership({ id: await partnershipId("Helvetia Bakery SA", "Alpine Web Studio"), customerOrgId: helvetia }))!;
    if (p.paymentMode === mode) return;
    await changePaymentMode({ partnership: p, expectedVersion: p.version, paymentMode: mode, actor: { userId: claire, orgId: helvetia }, meta: META, messages: () => [] });
  }

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    let alpine: string, marc: string, matterhorn: string;
    [helvetia, alpine, matterhorn, claire, marc] = await Promise.all([
      orgId("Helvetia Bakery SA"), orgId("Alpine Web Studio"), orgId("Matterhorn Sports AG"), userId("claire@helvetia-bakery.test"), userId("marc@alpine-web.test"),
    ]);
    const renew = async () => {
      const p = await productByLabel(helvetia, "Mail Service");
      const o = await placeOrder({ request: { kind: "renewal", productId: p.id, expectedRenewalDate: p.renewalDate }, actor: partnerActor(marc, alpine), meta: META });
      if (o.kind !== "placed") throw new Error("renewal refused");
      return o;
    };
    invoices["Helvetia's, issued in customer mode"] = (await renew()).invoiceId;
    await setMode("partner");
    invoices["Alpine's for Helvetia, issued in partner mode"] = (await renew()).invoiceId;
    const { db, schema } = getDatabase();
    const seeded = (await db.select().from(schema.invoices)).find((i) => i.orgId === alpine && i.forOrgId === matterhorn);
    invoices["Alpine's for Matterhorn"] = seeded!.id;
  });
  afterAll(async () => { await t.dispose(); });

  const cases = VIEWERS.flatMap((v) => (["customer", "partner"] as const).flatMap((mode) =>
    (Object.keys(PAYER) as InvoiceKey[]).map((invoice) => ({ ...v, org: v.org ?? "their organization", mode, invoice }))));

  it.each(cases)("$email in $org, now in $mode mode: $invoice", async ({ email, org, sees, mode, invoice }) => {
    await setMode(mode);
    const id = invoices[invoice];
    await signInAs(email, org === "their organization" ? undefined : org);
    const visible = sees === PAYER[invoice];
    const page = await outcomeOf(() => InvoicePage({ params: Promise.resolve({ id }) } as never));
    expect(page === "404").toBe(!visible);
    const pdf = await getPdf(new Request("http://test/pdf") as never, { params: Promise.resolve({ id }) } as never);
    expect(pdf.status).toBe(visible ? 200 : 404);
    if (visible) expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });

  it.each(VIEWERS)("$email: the CSV holds only the own organization's invoices", async ({ email, org, sees }) => {
    await signInAs(email, org);
    const { NextRequest } = await import("next/server");
    const res = await getCsv(new NextRequest("http://test/invoices/export.csv"));
    if (!sees) {
      expect(res.status).toBe(404);
      return;
    }
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toContain("number");
    const { db, schema } = getDatabase();
    const payerId = await orgId(sees);
    const own = (await db.select({ orgId: schema.invoices.orgId }).from(schema.invoices)).filter((i) => i.orgId === payerId);
    expect(lines.length - 1).toBe(own.length);
    // The payer column: every row is the viewer's organization's.
    const payer = lines[0]!.split(",").indexOf("payer");
    expect(payer).toBeGreaterThan(0);
    expect(lines.slice(1).every((l) => l.split(",")[payer] === sees)).toBe(true);
  });

  it("answers 404 to a signed-in viewer for a forged or oversized id, and sends a signed-out one to sign in", async () => {
    await signInAs("claire@helvetia-bakery.test");
    for (const id of ["00000000-0000-4000-8000-000000000000", "x".repeat(65), "' or 1=1 --"]) {
      expect(await outcomeOf(() => InvoicePage({ params: Promise.resolve({ id }) } as never))).toBe("404");
      expect((await getPdf(new Request("http://test") as never, { params: Promise.resolve({ id }) } as never)).status).toBe(404);
    }
    await signInAs(null);
    const id = invoices["Helvetia's, issued in customer mode"];
    expect(await outcomeOf(() => getPdf(new Request("http://test") as never, { params: Promise.resolve({ id }) } as never))).toBe("redirect");
  });
});
