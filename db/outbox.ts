// The notification outbox: rows written in the same transaction as the change that causes them,
// then claimed, sent and marked by the delivery worker.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { getDatabase, type Executor } from "./client";

export type NewMessage = {
  dedupeKey: string;
  template: string;
  toUserId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** The language the message is written in (Content-Language); the column defaults to "en". */
  locale?: string;
  partnershipId?: string | null;
  auditEventId?: string | null;
  /** A file the transport renders at send time ("invoice-pdf:<id>", lib/mail/attachments.ts). */
  attachment?: string | null;
  /** Not sent before this time (a coalescing window, see coalesceMessage); defaults to the enqueue time. */
  notBefore?: Date;
};

/** Queues messages; a message whose dedupe key is already queued is skipped, never queued twice. */
export async function enqueueMessages(ex: Executor, messages: NewMessage[], now = new Date()): Promise<void> {
  if (messages.length === 0) return;
  const { schema } = getDatabase();
  await ex
    .insert(schema.outbox)
    .values(messages.map(({ notBefore, ...m }) => ({
      id: newId(),
      ...m,
      partnershipId: m.partnershipId ?? null,
      auditEventId: m.auditEventId ?? null,
      attachment: m.attachment ?? null,
      status: "pending" as const,
      attempts: 0,
      nextAttemptAt: notBefore ?? now,
      createdAt: now,
    })))
    .onConflictDoNothing({ target: schema.outbox.dedupeKey });
}

export type OutboxMessage = typeof import("./schema/pg").outbox.$inferSelect;

/**
 * Rows no worker has ever claimed, so never sent nor being sent: pending, no attempt, no lease now and
 * none before (releaseLeases leaves an expired lease behind, `lockedUntil` at the epoch, for this).
 */
function neverClaimed() {
  const { outbox } = getDatabase().schema;
  return and(eq(outbox.status, "pending"), eq(outbox.attempts, 0), isNull(outbox.lockedUntil), isNull(outbox.leaseToken));
}

export type CoalescableRow = { id: string; toUserId: string; createdAt: Date };

/**
 * The rows of `template` about `partnershipId` still inside their coalescing window (not yet due) and
 * never claimed: the ones a new change may rewrite instead of queueing another email. Read in the
 * change's transaction; the rewrite itself (coalesceMessage) checks the same conditions again.
 */
export async function listCoalescable(ex: Executor, { template, partnershipId, now }: { template: string; partnershipId: string; now: Date }): Promise<CoalescableRow[]> {
  const { outbox } = getDatabase().schema;
  const rows = await ex
    .select({ id: outbox.id, toUserId: outbox.toUserId, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.partnershipId, partnershipId), eq(outbox.template, template), gt(outbox.nextAttemptAt, now), neverClaimed()))
    .orderBy(asc(outbox.createdAt));
  return rows.flatMap((r) => (r.toUserId ? [{ ...r, toUserId: r.toUserId }] : []));
}

/**
 * Replaces the content of a row that is still never claimed with `m` (its window, `nextAttemptAt`, and
 * its creation time stay); returns false, changing nothing, when a worker has claimed it in the
 * meantime: the caller then queues `m` as a message of its own. A single conditional UPDATE: on
 * PostgreSQL it waits for a claim holding the row's lock and re-checks the conditions on the claimed
 * row (so it does not apply); a claim arriving while this transaction holds the row skips it (SKIP
 * LOCKED). On SQLite, writers take turns.
 */
export async function coalesceMessage(ex: Executor, id: string, m: NewMessage): Promise<boolean> {
  const { outbox } = getDatabase().schema;
  const rows = await ex
    .update(outbox)
    .set({
      dedupeKey: m.dedupeKey, toAddress: m.toAddress, subject: m.subject, textBody: m.textBody, htmlBody: m.htmlBody,
      locale: m.locale ?? "en", auditEventId: m.auditEventId ?? null,
    })
    .where(and(eq(outbox.id, id), neverClaimed()))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Claims up to `limit` due messages for `leaseMs` under a new fencing token (returned on each row as
 * `leaseToken`). Only the holder of that token can then mark them (markSent, markAttemptFailed,
 * releaseLeases), so a worker whose lease ran out cannot overwrite the outcome of the one that took over.
 * The selection and the update run in one transaction (PostgreSQL: the selection `FOR UPDATE SKIP
 * LOCKED`, so instances claiming at the same moment take disjoint rows without waiting on each other).
 */
export async function claimDueMessages({ now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number }): Promise<OutboxMessage[]> {
  const database = getDatabase();
  const { outbox } = database.schema;
  const leaseToken = randomUUID();
  const lease = { lockedUntil: new Date(now.getTime() + leaseMs), leaseToken };
  const free = or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now));
  const due = and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), free);
  // One transaction on both engines, so the rows chosen are exactly the rows leased. PostgreSQL locks
  // them with FOR UPDATE SKIP LOCKED: instances claiming at once take disjoint rows without waiting.
  // Not a single `UPDATE … WHERE id IN (SELECT … SKIP LOCKED LIMIT n)`: the planner may run that
  // subquery more than once (a rescanned semi-join), locking rows the UPDATE then leaves alone, which
  // concurrent claimers skip, so all can stop with a due row unclaimed. SQLite has one writer at a time
  // (database.transaction queues this process's writes, see db/client.ts).
  return database.transaction(async (tx) => {
    const select = tx.select({ id: outbox.id }).from(outbox).where(due).orderBy(asc(outbox.nextAttemptAt)).limit(limit);
    const chosen = await (database.dialect === "postgres" ? select.for("update", { skipLocked: true }) : select);
    if (chosen.length === 0) return [];
    return tx.update(outbox).set(lease).where(and(inArray(outbox.id, chosen.map((c) => c.id)), due)).returning();
  });
}

