// The payment-mode action under bad, forged, oversized and stale input (PRODUCT.md rules 6 and 7),
// as Claire, who may change the mode: every refusal is a clear message, never a throw, and changes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seedDemoData } from "@/db/seed";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, readPartnership, snapshot, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";
import { changePaymentMode } from "./actions";
import { partnerErrors } from "./messages";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

const HUGE = "x".repeat(10_000);
// Claire works in French (db/seed.ts): every answer is in French.
const { notFound: NOT_FOUND, stale: STALE } = partnerErrors("fr-CH");
const CHECK_FIELDS = "Vérifiez les champs signalés.";

describe.each(enginesUnderTest())("changePaymentMode action input on %s", (engine) => {
  let t: TestDatabase;
  let id: string;
  let claire: string;

  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    id = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    claire = await userId("claire@helvetia-bakery.test");
  });
  afterAll(async () => { await t.dispose(); });
  beforeEach(() => { actAs(claire); });

  /** A valid request for the other mode at the current version, with `patch` applied. */
  async function request(patch: Record<string, unknown> = {}) {
    const p = await readPartnership(id);
    return { partnershipId: id, paymentMode: p.paymentMode === "customer" ? "partner" : "customer", version: p.version, ...patch };
  }

  /** Runs the action and checks it answered a refusal, wrote nothing but one refused audit event. */
  async function refused(input: unknown) {
    const before = await snapshot();
    const { result, events } = await withNewAuditEvents(() => changePaymentMode(input));
    expect(result.ok).toBe(false);
    expect(result.message).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "payment_mode.refused", outcome: "refused", actorUserId: claire });
    return { result, event: events[0]! };
  }

  it.each([
    ["an unknown mode", { paymentMode: "bank" }, "paymentMode"],
    ["a missing mode", { paymentMode: undefined }, "paymentMode"],
    ["a missing id", { partnershipId: undefined }, "partnershipId"],
    ["an empty id", { partnershipId: "" }, "partnershipId"],
    ["a 10,000-character id", { partnershipId: HUGE }, "partnershipId"],
    ["a 10,000-character mode", { paymentMode: HUGE }, "paymentMode"],
    ["an object as id", { partnershipId: { $ne: null } }, "partnershipId"],
    ["the version as a string", { version: "1" }, "version"],
    ["a negative version", { version: -1 }, "version"],
    ["a fractional version", { version: 1.5 }, "version"],
    ["a version that is too large", { version: 1e12 }, "version"],
  ])("refuses %s with a field error", async (_, patch, field) => {
    const { result, event } = await refused(await request(patch));
    expect(result).toMatchObject({ message: CHECK_FIELDS, fieldErrors: { [field]: [expect.any(String)] } });
    expect(event.reason).toBe(`invalid_input: ${field}`);
    expect(JSON.stringify(event)).not.toContain(HUGE.slice(0, 600));
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["an array", ["some-id", "partner", 1]],
    ["a string", "partner"],
    ["a number", 1],
  ])("refuses %s as input", async (_, input) => {
    const { result } = await refused(input);
    expect(result).toMatchObject({ message: CHECK_FIELDS, fieldErrors: { form: [expect.any(String)] } });
  });

  it("refuses FormData, even one carrying valid fields", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(await request())) form.append(k, String(v));
    const { result } = await refused(form);
    expect(result).toMatchObject({ message: CHECK_FIELDS, fieldErrors: { partnershipId: [expect.any(String)] } });
  });

  it.each([
    ["a forged id", () => randomUUID()],
    ["an id with SQL in it", () => "' OR 1=1 --"],
  ])("answers “not found” to %s", async (_, forged) => {
    const { result, event } = await refused(await request({ partnershipId: forged() }));
    expect(result).toEqual({ ok: false, message: NOT_FOUND });
    expect(event.reason).toBe("not_found");
  });

  it("refuses a save made on the version someone else has since changed, as stale", async () => {
    const loaded = await request();
    expect(await changePaymentMode(loaded)).toMatchObject({ ok: true, version: loaded.version + 1 });
    const { result, event } = await refused(loaded);
    expect(result).toEqual({ ok: false, message: STALE });
    expect(event.reason).toBe("stale_version");
  });

  it("refuses a version ahead of the current one as stale", async () => {
    const { result } = await refused(await request({ version: (await readPartnership(id)).version + 1 }));
    expect(result).toEqual({ ok: false, message: STALE });
  });

  it("refuses to “change” to the mode already in place", async () => {
    const current = await readPartnership(id);
    const { result, event } = await refused(await request({ paymentMode: current.paymentMode }));
    expect(result.message).toMatch(/est déjà «/);
    expect(event.reason).toBe("unchanged");
  });

  it("clips an oversized user agent in the audit trail", async () => {
    actAs(claire, null, { userAgent: HUGE, requestId: HUGE });
    // A refusal of its own (an identical one earlier in the window would only be counted on that one).
    const { event } = await refused(await request({ paymentMode: "bank", version: 0 }));
    expect(event.userAgent).toHaveLength(500);
    expect(event.requestId).toHaveLength(500);
  });

  it("saves the first of two simultaneous edits and refuses the second as stale (rule 6)", async () => {
    const before = await readPartnership(id);
    const [a, b] = [await request(), await request()];
    const { result, events } = await withNewAuditEvents(() => Promise.all([changePaymentMode(a), changePaymentMode(b)]));
    expect(result.filter((r) => r.ok)).toHaveLength(1);
    expect(result.filter((r) => !r.ok)).toEqual([{ ok: false, message: STALE }]);
    expect(await readPartnership(id)).toMatchObject({ version: before.version + 1, paymentMode: a.paymentMode });
    expect(events.map((e) => e.outcome).sort()).toEqual(["ok", "refused"]);
    expect(events.find((e) => e.outcome === "ok")?.actorOrgId).toBe(await orgId("Helvetia Bakery SA"));
  });
});
