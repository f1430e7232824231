// Audit events: append-only. There is no update or delete here on purpose.
import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { auditEventHash, canonicalAuditContent, canonicalClippedText } from "@/lib/audit-hash";
import type { AuditKind } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { getDatabase, type Tx } from "./client";
import { markIdempotentChange } from "./idempotency";

export type RequestMeta = { requestId: string; ip: string | null; userAgent: string | null };

export type NewAuditEvent = {
  kind: AuditKind;
  outcome: "ok" | "refused";
  reason?: string | null;
  actorUserId: string | null;
  actorOrgId: string | null;
  partnershipId?: string | null;
  customerOrgId?: string | null;
  partnerOrgId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  meta: RequestMeta;
  at?: Date;
};

/**
 * Appends one event to the hash chain. Must run inside a transaction: the update of the chain's head
 * row locks it until commit, so concurrent appends queue up instead of forking the chain. Every text is
 * canonicalised first (lib/audit-hash.ts), so what is hashed is exactly what the engine stores.
 */
export async function insertAuditEvent(tx: Tx, e: NewAuditEvent, id: string = newId()): Promise<string> {
  const { schema } = getDatabase();
  const { auditChain, auditEvents } = schema;
  const [head] = await tx
    .update(auditChain)
    .set({ lastSeq: sql`${auditChain.lastSeq} + 1` })
    .where(eq(auditChain.id, 1))
    .returning({ seq: auditChain.lastSeq, prevHash: auditChain.lastHash });
  if (!head) throw new Error("audit_chain has no head row: run the migrations");
  const content = canonicalAuditContent({
    id,
    seq: head.seq,
    prevHash: head.prevHash,
    kind: e.kind,
    outcome: e.outcome,
    reason: e.reason ?? null,
    actorUserId: e.actorUserId,
    actorOrgId: e.actorOrgId,
    partnershipId: e.partnershipId ?? null,
    customerOrgId: e.customerOrgId ?? null,
    partnerOrgId: e.partnerOrgId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.meta.requestId,
    ip: e.meta.ip,
    userAgent: e.meta.userAgent,
    createdAt: e.at ?? new Date(),
  });
  const hash = auditEventHash(content);
  await tx.insert(auditEvents).values({ ...content, kind: content.kind as AuditKind, outcome: e.outcome, hash });
  await tx.update(auditChain).set({ lastHash: hash }).where(eq(auditChain.id, 1));
  // A change made under an idempotency key records the key in its own transaction (db/idempotency.ts).
  if (e.outcome === "ok") await markIdempotentChange(tx, id);
  return id;
}

/**
 * Repeats of one refusal (same actor and organization, kind, reason, and partnership when it exists)
 * within this window are counted on its first event.
 */
export const REFUSAL_WINDOW_MS = 10 * 60_000;

/**
 * A refused attempt, recorded on its own (outside any rolled-back transaction). The first refusal of
 * an (actor, kind, reason) in a window is a chained event; the repeats only add to its counter in
 * `audit_refusal_counts`, so a flood of identical bad requests cannot grow the trail without bound.
 * The counter row is upserted first, in the same transaction: under concurrent refusals exactly one
 * transaction creates it (and writes the event), the others wait for its commit and increment it.
 */
