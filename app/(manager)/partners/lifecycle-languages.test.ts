// The customer's lifecycle actions answer in the language of the person who acts (db/seed.ts: Claire and
// Hanna in French, Anna in German, Paolo in Italian), whatever the partner reads. The English answers
// are asserted in lifecycle-actions.test.ts, where everyone is switched to English.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/fake-request";
import { messagesTo } from "@/lib/testing/lifecycle";
import { listOrgProducts } from "@/db/products";
import { changeAccess, endPartnershipAsCustomer, invitePartner, resendInvitation } from "./lifecycle-actions";

vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const HELVETIA = "Helvetia Bakery SA";
const nb = "\u00a0";

describe.each(enginesUnderTest())("lifecycle actions in each person's language on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    vi.stubEnv("APP_URL", "https://manager.example.test");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { vi.unstubAllEnvs(); await t.dispose(); });

  it("answers Claire in French: invitation sent, access unchanged, wrong password", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const jura = await orgId("Jura Hosting Partners");
    expect(await invitePartner({ partnerOrgId: jura, access: "full", paymentMode: "customer", productIds: [] })).toMatchObject({
      ok: true, message: `Invitation envoyée à Jura Hosting Partners${nb}: ses représentants légaux ont reçu par e-mail un lien pour l’accepter ou la refuser.`,
    });
    const lakeside = await partnershipId(HELVETIA, "Lakeside IT");
    const p = await readPartnership(lakeside);
    expect(await changeAccess({ partnershipId: lakeside, version: p.version, access: "full", productIds: [] })).toMatchObject({
      ok: true, message: "Droits d’accès changés en «\u00a0Complet\u00a0». Lakeside IT en a été informé par e-mail.",
    });
    expect(await changeAccess({ partnershipId: lakeside, version: p.version + 1, access: "full", productIds: [] })).toEqual({
      ok: false, message: "Les droits d’accès sont déjà réglés ainsi. Rien n’a changé.",
    });
    const alpine = await partnershipId(HELVETIA, "Alpine Web Studio");
    const wrong = await endPartnershipAsCustomer({ partnershipId: alpine, version: (await readPartnership(alpine)).version, password: "pas-le-bon" });
    expect(wrong).toEqual({
      ok: false, message: "Ce mot de passe n’est pas correct. Rien n’a changé.", fieldErrors: { password: ["Ce mot de passe n’est pas correct. Rien n’a changé."] },
    });
  });

  it("refuses Hanna, an administrator, in French, and Paolo, on another customer's partnership, in Italian", async () => {
    await signInAs("hanna@helvetia-bakery.test", HELVETIA);
    const lakeside = await partnershipId(HELVETIA, "Lakeside IT");
    expect(await endPartnershipAsCustomer({ partnershipId: lakeside, version: (await readPartnership(lakeside)).version, password: "manager-demo" })).toEqual({
      ok: false, message: "Seuls les représentants légaux de votre organisation peuvent mettre fin aux partenariats.",
    });
    const jura = await orgId("Jura Hosting Partners");
    expect(await invitePartner({ partnerOrgId: jura, access: "full", paymentMode: "customer", productIds: [] })).toEqual({
      ok: false, message: "Seuls les représentants légaux de votre organisation peuvent inviter des partenaires.",
    });
    await signInAs("paolo@ticino-vini.test");
    expect(await changeAccess({ partnershipId: lakeside, version: (await readPartnership(lakeside)).version, access: "full", productIds: [] })).toEqual({
      ok: false, message: "Questa partnership non è stata trovata.",
    });
  });

  it("names the products' categories in the partner's language in its email, not as stored (English)", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const lakeside = await partnershipId(HELVETIA, "Lakeside IT");
    const products = await listOrgProducts({ orgId: await orgId(HELVETIA) });
    const italian: Record<string, string> = { "Web hosting": "Hosting web", Domain: "Dominio", "Mail service": "Servizio e-mail" };
    expect(products.length).toBeGreaterThan(1);
    const result = await changeAccess({ partnershipId: lakeside, version: (await readPartnership(lakeside)).version, access: "limited", productIds: products.map((x) => x.id) });
    expect(result.ok, result.message).toBe(true);
    const [mail] = await messagesTo("sofia@lakeside-it.test", "access-changed"); // Sofia reads Italian
    for (const x of products) expect(mail!.textBody).toContain(`${x.label} (${italian[x.category]})`);
    expect(mail!.textBody).not.toMatch(/Web hosting|Mail service/);
  });

  it("answers Anna in German when she resends her pending invitation", async () => {
    await signInAs("anna@zurich-legal.test");
    const pending = await partnershipId("Zürich Legal Partners", "Alpine Web Studio");
    expect(await resendInvitation({ partnershipId: pending, version: (await readPartnership(pending)).version })).toEqual({
      ok: true, message: "Eine neue Einladung wurde per E-Mail an Alpine Web Studio gesendet; der Link der vorherigen E-Mail funktioniert nicht mehr.",
    });
  });
});
