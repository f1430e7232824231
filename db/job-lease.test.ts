// The job lease (issue #8, point 4): one holder at a time across instances, taken over only after it
// expires, renewed by its holder, given back at the end; runExclusively runs a job in one place only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { setDatabase } from "./client";
import { acquireJobLease, releaseJobLease, renewJobLease, runExclusively } from "./job-lease";

describe.each(enginesUnderTest())("job leases on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("grants one of many simultaneous requests, and nobody else until it expires", async () => {
    const now = new Date();
    const leases = await Promise.all(Array.from({ length: 8 }, (_, i) => acquireJobLease({ name: "j1", ttlMs: 10_000, holder: `h${i}`, now })));
    const granted = leases.filter((l) => l !== null);
    expect(granted).toHaveLength(1);
    expect(await acquireJobLease({ name: "j1", ttlMs: 10_000, holder: "late", now: new Date(now.getTime() + 9_000) })).toBeNull();
    const takeover = await acquireJobLease({ name: "j1", ttlMs: 10_000, holder: "late", now: new Date(now.getTime() + 11_000) });
    expect(takeover).not.toBeNull();
    // The first holder lost it: it can neither renew nor release the new holder's lease.
    expect(await renewJobLease(granted[0]!, 10_000)).toBe(false);
    await releaseJobLease(granted[0]!);
    expect(await acquireJobLease({ name: "j1", ttlMs: 10_000, holder: "third", now: new Date(now.getTime() + 12_000) })).toBeNull();
  });

  it("is free again as soon as its holder releases it, and leases of other names are independent", async () => {
    const a = await acquireJobLease({ name: "j2", ttlMs: 60_000 });
    expect(await acquireJobLease({ name: "j3", ttlMs: 60_000 })).not.toBeNull();
    expect(await acquireJobLease({ name: "j2", ttlMs: 60_000 })).toBeNull();
    await releaseJobLease(a!);
    expect(await acquireJobLease({ name: "j2", ttlMs: 60_000 })).not.toBeNull();
  });

  it("runs a job in one place when two instances start it at once", async () => {
    let running = 0;
    let maxRunning = 0;
    const job = async () => {
      maxRunning = Math.max(maxRunning, ++running);
      await new Promise((r) => setTimeout(r, 200));
      running--;
      return "done";
    };
    const outcomes = await Promise.all([runExclusively({ name: "j4", ttlMs: 30_000 }, job), runExclusively({ name: "j4", ttlMs: 30_000 }, job)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(maxRunning).toBe(1);
    // Released at the end: the next run goes ahead.
    expect(await runExclusively({ name: "j4", ttlMs: 30_000 }, job)).toEqual({ ran: true, value: "done" });
  });
});
