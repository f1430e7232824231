// Idempotency keys of confirmed actions: (user, key) → the first result, so a retry after a lost
// response returns what happened instead of "changed by someone else meanwhile" (lib/action.ts).
//
// The key is recorded in the change's own transaction: lib/action.ts opens a scope around the action
// body, and the first successful audit event written inside it (db/audit.ts#insertAuditEvent) inserts
// the key row beside it. So a committed change always has its key, even when the process dies before
// the result is stored; and two requests racing with one key cannot both commit (primary key).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { getDatabase, type Tx } from "./client";

/** How long a key is remembered, and how many a user keeps at most (the newest). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
export const IDEMPOTENCY_KEYS_PER_USER = 100;

/** `markedWith`: the audit event the key was last recorded with, in a transaction that may not have committed. */
type Scope = { userId: string; key: string; action: string; markedWith: string | null; closed: boolean };

// On globalThis: Next compiles actions, route handlers and instrumentation into separate bundles, each
// with its own copy of this module; the scope opened by the wrapper must be the one the audit append sees.
const g = globalThis as unknown as { partnerManagerIdempotency?: AsyncLocalStorage<Scope> };
const storage = (g.partnerManagerIdempotency ??= new AsyncLocalStorage<Scope>());

/** Runs `fn` with (user, key) as the idempotency scope of the change it may commit. */
export async function withIdempotencyScope<T>(s: { userId: string; key: string; action: string }, fn: () => Promise<T>): Promise<T> {
  const scope: Scope = { ...s, markedWith: null, closed: false };
  try {
    return await storage.run(scope, fn);
  } finally {
    // Work the body left running (a kicked worker's timers) inherits the scope: it must not use it.
    scope.closed = true;
  }
}

/** A second change under a key that already committed one: thrown to roll the second back. */
export class IdempotencyKeyTaken extends Error {
  constructor() {
    super("idempotency key already used by a committed change");
  }
}

/**
 * Inside a change's transaction: records the scope's key with the change's audit event, once per scope.
 * "Once" is read from the database, not from memory: PostgreSQL may abort the transaction that recorded
 * the key (a deadlock, a serialization failure) and database.transaction runs it again, and that run
 * must record the key again. A row with the event this scope recorded means a transaction of this scope
 * holds the key (this one, or one that committed); without it, it is recorded (again).
 */
export async function markIdempotentChange(tx: Tx, auditEventId: string): Promise<void> {
  const scope = storage.getStore();
  if (!scope || scope.closed) return;
  const { idempotencyKeys: k } = getDatabase().schema;
  if (scope.markedWith) {
    const [held] = await tx.select({ key: k.key }).from(k)
      .where(and(eq(k.userId, scope.userId), eq(k.key, scope.key), eq(k.auditEventId, scope.markedWith)));
    if (held) return;
  }
  const now = new Date();
  // An expired row under the same key is taken over; a live one (a concurrent request with this key
  // committed first) is not, and throwing rolls this second change back.
  const rows = await tx.insert(k)
    .values({ userId: scope.userId, key: scope.key, action: scope.action, auditEventId, result: null, createdAt: now })
    .onConflictDoUpdate({
      target: [k.userId, k.key],
      set: { action: scope.action, auditEventId, result: null, createdAt: now },
      setWhere: lt(k.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
    })
    .returning({ key: k.key });
  if (rows.length === 0) throw new IdempotencyKeyTaken();
  scope.markedWith = auditEventId;
}

export type IdempotencyRecord = { action: string; result: Record<string, unknown> | null; createdAt: Date };

/** The key's record if it is still remembered (younger than the TTL). */
export async function findIdempotencyRecord({ userId, key, now = new Date() }: { userId: string; key: string; now?: Date }): Promise<IdempotencyRecord | null> {
  const { db, schema } = getDatabase();
  const k = schema.idempotencyKeys;
  const [row] = await db.select({ action: k.action, result: k.result, createdAt: k.createdAt }).from(k)
    .where(and(eq(k.userId, userId), eq(k.key, key)));
  if (!row || row.createdAt.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) return null;
  return row;
}

/**
 * Stores the result a key answers with from now on (the row exists if the change wrote an audit event
 * in the scope; otherwise it is created), then forgets the user's expired keys and all but the newest
 * IDEMPOTENCY_KEYS_PER_USER.
 */
export async function storeIdempotentResult({ userId, key, action, result, now = new Date() }: {
  userId: string; key: string; action: string; result: Record<string, unknown>; now?: Date;
}): Promise<void> {
  const { transaction, schema } = getDatabase();
  const k = schema.idempotencyKeys;
  await transaction(async (tx) => {
    await tx.insert(k).values({ userId, key, action, auditEventId: null, result, createdAt: now })
      .onConflictDoUpdate({ target: [k.userId, k.key], set: { result } });
    const [oldestKept] = await tx.select({ createdAt: k.createdAt }).from(k).where(eq(k.userId, userId))
      .orderBy(desc(k.createdAt)).limit(1).offset(IDEMPOTENCY_KEYS_PER_USER - 1);
    await tx.delete(k).where(and(
      eq(k.userId, userId),
      or(lt(k.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)), oldestKept ? lt(k.createdAt, oldestKept.createdAt) : sql`false`),
    ));
  });
}
