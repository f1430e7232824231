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
    // Claire is the one who changed it: her copy says so, instead of "Hello Claire Dubois, Claire Dubois changed…".
    expect(confirmation.textBody).toContain("You changed the payment mode of Helvetia Bakery SA’s partnership with Alpine Web Studio from “Customer pays” to “Partner pays” on ");
    expect(confirmation.textBody.match(/Claire Dubois/g)).toHaveLength(1);
    // Both wait for the coalescing window (MAIL_COALESCE_SECONDS, 120 by default) before they are due.
    for (const m of messages) expect(m.nextAttemptAt.getTime() - m.createdAt.getTime()).toBe(120_000);
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

  it("a change back within the window rewrites the waiting emails instead of queueing more", async () => {
    await signInAs("claire@helvetia-bakery.test");
    const first = await listMessages({ partnershipId: id });
    const result = await changePaymentMode({ partnershipId: id, paymentMode: "customer", version: (await readPartnership(id)).version });
    expect(result).toMatchObject({ ok: true });
    const messages = await listMessages({ partnershipId: id });
    expect(messages.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
    const toMarc = messages.find((m) => m.template === "payment-mode-changed")!;
    expect(toMarc.subject).toBe("Helvetia Bakery SA changed the payment mode and back: it is “Customer pays” again");
    expect(toMarc.textBody).toContain("This email sums up 2 changes made between");
    const toClaire = messages.find((m) => m.template === "payment-mode-confirmed")!;
    expect(toClaire.textBody).toContain("You changed the payment mode of Helvetia Bakery SA’s partnership with Alpine Web Studio and then changed it back");
    // Still due when the first change's window ends, tied to the last change's audit event.
    for (const m of messages) expect(m.nextAttemptAt).toEqual(first.find((f) => f.id === m.id)!.nextAttemptAt);
    expect(new Set(messages.map((m) => m.auditEventId)).size).toBe(1);
    expect(messages[0]!.auditEventId).not.toBe(first[0]!.auditEventId);
  });
});
