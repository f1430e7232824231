// The notification outbox: rows written in the same transaction as the change that causes them,
// then claimed, sent and marked by the delivery worker.
import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
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
};

/** Queues messages; a message whose dedupe key is already queued is skipped, never queued twice. */
export async function enqueueMessages(ex: Executor, messages: NewMessage[], now = new Date()): Promise<void> {
  if (messages.length === 0) return;
  const { schema } = getDatabase();
  await ex
    .insert(schema.outbox)
    .values(messages.map((m) => ({
      id: newId(),
      ...m,
      partnershipId: m.partnershipId ?? null,
      auditEventId: m.auditEventId ?? null,
      status: "pending" as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })))
    .onConflictDoNothing({ target: schema.outbox.dedupeKey });
}

export type OutboxMessage = typeof import("./schema/pg").outbox.$inferSelect;

/**
 * Claims up to `limit` due messages for `leaseMs`. A row is claimed with a conditional update,
 * so two workers (in-app and `npm run worker`) never hold the same message at once.
 */
export async function claimDueMessages({ now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number }): Promise<OutboxMessage[]> {
  const database = getDatabase();
  const { outbox } = database.schema;
  const free = or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now));
  const candidates = await database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), free))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
  if (candidates.length === 0) return [];
  // Writes go through database.transaction (see db/client.ts: on SQLite it queues this process's writes).
  return database.transaction((tx) => tx
    .update(outbox)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(and(inArray(outbox.id, candidates.map((c) => c.id)), eq(outbox.status, "pending"), free))
    .returning());
}

export async function markSent({ id, at }: { id: string; at: Date }): Promise<void> {
  const { transaction, schema } = getDatabase();
  await transaction((tx) => tx
    .update(schema.outbox)
    .set({ status: "sent", sentAt: at, lockedUntil: null, lastError: null, attempts: sqlIncrement() })
    .where(eq(schema.outbox.id, id)));
}

/** Records a failed attempt: retried at `retryAt`, or given up (`failed`) when retryAt is null. */
export async function markAttemptFailed({ id, error, retryAt }: { id: string; error: string; retryAt: Date | null }) {
  const { transaction, schema } = getDatabase();
  await transaction((tx) => tx
    .update(schema.outbox)
    .set({
      status: retryAt ? "pending" : "failed",
      nextAttemptAt: retryAt ?? undefined,
      lockedUntil: null,
      lastError: error.slice(0, 1000),
      attempts: sqlIncrement(),
    })
    // A worker whose lease ran out must not pull back a row another worker has since sent.
    .where(and(eq(schema.outbox.id, id), eq(schema.outbox.status, "pending"))));
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
