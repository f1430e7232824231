// Delivery against a real SMTP server on loopback, on every database engine under test.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "@/db/client";
import { enqueueMessages, listMessages, type NewMessage } from "@/db/outbox";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createTransport, messageIdFor } from "./transport";
import { deliverDueMessages, kickOutboxWorker, MAX_ATTEMPTS, startOutboxWorker, stopOutboxWorker } from "./worker";

const FROM = "Partner Manager <no-reply@partner-manager.test>";

type Smtp = { url: string; port: number; received: ParsedMail[]; recipients: string[][]; close(): Promise<void> };

/**
 * A real SMTP server; with `reject`, it answers every message with a temporary 451 failure; with
 * `delayMs`, it answers each message that long after its end (a slow or tarpitting server).
 */
async function startSmtp({ port = 0, reject = false, delayMs = 0 } = {}): Promise<Smtp> {
  const received: ParsedMail[] = [];
  const recipients: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      if (reject) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((mail) => setTimeout(() => {
        received.push(mail);
        recipients.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      }, delayMs), callback);
    },
  });
  await new Promise<void>((resolve, fail) => {
    server.server.once("error", fail);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`, port: bound, received, recipients,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function message(n: number): NewMessage {
  return {
    dedupeKey: `test:${n}:${randomUUID()}`,
    template: "test",
    toUserId: null,
    toAddress: `partner${n}@example.test`,
    subject: `Payment mode changed ${n}`,
    textBody: `Body ${n}`,
    htmlBody: `<p>Body ${n}</p>`,
  };
}

const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe.each(enginesUnderTest())("outbox delivery on %s", (engine) => {
  let testDb: TestDatabase;
  const servers: Smtp[] = [];
  const smtp = async (options?: { port?: number; reject?: boolean; delayMs?: number }) => {
    const s = await startSmtp(options);
    servers.push(s);
    return s;
  };

  beforeAll(async () => {
    testDb = await useTestDatabase(engine);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    setDatabase(undefined);
    await testDb.dispose();
  });
  beforeEach(async () => {
    const { db, schema } = getDatabase();
    await db.delete(schema.outbox);
  });

  it("sends a queued message once, with a stable Message-ID, and marks it sent", async () => {
    const server = await smtp();
    const transport = createTransport({ smtpUrl: server.url, from: FROM });
    await enqueueMessages(getDatabase().db, [message(1)]);

    expect(await deliverDueMessages({ transport })).toEqual({ claimed: 1, sent: 1, failed: 0, released: 0 });
    const [row] = await listMessages();
    expect(server.received).toHaveLength(1);
    expect(server.recipients[0]).toEqual(["partner1@example.test"]);
    expect(server.received[0]?.subject).toBe("Payment mode changed 1");
    expect(server.received[0]?.text?.trim()).toBe("Body 1");
    expect(server.received[0]?.messageId).toBe(messageIdFor(row!, FROM));
    expect(row).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);

    expect(await deliverDueMessages({ transport, now: later(new Date(), 24 * 3600_000) })).toEqual({ claimed: 0, sent: 0, failed: 0, released: 0 });
    expect(server.received).toHaveLength(1);
  });

  it("keeps the message pending while the server is down, then delivers it exactly once", async () => {
    const probe = await startSmtp();
    await probe.close(); // nothing listens on this port any more
    const transport = createTransport({ smtpUrl: probe.url, from: FROM });
    await enqueueMessages(getDatabase().db, [message(2)]);

    const now = new Date();
    expect(await deliverDueMessages({ transport, now })).toEqual({ claimed: 1, sent: 0, failed: 1, released: 0 });
    const [failed] = await listMessages();
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, sentAt: null });
    expect(failed?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed?.nextAttemptAt.getTime()).toBe(now.getTime() + 15_000);

    // Not due yet: nothing is attempted even once the server is back.
    const server = await smtp({ port: probe.port });
    expect(await deliverDueMessages({ transport, now: later(now, 1000) })).toEqual({ claimed: 0, sent: 0, failed: 0, released: 0 });
    expect(server.received).toHaveLength(0);

    expect(await deliverDueMessages({ transport, now: later(now, 16_000) })).toEqual({ claimed: 1, sent: 1, failed: 0, released: 0 });
    expect(await deliverDueMessages({ transport, now: later(now, 3600_000) })).toEqual({ claimed: 0, sent: 0, failed: 0, released: 0 });
    expect(server.received.map((m) => m.subject)).toEqual(["Payment mode changed 2"]);
    expect((await listMessages())[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("keeps a slow send's lease while it lasts, so a second worker does not send the message again", async () => {
    const slow = await smtp({ delayMs: 2_500 });
    const other = await smtp();
    await enqueueMessages(getDatabase().db, [message(7)]);
    const leaseMs = 1_500;
    const first = deliverDueMessages({ transport: createTransport({ smtpUrl: slow.url, from: FROM }), leaseMs });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the lease the claim took
    expect(await deliverDueMessages({ transport: createTransport({ smtpUrl: other.url, from: FROM }), leaseMs })).toMatchObject({ claimed: 0 });
    expect(await first).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(slow.received.map((m) => m.subject)).toEqual(["Payment mode changed 7"]);
    expect(other.received).toHaveLength(0);
    expect((await listMessages())[0]).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null });
  });

  it("retries after a temporary 451 rejection and gives up after the last attempt", async () => {
    const busy = await smtp({ reject: true });
    const transport = createTransport({ smtpUrl: busy.url, from: FROM });
    await enqueueMessages(getDatabase().db, [message(3)]);
    const now = new Date();

    await deliverDueMessages({ transport, now });
    const [row] = await listMessages();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toContain("451");
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

    // One attempt short of the limit: the next failure is the last.
    const { db, schema } = getDatabase();
    await db.update(schema.outbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(schema.outbox.id, row!.id));
    await deliverDueMessages({ transport, now: later(now, 3600_000) });
    expect((await listMessages())[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await deliverDueMessages({ transport, now: later(now, 30 * 24 * 3600_000) })).toMatchObject({ claimed: 0 });
  });

  it("delivers each message once when two workers run at the same time", async () => {
    const server = await smtp();
    const transport = createTransport({ smtpUrl: server.url, from: FROM });
    await enqueueMessages(getDatabase().db, [1, 2, 3, 4, 5, 6].map((n) => message(10 + n)));

    const reports = await Promise.all([deliverDueMessages({ transport }), deliverDueMessages({ transport })]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(6);
    expect(server.received.map((m) => m.subject).sort()).toEqual([11, 12, 13, 14, 15, 16].map((n) => `Payment mode changed ${n}`));
    expect((await listMessages()).map((r) => r.status)).toEqual(Array(6).fill("sent"));
  });

  it("sends right away when kicked, without waiting for the next poll", async () => {
    const server = await smtp();
    startOutboxWorker({ transport: createTransport({ smtpUrl: server.url, from: FROM }), pollMs: 600_000 });
    try {
      await new Promise((r) => setTimeout(r, 200)); // let the first (empty) run pass
      await enqueueMessages(getDatabase().db, [message(20)]);
      kickOutboxWorker();
      await expect.poll(() => server.received.length, { timeout: 3000 }).toBe(1);
      // The SMTP server has it; markSent commits a moment later.
      await expect.poll(async () => (await listMessages())[0]?.status, { timeout: 3000 }).toBe("sent");
      expect(server.received).toHaveLength(1);
    } finally {
      await stopOutboxWorker();
    }
  });
});