export async function recordRefusal(e: Omit<NewAuditEvent, "outcome">): Promise<{ eventId: string; count: number }> {
  const at = e.at ?? new Date();
  return getDatabase().transaction(async (tx) => {
    if (!e.actorUserId) return { eventId: await insertAuditEvent(tx, { ...e, at, outcome: "refused" }), count: 1 };
    const { auditRefusalCounts: c } = getDatabase().schema;
    const actorUserId = canonicalClippedText(e.actorUserId);
    const reason = canonicalClippedText(e.reason ?? "");
    const windowStart = new Date(Math.floor(at.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);
    // The partnership is part of the key only when the refusal was attributed to one that exists (its
    // organizations are known): a real partnership's refusals stay on its timeline, while made-up ids
    // (a fuzzer's, a forger's) cannot multiply the events.
    const partnership = e.partnershipId && (e.customerOrgId || e.partnerOrgId) ? canonicalClippedText(e.partnershipId) : null;
    const scope = [actorUserId, e.actorOrgId == null ? null : canonicalClippedText(e.actorOrgId), e.kind, reason, partnership];
    const key = createHash("sha256").update(JSON.stringify([...scope, windowStart.toISOString()])).digest("hex");
    const eventId = newId();
    const [row] = await tx
      .insert(c)
      .values({ key, eventId, actorUserId, reason, windowStart, count: 1, lastAt: at })
      .onConflictDoUpdate({ target: c.key, set: { count: sql`${c.count} + 1`, lastAt: at } })
      .returning({ eventId: c.eventId, count: c.count });
    if (!row) throw new Error("audit_refusal_counts: upsert returned no row");
    if (row.eventId === eventId) await insertAuditEvent(tx, { ...e, at, outcome: "refused" }, eventId);
    return { eventId: row.eventId, count: row.count };
  });
}

export type PaymentModeHistoryRow = {
  id: string;
  at: Date;
  actorName: string | null;
  /** How it changed: in the payment editor, by a scheduled switch at its date, or by limiting access. */
  via: "editor" | "schedule" | "access";
  from: string | null;
  to: string | null;
};

const HISTORY_KINDS = { "payment_mode.changed": "editor", "scheduled_switch.applied": "schedule", "access.changed": "access" } as const;

/**
 * Every change of one partnership's payment mode, newest first (at most 50): in the editor, by a
 * scheduled switch at its date, and the reset to "customer pays" when access is limited.
 */
export async function listPaymentModeHistory({ partnershipId }: { partnershipId: string }) {
  const { db, schema } = getDatabase();
  const { auditEvents, users } = schema;
  const rows = await db
    .select({ id: auditEvents.id, at: auditEvents.createdAt, kind: auditEvents.kind, actorName: users.name, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(
      eq(auditEvents.partnershipId, partnershipId), inArray(auditEvents.kind, Object.keys(HISTORY_KINDS) as AuditKind[]),
      eq(auditEvents.outcome, "ok"),
    ))
    .orderBy(desc(auditEvents.createdAt), asc(auditEvents.id))
    .limit(200);
  return rows
    .map((r): PaymentModeHistoryRow => ({
      id: r.id,
      at: r.at,
      actorName: r.actorName,
      via: HISTORY_KINDS[r.kind as keyof typeof HISTORY_KINDS],
      from: typeof r.before?.paymentMode === "string" ? r.before.paymentMode : null,
      to: typeof r.after?.paymentMode === "string" ? r.after.paymentMode : null,
    }))
    // An access change that left the mode as it was is no payment-mode change.
    .filter((r) => r.via !== "access" || (r.from !== null && r.to !== null && r.from !== r.to))
    .slice(0, 50);
}

/** Every audit event, for tests and the auditor's console. */
export async function listAuditEvents({ partnershipId }: { partnershipId?: string } = {}) {
  const { db, schema } = getDatabase();
  const q = db.select().from(schema.auditEvents);
  return (partnershipId ? q.where(eq(schema.auditEvents.partnershipId, partnershipId)) : q)
    .orderBy(asc(schema.auditEvents.createdAt), asc(schema.auditEvents.id));
}

/** How many times each of these refused events was attempted in its window (1 when never repeated). */
export async function refusalCounts({ eventIds }: { eventIds: string[] }): Promise<Map<string, number>> {
  const out = new Map(eventIds.map((id) => [id, 1]));
  if (eventIds.length === 0) return out;
  const { db, schema } = getDatabase();
  const c = schema.auditRefusalCounts;
  const rows = await db.select({ eventId: c.eventId, count: c.count }).from(c).where(inArray(c.eventId, eventIds));
  for (const r of rows) out.set(r.eventId, r.count);
  return out;
}
