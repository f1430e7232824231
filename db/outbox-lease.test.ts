// Claims, leases and fencing tokens of the outbox (issue #8, points 2 and 4): a worker whose lease
// expired cannot overwrite the result of the worker that took over; instances claiming at the same
// time never get the same row (PostgreSQL: FOR UPDATE SKIP LOCKED, no waiting on each other's locks).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { getDatabase, setDatabase } from "./client";
import { claimDueMessages, enqueueMessages, listMessages, markAttemptFailed, markSent, releaseLeases, type NewMessage } from "./outbox";

const message = (n: number): NewMessage => ({
  dedupeKey: `lease:${n}:${randomUUID()}`, template: "test", toUserId: null, toAddress: `p${n}@example.test`,
  subject: `s${n}`, textBody: "t", htmlBody: "h",
});
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe.each(enginesUnderTest())("outbox leases on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });
  beforeEach(async () => {
    // Leave no pending row from an earlier test (also those retried later or leased).
    const now = new Date(Date.now() + 365 * 86_400_000);
    const rows = await claimDueMessages({ now, limit: 10_000, leaseMs: 1 });
    if (rows.length) await markSent({ ids: rows.map((r) => r.id), leaseToken: rows[0]!.leaseToken!, at: now });
  });

  it("lets only the current holder mark a row: an expired worker's markSent and markAttemptFailed change nothing", async () => {
    await enqueueMessages(getDatabase().db, [message(1)]);
    const t0 = new Date();
    const [a] = await claimDueMessages({ now: t0, limit: 10, leaseMs: 1_000 });
    expect(a).toBeDefined();
    // A's lease runs out (a slow send); B claims the row under a new token and records a failure.
    const [b] = await claimDueMessages({ now: later(t0, 2_000), limit: 10, leaseMs: 60_000 });
    expect(b?.id).toBe(a!.id);
    expect(b!.leaseToken).not.toBe(a!.leaseToken);
    expect(await markAttemptFailed({ id: b!.id, leaseToken: b!.leaseToken!, error: "451 later", retryAt: later(t0, 60_000) })).toBe(true);
    // A comes back late: neither of its marks applies.
    expect(await markSent({ ids: [a!.id], leaseToken: a!.leaseToken!, at: later(t0, 3_000) })).toBe(0);
    expect(await markAttemptFailed({ id: a!.id, leaseToken: a!.leaseToken!, error: "late", retryAt: null })).toBe(false);
    const [row] = await listMessages();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "451 later", sentAt: null, lockedUntil: null, leaseToken: null });
  });

  it("does not let an expired holder release or re-send a row another worker has sent", async () => {
    await enqueueMessages(getDatabase().db, [message(2)]);
    const t0 = new Date();
    const [a] = await claimDueMessages({ now: t0, limit: 10, leaseMs: 1_000 });
    const [b] = await claimDueMessages({ now: later(t0, 2_000), limit: 10, leaseMs: 60_000 });
    expect(await markSent({ ids: [b!.id], leaseToken: b!.leaseToken!, at: later(t0, 2_500) })).toBe(1);
    expect(await releaseLeases({ ids: [a!.id], leaseToken: a!.leaseToken! })).toBe(0);
    expect(await markAttemptFailed({ id: a!.id, leaseToken: a!.leaseToken!, error: "timeout", retryAt: later(t0, 10_000) })).toBe(false);
    const row = (await listMessages()).find((m) => m.id === b!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(await claimDueMessages({ now: later(t0, 3_600_000), limit: 10, leaseMs: 1_000 })).toEqual([]);
  });

  it("releases unsent rows to be claimed again at once, without counting an attempt", async () => {
    await enqueueMessages(getDatabase().db, [message(3), message(4)]);
    const now = new Date();
    const rows = await claimDueMessages({ now, limit: 10, leaseMs: 60_000 });
    expect(rows).toHaveLength(2);
    expect(await claimDueMessages({ now, limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect(await releaseLeases({ ids: rows.map((r) => r.id), leaseToken: rows[0]!.leaseToken! })).toBe(2);
    const again = await claimDueMessages({ now, limit: 10, leaseMs: 60_000 });
    expect(again.map((r) => r.attempts)).toEqual([0, 0]);
  });

  it("gives concurrent claimers disjoint rows, and leaves no due row unclaimed", async () => {
    // Several rounds: a claim that locked a row without leasing it (PostgreSQL's rescanned
    // `IN (SELECT … SKIP LOCKED LIMIT n)` could) made the others skip it and stop one row short, seldom.
    for (let round = 0; round < 8; round++) {
      await enqueueMessages(getDatabase().db, Array.from({ length: 60 }, (_, i) => message(100 + round * 100 + i)));
      const now = new Date();
      // Six workers claiming in a loop until nothing is left: a claim may come back short while others
      // hold rows (they are skipped, not waited for), and the next pass takes what remains.
      const worker = async () => {
        const mine: string[] = [];
        for (;;) {
          const rows = await claimDueMessages({ now, limit: 15, leaseMs: 60_000 });
          if (rows.length === 0) return mine;
          expect(rows.length).toBeLessThanOrEqual(15);
          mine.push(...rows.map((r) => r.id));
        }
      };
      const ids = (await Promise.all(Array.from({ length: 6 }, worker))).flat();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(60);
      const leased = await claimDueMessages({ now: later(now, 120_000), limit: 100, leaseMs: 1 });
      await markSent({ ids: leased.map((r) => r.id), leaseToken: leased[0]!.leaseToken!, at: now });
    }
  });

  it.runIf(engine === "postgres")("skips rows another instance holds locked instead of waiting for them", async () => {
    await enqueueMessages(getDatabase().db, [message(200), message(201)]);
    const [first] = await listMessages().then((all) => all.filter((m) => m.status === "pending"));
    // Another instance's claim in progress: its transaction holds the row lock.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT id FROM outbox WHERE id = $1 FOR UPDATE", [first!.id]);
      const started = Date.now();
      const rows = await claimDueMessages({ now: new Date(), limit: 10, leaseMs: 60_000 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(rows.map((r) => r.id)).not.toContain(first!.id);
      expect(rows).toHaveLength(1);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
  });
});
