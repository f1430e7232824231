// "Retry now" as each kind of caller, on every engine under test: only an auditor requeues a failed
// notification; every other attempt is refused, changes nothing and is its own audited event.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db/client";
import { enqueueMessages, listMessages } from "@/db/outbox";
import { seedDemoData } from "@/db/seed";
import { SESSION_EXPIRED } from "@/lib/action";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { orgId, partnershipId, refusalCount, userId, withNewAuditEvents } from "@/lib/testing/demo";
import { fingerprint } from "@/lib/testing/fingerprint";
import { settleMessage } from "@/lib/testing/outbox";
import { actAs } from "@/lib/testing/request-stub";
import { retryNotification } from "./actions";
import en from "@/messages/en/audit.json";
import de from "@/messages/de-CH/audit.json";
import fr from "@/messages/fr-CH/audit.json";

// Each caller reads the answer in their own language (db/seed.ts): Nora in English, Claire and Hanna in
// French, Marc in German.
const RETRY_MESSAGES = en.retry;

vi.mock("@/lib/request", async () => (await import("@/lib/testing/request-stub")).requestStub);
vi.mock("@/lib/auth", () => { throw new Error("next-auth must not load: the session comes from the request stub"); });
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/mail/worker", () => ({ kickOutboxWorker: vi.fn() }));
vi.stubEnv("AUTH_SECRET", "a-test-secret-of-at-least-32-characters");

async function message(partnership: string, state: "failed" | "sent"): Promise<string> {
  const dedupeKey = `retry-test:${randomUUID()}`;
  await enqueueMessages(getDatabase().db, [{
    dedupeKey, template: "payment-mode-changed", toUserId: null, toAddress: "marc@alpine-web.test", subject: "Payment mode changed",
    textBody: "t", htmlBody: "h", partnershipId: partnership,
  }]);
  const id = (await listMessages()).find((m) => m.dedupeKey === dedupeKey)!.id;
  await settleMessage(id, state === "sent" ? { sent: new Date() } : { error: "421 try later", retryAt: null });
  return id;
}

const statusOf = async (id: string) => (await listMessages()).find((m) => m.id === id)?.status;

describe.each(enginesUnderTest())("retryNotification on %s", (engine) => {
  let t: TestDatabase;
  let partnership: string, nora: string, helvetia: string, alpine: string;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    partnership = await partnershipId("Helvetia Bakery SA", "Alpine Web Studio");
    [nora, helvetia, alpine] = [await userId("nora@manager.test"), await orgId("Helvetia Bakery SA"), await orgId("Alpine Web Studio")];
  });
  afterAll(async () => { await t.dispose(); });
  beforeEach(() => { vi.mocked(kickOutboxWorker).mockClear(); });

  it("lets Nora, the auditor, requeue a failed notification, audited as notification.retried", async () => {
    const id = await message(partnership, "failed");
    const meta = actAs(nora, null, { requestId: "req-retry-1", ip: "192.0.2.50", userAgent: "Chromium" });
    const { result, events } = await withNewAuditEvents(() => retryNotification({ notificationId: id }));
    expect(result).toEqual({ ok: true, message: "Queued again: the email to marc@alpine-web.test is sent at the worker’s next run." });
    expect(await statusOf(id)).toBe("pending");
    expect(events).toMatchObject([{
      kind: "notification.retried", outcome: "ok", actorUserId: nora, actorOrgId: null, partnershipId: partnership,
      customerOrgId: helvetia, partnerOrgId: alpine, requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent,
      before: { notificationId: id, status: "failed", attempts: 1 }, after: { notificationId: id, status: "pending" },
    }]);
    expect(vi.mocked(kickOutboxWorker)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(revalidatePath)).toHaveBeenCalledWith("/audit", "layout");
  });

  it.each([
    ["Claire, the customer's legal representative", "claire@helvetia-bakery.test", fr.retry.role],
    ["Marc, the recipient's legal representative", "marc@alpine-web.test", de.retry.role],
    ["Hanna, an administrator", "hanna@helvetia-bakery.test", fr.retry.role],
  ])("refuses %s: only auditors retry", async (_, email, refusal) => {
    const id = await message(partnership, "failed");
    const user = await userId(email);
    actAs(user);
    const before = await fingerprint();
    const { result, events } = await withNewAuditEvents(() => retryNotification({ notificationId: id }));
    expect(result).toEqual({ ok: false, message: refusal });
    expect(await fingerprint()).toEqual(before);
    expect(await statusOf(id)).toBe("failed");
    expect(events).toMatchObject([{ kind: "notification.refused", outcome: "refused", reason: "role", actorUserId: user, after: { notificationId: id } }]);
    expect(vi.mocked(kickOutboxWorker)).not.toHaveBeenCalled();
  });

  it("refuses what is not a failed notification, naming the partnership when there is one", async () => {
    actAs(nora);
    const sent = await message(partnership, "sent");
    const before = await fingerprint();
    const { result, events } = await withNewAuditEvents(async () => [
      await retryNotification({ notificationId: sent }),
      await retryNotification({ notificationId: randomUUID() }),
    ]);
    expect(result).toEqual([{ ok: false, message: RETRY_MESSAGES.notFailed }, { ok: false, message: RETRY_MESSAGES.notFound }]);
    expect(await fingerprint()).toEqual(before);
    expect(events).toMatchObject([
      { kind: "notification.refused", reason: "not_failed: sent", partnershipId: partnership, customerOrgId: helvetia },
      { kind: "notification.refused", reason: "not_found", partnershipId: null },
    ]);
  });

  it("refuses bad input with field errors, audited with field names only", async () => {
    actAs(nora);
    const { result, events } = await withNewAuditEvents(async () => [
      await retryNotification({}),
      await retryNotification({ notificationId: "x".repeat(65), password: "hunter2-secret" }),
    ]);
    expect(result).toMatchObject([
      { ok: false, message: "Check the highlighted fields.", fieldErrors: { notificationId: [expect.any(String)] } },
      { ok: false, fieldErrors: { notificationId: ["Identifier is too long."] } },
    ]);
    // The second, identical refusal is counted on the first event rather than appended (docs/audit.md).
    expect(events.map((e) => [e.kind, e.reason])).toEqual([["notification.refused", "invalid_input: notificationId"]]);
    expect(await refusalCount(events[0]!.id)).toBe(2);
    expect(JSON.stringify(events)).not.toContain("hunter2");
  });

  it("answers a missing session as expired, writing nothing", async () => {
    const id = await message(partnership, "failed");
    actAs(null);
    const { result, events } = await withNewAuditEvents(() => retryNotification({ notificationId: id }));
    expect(result).toEqual({ ok: false, message: SESSION_EXPIRED });
    expect(events).toEqual([]);
    expect(await statusOf(id)).toBe("failed");
  });

  it("re-reads the auditor flag on every call", async () => {
    const { db, schema } = getDatabase();
    const id = await message(partnership, "failed");
    actAs(nora);
    await db.update(schema.users).set({ isAuditor: false }).where(eq(schema.users.id, nora));
    try {
      expect(await retryNotification({ notificationId: id })).toEqual({ ok: false, message: RETRY_MESSAGES.role });
      expect(await statusOf(id)).toBe("failed");
    } finally {
      await db.update(schema.users).set({ isAuditor: true }).where(eq(schema.users.id, nora));
    }
    expect(await retryNotification({ notificationId: id })).toMatchObject({ ok: true });
  });
});
