// Whatever text an event carries (NUL, control characters, lone surrogates, any Unicode, in any column
// or inside before/after, keys included), what is stored is what was hashed: `npm run audit:verify`'s
// code verifies every event written through the app, on both engines (issue #8, point 1).
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEventHash } from "@/lib/audit-hash";
import { AUDIT_KINDS } from "@/lib/domain";
import { translator } from "@/lib/i18n/translator";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { partnershipId, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";
import { insertAuditEvent, recordRefusal } from "./audit";
import { verifyAuditChain } from "./audit-verify";
import { getDatabase, setDatabase } from "./client";
import { seedDemoData } from "./seed";

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

// Any UTF-16 unit (lone surrogates, NUL, C0/C1 controls) as well as any code point.
const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit, maxLength: 40 }), fc.constant("\u0000"), fc.constant("__proto__"));
const nullableText = fc.option(text, { nil: null });
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const record = fc.option(fc.dictionary(text, json, { maxKeys: 5 }), { nil: null });

const event = fc.record({
  kind: fc.constantFrom(...AUDIT_KINDS),
  outcome: fc.constantFrom("ok" as const, "refused" as const),
  reason: nullableText, actorUserId: nullableText, actorOrgId: nullableText, partnershipId: nullableText,
  customerOrgId: nullableText, partnerOrgId: nullableText, before: record, after: record,
  meta: fc.record({ requestId: text, ip: nullableText, userAgent: nullableText }),
});

describe.each(enginesUnderTest())("audit text on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("stores exactly what it hashed, for arbitrary Unicode in every field: each event and the whole chain verify", { timeout: 120_000 }, async () => {
    const { db, schema } = getDatabase();
    await fc.assert(fc.asyncProperty(event, async (e) => {
      const id = await getDatabase().transaction((tx) => insertAuditEvent(tx, e as Parameters<typeof insertAuditEvent>[1]));
      const [row] = await db.select().from(schema.auditEvents).where(eq(schema.auditEvents.id, id));
      expect(auditEventHash(row!)).toBe(row!.hash);
    }), { numRuns: 150 });
    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true });
  });

  it("records refusals with any text the same way", { timeout: 60_000 }, async () => {
    await fc.assert(fc.asyncProperty(event, async (e) => {
      await recordRefusal({ ...e, actorUserId: e.actorUserId ?? "someone", kind: "payment_mode.refused" });
    }), { numRuns: 60 });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("refuses an action whose id holds NUL with a clear message, audits the refusal, and the chain still verifies", async () => {
    const { changePaymentMode } = await import("@/app/(manager)/partners/actions");
    const claire = await userId("claire@helvetia-bakery.test");
    actAs(claire);
    const { result, events } = await withNewAuditEvents(() => changePaymentMode({ partnershipId: "\u0000\u0001", paymentMode: "partner", version: 1 }));
    // In Claire's language (French): the text cannot be stored.
    expect(result).toMatchObject({ ok: false, fieldErrors: { form: [translator("fr-CH", "validation")("unstorableText")] } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "payment_mode.refused", outcome: "refused", actorUserId: claire, partnershipId: "\\u0000\\u0001" });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("audits a control character that reaches the body (SOH in an id) and the chain still verifies", async () => {
    const { changePaymentMode } = await import("@/app/(manager)/partners/actions");
    const claire = await userId("claire@helvetia-bakery.test");
    actAs(claire, null, { userAgent: "agent\u0007\u009b" });
    const real = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    const { result, events } = await withNewAuditEvents(() => changePaymentMode({ partnershipId: `${real}\u0001`, paymentMode: "partner", version: 1 }));
    expect(result).toMatchObject({ ok: false });
    expect(events[0]).toMatchObject({ partnershipId: `${real}\\u0001`, userAgent: "agent\\u0007\\u009b" });
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
