// The in-app renewal job under its job lease (issue #8, points 2 and 4): a stop ends a run before its
// next product and gives the lease back; while another instance holds the lease, a run does nothing.
import { count, lte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "@/db/client";
import { acquireJobLease, releaseJobLease } from "@/db/job-lease";
import { seedDemoData } from "@/db/seed";
import { zurichDate } from "@/lib/billing/period";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { RENEWALS_JOB, runRenewalsExclusively, startRenewalSchedule, stopRenewalSchedule } from "./renewal-schedule";

async function orders(): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ n: count() }).from(schema.orders);
  return Number(row?.n ?? 0);
}

async function dueProducts(): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ n: count() }).from(schema.products).where(lte(schema.products.renewalDate, zurichDate(new Date())));
  return Number(row?.n ?? 0);
}

describe.each(enginesUnderTest())("the renewal job on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await useTestDatabase(engine);
    await seedDemoData();
    // Every product overdue by forty years: a run renews each of them forty times, long enough to stop it midway.
    const { transaction, schema } = getDatabase();
    await transaction((tx) => tx.update(schema.products).set({ renewalDate: zurichDate(new Date(Date.now() - 40 * 365 * 86_400_000)) }));
  });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("does nothing while another instance holds the job lease", async () => {
    const other = await acquireJobLease({ name: RENEWALS_JOB, ttlMs: 60_000, holder: "another-instance:1" });
    expect(other).not.toBeNull();
    const before = await orders();
    expect(await runRenewalsExclusively()).toEqual({ ran: false });
    expect(await orders()).toBe(before);
    await releaseJobLease(other!);
  });

  it("stops a run before its next product when the process stops, and gives the lease back", { timeout: 60_000 }, async () => {
    const before = await orders();
    startRenewalSchedule({ firstRunMs: 0, intervalMs: 3_600_000 });
    await expect.poll(orders, { timeout: 20_000, interval: 5 }).toBeGreaterThan(before);
    await stopRenewalSchedule();
    const atStop = await orders();
    // Cut short: products are still due, and nothing more is renewed after the stop.
    expect(await dueProducts()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await orders()).toBe(atStop);
    // The lease is free at once: another instance's next run need not wait for it to expire.
    const next = await acquireJobLease({ name: RENEWALS_JOB, ttlMs: 60_000, holder: "another-instance:2" });
    expect(next).not.toBeNull();
    await releaseJobLease(next!);
  });
});
