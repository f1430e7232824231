// A payment-mode change also confirms itself to the customer's legal representatives, in the same transaction.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listMessages } from "@/db/outbox";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { partnershipId, readPartnership } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/fake-request";
import { world } from "@/lib/testing/lifecycle";
import { changePaymentMode } from "./actions";
import { speakEnglish } from "@/lib/testing/i18n";

vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

describe.each(enginesUnderTest())("payment-mode confirmation on %s", (engine) => {
  let t: TestDatabase;
  let id: string;

  beforeAll(async () => {
    vi.stubEnv("APP_URL", "https://manager.example.test");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");
    t = await useTestDatabase(engine);
    await seedDemoData();
    await speakEnglish(); // asserts the English text of the confirmation email (the templates: lib/mail)
    id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
  });
  afterAll(async () => { vi.unstubAllEnvs(); await t.dispose(); });

  it("emails the partner and confirms to each customer legal representative, tied to the same audit event", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const result = await changePaymentMode({ partnershipId: id, paymentMode: "partner", version: (await readPartnership(id)).version });
    expect(result).toMatchObject({ ok: true });
    const messages = await listMessages({ partnershipId: id });
    expect(messages.map((m) => [m.template, m.toAddress]).sort()).toEqual([
      ["payment-mode-changed", "marc@alpine-web.test"],
      ["payment-mode-confirmed", "claire@helvetia-bakery.test"],
    ]);
    const confirmation = messages.find((m) => m.template === "payment-mode-confirmed")!;
    expect(confirmation.subject).toBe("Payment mode with Alpine Web Studio is now “Partner pays”");
    expect(confirmation.textBody).toContain("Claire Dubois changed the payment mode of Helvetia Bakery SA’s partnership with Alpine Web Studio from “Customer pays” to “Partner pays”");
    expect(confirmation.textBody).toContain(`https://manager.example.test/partners/${id}`);
    expect(new Set(messages.map((m) => m.auditEventId)).size).toBe(1);
    expect(new Set(messages.map((m) => m.dedupeKey)).size).toBe(2);
  });

  it("sends nothing, to anyone, when the change is refused", async () => {
    await signInAs("hanna@helvetia-bakery.test", "Helvetia Bakery SA");
    const before = await world();
    expect(await changePaymentMode({ partnershipId: id, paymentMode: "customer", version: (await readPartnership(id)).version })).toMatchObject({ ok: false });
    expect(await world()).toEqual(before);
  });
});
