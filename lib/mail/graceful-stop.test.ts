// Stopping the outbox worker (what SIGTERM does, lib/cli/server.ts) while the SMTP server is accepting a
// message: the send finishes, the acceptance is recorded, and the message is never sent again (issue #8,
// point 2). A send the server never answers is cut off at the deadline and given back, not lost.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "@/db/client";
import { enqueueMessages, listMessages, type NewMessage } from "@/db/outbox";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { createTransport, messageIdFor } from "./transport";
import { deliverDueMessages, kickOutboxWorker, startOutboxWorker, stopOutboxWorker } from "./worker";

const FROM = "Partner Manager <no-reply@partner-manager.test>";
const message = (n: number): NewMessage => ({
  dedupeKey: `stop:${n}:${randomUUID()}`, template: "test", toUserId: null, toAddress: `p${n}@example.test`,
  subject: `Stop ${n}`, textBody: "t", htmlBody: "h",
});
const later = (ms: number) => new Date(Date.now() + ms);

describe.each(enginesUnderTest())("stopping the outbox worker on %s", (engine) => {
  let t: TestDatabase;
  const sinks: SmtpSink[] = [];
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
    setDatabase(undefined);
    await t.dispose();
  });
  beforeEach(async () => {
    const { transaction, schema } = getDatabase();
    await transaction((tx) => tx.delete(schema.outbox));
  });

  it("finishes a send the server is accepting when the stop comes, marks it sent, and never sends it again", async () => {
    const sink = await startSmtpSink({ delayMs: 1_000 });
    sinks.push(sink);
    await enqueueMessages(getDatabase().db, [message(1)]);
    startOutboxWorker({ transport: createTransport({ smtpUrl: sink.url, from: FROM }), pollMs: 600_000, leaseMs: 60_000 });
    kickOutboxWorker();
    await expect.poll(() => sink.arrived, { timeout: 5_000 }).toBe(1);
    // The server has the message and is about to answer 250: SIGTERM arrives now.
    const stopping = Date.now();
    await stopOutboxWorker({ graceMs: 5_000 });
    expect(Date.now() - stopping).toBeLessThan(5_000);
    const [row] = await listMessages();
    expect(row).toMatchObject({ status: "sent", attempts: 1, lockedUntil: null, leaseToken: null });
    expect(sink.accepted).toEqual([messageIdFor(row!, FROM)]);
    // Another worker, long after the lease would have run out: nothing left to send.
    const next = createTransport({ smtpUrl: sink.url, from: FROM });
    expect(await deliverDueMessages({ transport: next, now: later(3_600_000) })).toMatchObject({ claimed: 0 });
    next.close();
    expect(sink.counts().get(messageIdFor(row!, FROM))).toBe(1);
  });

  it("claims and starts nothing once stopping, and gives back what it claimed but did not start", async () => {
    const sink = await startSmtpSink({ delayMs: 300 });
    sinks.push(sink);
    await enqueueMessages(getDatabase().db, Array.from({ length: 30 }, (_, i) => message(100 + i)));
    const transport = createTransport({ smtpUrl: sink.url, from: FROM });
    let stop = false;
    setTimeout(() => { stop = true; }, 100);
    const report = await deliverDueMessages({ transport, limit: 30, shouldStop: () => stop });
    transport.close();
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent + report.released).toBe(30);
    const rows = await listMessages();
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(report.sent);
    // Released rows are due again at once (their lease already expired: at the epoch, so they never read
    // as unclaimed to coalescing), with no attempt counted.
    expect(rows.filter((r) => r.status === "pending").every((r) => r.lockedUntil?.getTime() === 0 && r.leaseToken === null && r.attempts === 0)).toBe(true);
    expect(sink.accepted).toHaveLength(report.sent);
  });

  it("cuts off a send the server never answers at the deadline and gives the row back for another worker", async () => {
    const hanging = await startSmtpSink({ hang: true });
    sinks.push(hanging);
    await enqueueMessages(getDatabase().db, [message(2)]);
    startOutboxWorker({ transport: createTransport({ smtpUrl: hanging.url, from: FROM }), pollMs: 600_000, leaseMs: 60_000 });
    kickOutboxWorker();
    await expect.poll(() => hanging.arrived, { timeout: 5_000 }).toBe(1);
    const stopping = Date.now();
    await stopOutboxWorker({ graceMs: 500 });
    expect(Date.now() - stopping).toBeLessThan(3_000);
    expect((await listMessages())[0]).toMatchObject({ status: "pending", attempts: 0, lockedUntil: new Date(0), leaseToken: null });

    const sink = await startSmtpSink();
    sinks.push(sink);
    const transport = createTransport({ smtpUrl: sink.url, from: FROM });
    expect(await deliverDueMessages({ transport })).toMatchObject({ claimed: 1, sent: 1 });
    transport.close();
    expect(sink.accepted).toHaveLength(1);
  });
});

describe("a long-running worker", () => {
  it("adds no listener to its stop signal per pass", async () => {
    const t = await useTestDatabase("sqlite");
    try {
      const transport = createTransport({ smtpUrl: null, mailDir: `${t.url.slice(5)}-mail`, from: FROM });
      const controller = new AbortController();
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.name);
      process.on("warning", onWarning);
      for (let i = 0; i < 30; i++) {
        await enqueueMessages(getDatabase().db, [message(1000 + i)]);
        expect(await deliverDueMessages({ transport, abandon: controller.signal })).toMatchObject({ sent: 1 });
      }
      await new Promise((r) => setImmediate(r));
      process.off("warning", onWarning);
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      setDatabase(undefined);
      await t.dispose();
    }
  });
});
