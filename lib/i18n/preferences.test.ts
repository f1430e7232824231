// The user's language: set once from the browser at the first signed-in request, changed from the
// profile menu (through defineAction), and followed by what the server says and sends — the email to
// Marc in German while Claire works in French. Both engines.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { listMessages } from "@/db/outbox";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, partnershipId, readPartnership, userId } from "@/lib/testing/demo";
import { actAs, browserLanguages } from "@/lib/testing/request-stub";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { getLocale, getTranslations } = await import("./server");
const { changeLocale, changeLocaleFromForm } = await import("@/app/(manager)/preferences-actions");
const { changePaymentMode } = await import("@/app/(manager)/partners/actions");

async function stored(email: string) {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ locale: schema.users.locale, chosen: schema.users.localeChosen }).from(schema.users).where(eq(schema.users.email, email));
  return row;
}

describe.each(enginesUnderTest())("the user's language on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    vi.stubEnv("APP_URL", "https://manager.example.test");
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => { vi.unstubAllEnvs(); await t.dispose(); });

  it("seeds the demo people in their languages, as chosen", async () => {
    expect(await stored("claire@helvetia-bakery.test")).toEqual({ locale: "fr-CH", chosen: true });
    expect(await stored("marc@alpine-web.test")).toEqual({ locale: "de-CH", chosen: true });
    expect(await stored("sofia@lakeside-it.test")).toEqual({ locale: "it-CH", chosen: true });
    expect(await stored("ines@jura-hosting.test")).toEqual({ locale: "en", chosen: true });
    expect(await stored("nora@manager.test")).toEqual({ locale: "en", chosen: true });
  });

  it("a visitor reads the browser's language; a signed-in user their stored one, whatever the browser says", async () => {
    actAs(null);
    browserLanguages("it-CH,it;q=0.9");
    expect(await getLocale()).toBe("it-CH");
    expect((await getTranslations("auth"))("title")).toBe("Accesso");
    actAs(await userId("claire@helvetia-bakery.test"));
    expect(await getLocale()).toBe("fr-CH");
  });

  it("records the browser's language at a user's first request, once", async () => {
    const { db, schema } = getDatabase();
    const ines = await userId("ines@jura-hosting.test");
    await db.update(schema.users).set({ locale: "en", localeChosen: false }).where(eq(schema.users.id, ines));
    actAs(ines);
    browserLanguages("de-DE,de;q=0.9,en;q=0.5");
    expect(await getLocale()).toBe("de-CH");
    expect(await stored("ines@jura-hosting.test")).toEqual({ locale: "de-CH", chosen: true });
    browserLanguages("fr-CH");
    expect(await getLocale()).toBe("de-CH"); // chosen now: the browser no longer decides
  });

  it("changes the language from the profile menu, and answers in it", async () => {
    actAs(await userId("ines@jura-hosting.test"));
    expect(await changeLocale({ locale: "it-CH" })).toEqual({ ok: true, message: "Lingua modificata." });
    expect(await stored("ines@jura-hosting.test")).toEqual({ locale: "it-CH", chosen: true });
    const form = new FormData();
    form.set("locale", "en");
    await changeLocaleFromForm(form);
    expect(await stored("ines@jura-hosting.test")).toEqual({ locale: "en", chosen: true });
  });

  it("refuses a language it does not offer, in the user's language, records the refusal and changes nothing", async () => {
    actAs(await userId("marc@alpine-web.test"));
    const refusals = await countAuditEvents({ kind: "preference.refused" });
    for (const locale of ["es", "de", "", null, "x".repeat(10_000), { toString: () => "en" }]) {
      expect(await changeLocale({ locale })).toEqual({
        ok: false, message: "Prüfen Sie die markierten Felder.", fieldErrors: { locale: ["Wählen Sie eine der angebotenen Sprachen."] },
      });
    }
    expect(await stored("marc@alpine-web.test")).toEqual({ locale: "de-CH", chosen: true });
    expect(await countAuditEvents({ kind: "preference.refused" })).toBeGreaterThan(refusals);
    actAs(null);
    browserLanguages("fr-CH");
    expect(await changeLocale({ locale: "en" })).toEqual({ ok: false, message: "Votre session a expiré. Reconnectez-vous." });
  });

  it("emails Marc in German while Claire works in French, and confirms to Claire in French", async () => {
    const id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    actAs(await userId("claire@helvetia-bakery.test"));
    browserLanguages("en-US");
    const result = await changePaymentMode({ partnershipId: id, paymentMode: "partner", version: (await readPartnership(id)).version });
    expect(result).toMatchObject({ ok: true });
    const messages = await listMessages({ partnershipId: id });
    const toMarc = messages.find((m) => m.toAddress === "marc@alpine-web.test" && m.template === "payment-mode-changed")!;
    expect(toMarc.locale).toBe("de-CH");
    expect(toMarc.subject).toBe("Helvetia Bakery SA hat den Zahlungsmodus auf «Partner zahlt» geändert");
    expect(toMarc.textBody).toContain("Guten Tag Marc Keller");
    expect(toMarc.htmlBody).toContain('<html lang="de-CH">');
    const toClaire = messages.find((m) => m.toAddress === "claire@helvetia-bakery.test" && m.template === "payment-mode-confirmed")!;
    expect(toClaire.locale).toBe("fr-CH");
    expect(toClaire.subject).toBe("Le mode de paiement avec Alpine Web Studio est désormais « Le partenaire paie »");
  });
});
