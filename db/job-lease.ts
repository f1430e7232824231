// Leases of scheduled jobs in the database: with several instances on one PostgreSQL (or the app and a
// cron script on one SQLite file), each job runs in one place at a time. Generic: the renewal job uses
// it; a future job (e.g. applying scheduled payment-mode switches) takes a lease under its own name.
//
// A lease is a row per job name with a holder, a random token and an expiry. Acquiring is one upsert
// that only takes over an expired row, so two instances asking at once cannot both win; the holder
// renews it while it works and gives it back at the end. A holder that dies simply lets it expire.
// Leases exclude, they do not make a job safe to repeat: each job must stay idempotent on its own.
import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { and, eq, lt } from "drizzle-orm";
import { getDatabase } from "./client";

export type JobLease = { name: string; token: string; holder: string };

/** Who holds a lease, for an operator reading the table: host and process. */
export const LEASE_HOLDER = `${os.hostname()}:${process.pid}`;

/** Takes the lease of job `name` for `ttlMs` if nobody holds it (or the holder's lease expired). */
export async function acquireJobLease({ name, ttlMs, holder = LEASE_HOLDER, now = new Date() }: {
  name: string; ttlMs: number; holder?: string; now?: Date;
}): Promise<JobLease | null> {
  const { transaction, schema } = getDatabase();
  const l = schema.jobLeases;
  const token = randomUUID();
  const lease = { holder, token, lockedUntil: new Date(now.getTime() + ttlMs), acquiredAt: now };
  const rows = await transaction((tx) => tx.insert(l).values({ name, ...lease })
    .onConflictDoUpdate({ target: l.name, set: lease, setWhere: lt(l.lockedUntil, now) })
    .returning({ token: l.token }));
  return rows[0]?.token === token ? { name, token, holder } : null;
}

/** Extends a lease still held; false when it was lost (expired and taken over). */
export async function renewJobLease(lease: JobLease, ttlMs: number, now = new Date()): Promise<boolean> {
  const { transaction, schema } = getDatabase();
  const l = schema.jobLeases;
  const rows = await transaction((tx) => tx.update(l).set({ lockedUntil: new Date(now.getTime() + ttlMs) })
    .where(and(eq(l.name, lease.name), eq(l.token, lease.token))).returning({ name: l.name }));
  return rows.length > 0;
}

/** Gives a lease back so that the next run anywhere need not wait for it to expire. */
export async function releaseJobLease(lease: JobLease): Promise<void> {
  const { transaction, schema } = getDatabase();
  const l = schema.jobLeases;
  await transaction((tx) => tx.update(l).set({ lockedUntil: new Date(0) }).where(and(eq(l.name, lease.name), eq(l.token, lease.token))));
}

/**
 * Runs `job` under the lease of `name`, renewing it every third of `ttlMs`, or does nothing when another
 * holder has it. `job` is told when the lease was lost (it should stop at its next step).
 */
export async function runExclusively<T>(
  { name, ttlMs }: { name: string; ttlMs: number },
  job: (lease: { lost: () => boolean }) => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const lease = await acquireJobLease({ name, ttlMs });
  if (!lease) return { ran: false };
  let lost = false;
  const heartbeat = setInterval(() => {
    renewJobLease(lease, ttlMs).then((held) => { if (!held) lost = true; }, () => { /* retried at the next beat */ });
  }, Math.max(1_000, Math.floor(ttlMs / 3)));
  heartbeat.unref();
  try {
    return { ran: true, value: await job({ lost: () => lost }) };
  } finally {
    clearInterval(heartbeat);
    await releaseJobLease(lease).catch(() => { /* it expires on its own */ });
  }
}
