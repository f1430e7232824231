// Ending a partnership asks for the password, five attempts per user in 15 minutes. Forty wrong
// passwords sent at once, from the customer's and the partner's side, check the password at most five
// times in all: each attempt reserves its slot in the database before the password is compared.
import { describe, expect, it, vi } from "vitest";
import { lifecycleMessages } from "@/lib/lifecycle-messages";
import { enginesUnderTest } from "@/lib/testing/db";
import { seededDatabaseFor } from "@/lib/testing/demo-database";
import { partnershipId, readPartnership } from "@/lib/testing/demo";
import { signInAs } from "@/lib/testing/fake-request";

const checks = vi.hoisted(() => ({ n: 0 }));
vi.mock("@/lib/password", async (original) => {
  const real = await original<typeof import("@/lib/password")>();
  return { ...real, verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => { checks.n++; return real.verifyPassword(...args); } };
});
vi.mock("@/lib/request", () => import("@/lib/testing/fake-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: () => {} }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-000");

const { endPartnershipAsCustomer } = await import("./lifecycle-actions");
const { endPartnershipAsPartner } = await import("../clients/actions");

describe.each(enginesUnderTest())("the end-partnership password throttle under concurrency on %s", (engine) => {
  seededDatabaseFor(engine);

  it.each([
    ["the customer's legal representative", "claire@helvetia-bakery.test", endPartnershipAsCustomer, "fr-CH"],
    ["the partner's legal representative", "marc@alpine-web.test", endPartnershipAsPartner, "de-CH"],
  ] as const)("%s: 40 parallel wrong passwords, at most 5 checked", async (_who, email, end, locale) => {
    // Answered in the person's own language (Claire French, Marc German).
    const { wrongPassword: WRONG_PASSWORD, tooManyPasswords: TOO_MANY_PASSWORD_ATTEMPTS } = lifecycleMessages(locale);
    await signInAs(email);
    const id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const { version } = await readPartnership(id);
    checks.n = 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => end({ partnershipId: id, version, password: `guess-${i}` })));
    expect(checks.n).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.message === WRONG_PASSWORD)).toHaveLength(checks.n);
    expect(results.filter((r) => r.message === TOO_MANY_PASSWORD_ATTEMPTS)).toHaveLength(40 - checks.n);
    // Even the right password is not checked any more.
    expect(await end({ partnershipId: id, version, password: "manager-demo" })).toMatchObject({ ok: false, message: TOO_MANY_PASSWORD_ATTEMPTS });
    expect(checks.n).toBeLessThanOrEqual(5);
    expect(await readPartnership(id)).toMatchObject({ status: "active" });
  });
});