/** The rows of `ids` still held under `leaseToken` (pending, same token). */
function held(ids: string[], leaseToken: string) {
  const { outbox } = getDatabase().schema;
  return and(inArray(outbox.id, ids), eq(outbox.leaseToken, leaseToken), eq(outbox.status, "pending"));
}

/** Marks messages accepted by the mail server; returns how many were still held under the token. */
export async function markSent({ ids, leaseToken, at }: { ids: string[]; leaseToken: string; at: Date }): Promise<number> {
  if (ids.length === 0) return 0;
  const { transaction, schema } = getDatabase();
  const rows = await transaction((tx) => tx
    .update(schema.outbox)
    .set({ status: "sent", sentAt: at, lockedUntil: null, leaseToken: null, lastError: null, attempts: sqlIncrement() })
    .where(held(ids, leaseToken))
    .returning({ id: schema.outbox.id }));
  return rows.length;
}

/**
 * Records a failed attempt: retried at `retryAt`, or given up (`failed`) when retryAt is null. Applies
 * only while the caller still holds the lease; returns whether it did.
 */
export async function markAttemptFailed({ id, leaseToken, error, retryAt }: { id: string; leaseToken: string; error: string; retryAt: Date | null }): Promise<boolean> {
  const { transaction, schema } = getDatabase();
  const rows = await transaction((tx) => tx
    .update(schema.outbox)
    .set({
      status: retryAt ? "pending" : "failed",
      nextAttemptAt: retryAt ?? undefined,
      lockedUntil: null,
      leaseToken: null,
      lastError: error.slice(0, 1000),
      attempts: sqlIncrement(),
    })
    .where(held([id], leaseToken))
    .returning({ id: schema.outbox.id }));
  return rows.length > 0;
}

/**
 * Gives back claimed messages that were not sent (a stopping worker): due again at once, no attempt
 * counted. The lease is left expired (at the epoch) rather than cleared: a row given back may have been
 * in flight, so it must never read as never claimed and be rewritten by coalescing (coalesceMessage).
 */
export async function releaseLeases({ ids, leaseToken }: { ids: string[]; leaseToken: string }): Promise<number> {
  if (ids.length === 0) return 0;
  const { transaction, schema } = getDatabase();
  const rows = await transaction((tx) => tx
    .update(schema.outbox)
    .set({ lockedUntil: new Date(0), leaseToken: null })
    .where(held(ids, leaseToken))
    .returning({ id: schema.outbox.id }));
  return rows.length;
}

/**
 * When a message written at `at` is due: at once by the outbox worker's (real) clock. `at` may be a
 * test clock's instant (lib/clock.ts), which would hold the message back until that time really comes.
 */
export function dueAtOnce(at: Date): Date {
  return new Date(Math.min(at.getTime(), Date.now()));
}

/**
 * Extends the lease of rows still held under this token to `until`: a send in flight that the server
 * answers slowly keeps its rows from being claimed by another worker. Returns how many were still held.
 */
export async function extendLeases({ ids, leaseToken, until }: { ids: string[]; leaseToken: string; until: Date }): Promise<number> {
  if (ids.length === 0) return 0;
  const { transaction, schema } = getDatabase();
  const rows = await transaction((tx) => tx
    .update(schema.outbox)
    .set({ lockedUntil: until })
    .where(and(held(ids, leaseToken), lt(schema.outbox.lockedUntil, until)))
    .returning({ id: schema.outbox.id }));
  return rows.length;
}

function sqlIncrement() {
  const { schema } = getDatabase();
  return sql`${schema.outbox.attempts} + 1`;
}

export async function listMessages({ partnershipId }: { partnershipId?: string } = {}): Promise<OutboxMessage[]> {
  const { db, schema } = getDatabase();
  const q = db.select().from(schema.outbox);
  return (partnershipId ? q.where(eq(schema.outbox.partnershipId, partnershipId)) : q).orderBy(asc(schema.outbox.createdAt));
}
