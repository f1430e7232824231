// The delivery pass when the database fails under it (a dropped connection, a failover): an acceptance
// whose first commit failed is recorded by a later try rather than sent again after its lease, and a
// failed attempt that cannot be recorded does not stop the pass or leave its other sends running.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDatabase, setDatabase } from "@/db/client";
import { enqueueMessages, listMessages } from "@/db/outbox";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { createTransport } from "./transport";
import { deliverDueMessages } from "./worker";

const failures = vi.hoisted(() => ({ markSent: 0, markAttemptFailed: 0 }));
vi.mock("@/db/outbox", async (original) => {
  const real = await original<typeof import("@/db/outbox")>();
  const failing = <A extends unknown[], R>(name: keyof typeof failures, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (failures[name] > 0) {
      failures[name]--;
      throw new Error("Connection terminated unexpectedly");
    }
    return fn(...args);
  };
  return { ...real, markSent: failing("markSent", real.markSent), markAttemptFailed: failing("markAttemptFailed", real.markAttemptFailed) };
});

const FROM = "Partner Manager <no-reply@manager.test>";

async function smtpServer(reject: boolean) {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false, closeTimeout: 1000,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        if (reject) return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const message = (n: number) => ({
  dedupeKey: `failures:${n}:${randomUUID()}`, template: "test", toUserId: null, toAddress: `partner${n}@example.test`,
  subject: `Subject ${n}`, textBody: `Body ${n}`, htmlBody: `<p>Body ${n}</p>`,
});

describe.each(enginesUnderTest())("outbox delivery when the database fails on %s", (engine) => {
  let t: TestDatabase;
  let accepting: Awaited<ReturnType<typeof smtpServer>>, rejecting: Awaited<ReturnType<typeof smtpServer>>;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    [accepting, rejecting] = await Promise.all([smtpServer(false), smtpServer(true)]);
  });
  afterAll(async () => {
    await Promise.all([accepting.close(), rejecting.close()]);
    setDatabase(undefined);
    await t.dispose();
  });
  beforeEach(async () => {
    const { db, schema } = getDatabase();
    await db.delete(schema.outbox);
    failures.markSent = 0;
    failures.markAttemptFailed = 0;
  });

  it("records an acceptance whose first commit failed, so the message is not sent again", async () => {
    await enqueueMessages(getDatabase().db, [message(1), message(2)]);
    failures.markSent = 2;
    const report = await deliverDueMessages({ transport: createTransport({ smtpUrl: accepting.url, from: FROM }) });
    expect(report).toEqual({ claimed: 2, sent: 2, failed: 0, released: 0 });
    expect(failures.markSent).toBe(0);
    expect((await listMessages()).map((m) => [m.status, m.attempts, m.leaseToken])).toEqual([["sent", 1, null], ["sent", 1, null]]);
  });

  it("finishes the pass when a failed attempt cannot be recorded; the row is tried again after its lease", async () => {
    await enqueueMessages(getDatabase().db, [message(3), message(4), message(5)]);
    failures.markAttemptFailed = 99;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const now = new Date();
    const report = await deliverDueMessages({ transport: createTransport({ smtpUrl: rejecting.url, from: FROM }), now });
    expect(report).toEqual({ claimed: 3, sent: 0, failed: 3, released: 0 });
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
    const rows = await listMessages();
    expect(rows.map((m) => [m.status, m.attempts])).toEqual([["pending", 0], ["pending", 0], ["pending", 0]]);
    // Once the lease has expired the rows are claimed again, and this time the failure is recorded.
    failures.markAttemptFailed = 0;
    const later = new Date(now.getTime() + 61_000);
    expect(await deliverDueMessages({ transport: createTransport({ smtpUrl: rejecting.url, from: FROM }), now: later })).toMatchObject({ claimed: 3, failed: 3 });
    expect((await listMessages()).map((m) => m.attempts)).toEqual([1, 1, 1]);
  });
});
