// Idempotency keys on confirms (issue #8, point 7), through the real payment-mode action on every
// engine: a retry with the key of a change that committed gets that change's result back, never a
// second change and never "changed by someone else meanwhile", including when the commit happened
// and the response was lost.
import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { IDEMPOTENCY_KEYS_PER_USER, IdempotencyKeyTaken, markIdempotentChange, storeIdempotentResult, withIdempotencyScope } from "@/db/idempotency";
import { seedDemoData } from "@/db/seed";
import { translator } from "@/lib/i18n/translator";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { countAuditEvents, partnershipId, readPartnership, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { actAs } from "@/lib/testing/request-stub";
import { changePaymentMode } from "./actions";
import { partnerErrors } from "./messages";

// Claire works in French (db/seed.ts): the action answers her in French.
const STALE = partnerErrors("fr-CH").stale;

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("APP_URL", "https://manager.example.test");
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

// Claire works in French (db/seed.ts): the answers come in her language.
const ALREADY_SAVED = translator("fr-CH", "errors")("alreadySaved");
const UNEXPECTED = translator("fr-CH", "errors")("unexpected");

describe.each(enginesUnderTest())("idempotent confirms on %s", (engine) => {
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
  beforeEach(() => {
    actAs(claire);
    vi.mocked(revalidatePath).mockReset();
  });

  /** The confirm as the dialog sends it: the other mode at the version shown, with the step's key. */
  async function confirm(key: string | null = randomUUID()) {
    const p = await readPartnership(id);
    const input = { partnershipId: id, paymentMode: p.paymentMode === "customer" ? "partner" : "customer", version: p.version };
    return key === null ? input : { ...input, idempotencyKey: key };
  }
  const changes = () => countAuditEvents({ kind: "payment_mode.changed" });

  it("answers a retry with the first result: one change, one set of emails, no refusal", async () => {
    const input = await confirm();
    const first = await changePaymentMode(input);
    expect(first).toMatchObject({ ok: true });
    const before = { p: await readPartnership(id), changes: await changes(), events: await countAuditEvents() };
    const { result, events } = await withNewAuditEvents(() => changePaymentMode(input));
    expect(result).toEqual(first);
    expect(events).toEqual([]);
    expect(await readPartnership(id)).toEqual(before.p);
    expect(await countAuditEvents()).toBe(before.events);
  });

  it("commit happened, response lost (the request failed after the commit), retry: saved once, answered as saved", async () => {
    const input = await confirm();
    const before = await readPartnership(id);
    const changesBefore = await changes();
    // The change commits, then the request fails before the answer is built (as a crash or timeout would).
    vi.mocked(revalidatePath).mockImplementationOnce(() => { throw new Error("connection reset after commit"); });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await changePaymentMode(input)).toEqual({ ok: false, message: UNEXPECTED });
    spy.mockRestore();
    expect(await readPartnership(id)).toMatchObject({ version: before.version + 1, paymentMode: input.paymentMode });

    const { result, events } = await withNewAuditEvents(() => changePaymentMode(input));
    expect(result).toEqual({ ok: true, message: ALREADY_SAVED });
    expect(events).toEqual([]);
    expect(await changes()).toBe(changesBefore + 1);
    expect(await readPartnership(id)).toMatchObject({ version: before.version + 1 });
  });

  it("without a key, the same retry is refused as stale (what the key prevents)", async () => {
    const input = await confirm(null);
    expect(await changePaymentMode(input)).toMatchObject({ ok: true });
    expect(await changePaymentMode(input)).toEqual({ ok: false, message: STALE });
  });

  it("lets two simultaneous requests with one key make one change and answer both as saved", async () => {
    const input = await confirm();
    const changesBefore = await changes();
    const before = await readPartnership(id);
    const results = await Promise.all([changePaymentMode(input), changePaymentMode(input)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await changes()).toBe(changesBefore + 1);
    expect(await readPartnership(id)).toMatchObject({ version: before.version + 1 });
  });

  it("does not remember refusals: a refused confirm can be retried with the same key once fixed", async () => {
    const key = randomUUID();
    const good = await confirm(key);
    expect(await changePaymentMode({ ...good, version: good.version + 5 })).toEqual({ ok: false, message: STALE });
    expect(await changePaymentMode(good)).toMatchObject({ ok: true });
  });

  it("keeps keys per user: another user's identical key is a different key", async () => {
    const key = randomUUID();
    expect(await changePaymentMode(await confirm(key))).toMatchObject({ ok: true });
    actAs(await userId("hanna@helvetia-bakery.test"));
    // Hanna (administrator) is refused on her own merits, not answered with Claire's result.
    expect(await changePaymentMode(await confirm(key))).toMatchObject({ ok: false, message: expect.not.stringContaining("changé en") });
  });

  it("refuses a malformed key with a field error, changing nothing", async () => {
    const before = await readPartnership(id);
    const result = await changePaymentMode({ ...(await confirm()), idempotencyKey: "x\u0001; DROP" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { idempotencyKey: [expect.any(String)] } });
    expect(await readPartnership(id)).toEqual(before);
  });

  // PostgreSQL may abort the transaction that recorded the key and run it again (db/client.ts): the run
  // that commits must record it too. Whether the key is held is read from the database, not remembered.
  it("records the key with the request's committed change, also after a run that rolled back, once across its transactions", async () => {
    const { transaction, db, schema } = getDatabase();
    const k = schema.idempotencyKeys;
    const scope = { userId: claire, key: randomUUID(), action: "test" };
    await withIdempotencyScope(scope, async () => {
      await transaction(async (tx) => {
        await markIdempotentChange(tx, "event-1");
        throw new Error("rolled back after recording the key, as an abort would");
      }).catch(() => {});
      await transaction(async (tx) => {
        await markIdempotentChange(tx, "event-2");
        await markIdempotentChange(tx, "event-3");
      });
      await transaction((tx) => markIdempotentChange(tx, "event-4"));
    });
    const rows = await db.select({ auditEventId: k.auditEventId }).from(k).where(and(eq(k.userId, claire), eq(k.key, scope.key)));
    expect(rows).toEqual([{ auditEventId: "event-2" }]);
    // Another request with the same key cannot commit a change of its own.
    await expect(withIdempotencyScope(scope, () => transaction((tx) => markIdempotentChange(tx, "event-5"))))
      .rejects.toBeInstanceOf(IdempotencyKeyTaken);
  });

  it("forgets a key after 24 hours: the same key makes a new change", async () => {
    const input = await confirm();
    expect(await changePaymentMode(input)).toMatchObject({ ok: true });
    const { db, transaction, schema } = getDatabase();
    const k = schema.idempotencyKeys;
    await transaction((tx) => tx.update(k).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(k.key, (input as { idempotencyKey: string }).idempotencyKey)));
    const again = await confirm((input as { idempotencyKey: string }).idempotencyKey);
    const changesBefore = await changes();
    expect(await changePaymentMode(again)).toMatchObject({ ok: true, message: expect.stringContaining("changé en") });
    expect(await changes()).toBe(changesBefore + 1);
    const [row] = await db.select().from(k).where(eq(k.key, (input as { idempotencyKey: string }).idempotencyKey));
    expect(row!.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps at most the newest keys per user", async () => {
    const { db, schema } = getDatabase();
    const k = schema.idempotencyKeys;
    const hanna = await userId("hanna@helvetia-bakery.test");
    const t0 = Date.now();
    for (let i = 0; i < IDEMPOTENCY_KEYS_PER_USER + 15; i++) {
      await storeIdempotentResult({ userId: hanna, key: `key-${String(i).padStart(4, "0")}-xxxxxxxxxx`, action: "payment_mode.refused", result: { ok: true, message: "m" }, now: new Date(t0 + i) });
    }
    const [n] = await db.select({ n: count() }).from(k).where(eq(k.userId, hanna));
    expect(Number(n!.n)).toBe(IDEMPOTENCY_KEYS_PER_USER);
    const kept = await db.select({ key: k.key }).from(k).where(eq(k.userId, hanna));
    expect(kept.map((r) => r.key)).not.toContain("key-0000-xxxxxxxxxx");
  });
});
