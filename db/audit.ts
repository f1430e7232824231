// Audit events: append-only. There is no update or delete here on purpose.
import "server-only";
import { and, asc, count, desc, eq, gte, sql } from "drizzle-orm";
import { auditEventHash } from "@/lib/audit-hash";
import type { AuditKind } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { getDatabase, type Tx } from "./client";

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

const MAX_TEXT = 500;
const clip = (s: string | null | undefined) => (s == null ? null : s.slice(0, MAX_TEXT));

/**
 * Appends one event to the hash chain. Must run inside a transaction: the update of the chain's head
 * row locks it until commit, so concurrent appends queue up instead of forking the chain.
 */
export async function insertAuditEvent(tx: Tx, e: NewAuditEvent): Promise<string> {
  const { schema } = getDatabase();
  const { auditChain, auditEvents } = schema;
  const [head] = await tx
    .update(auditChain)
    .set({ lastSeq: sql`${auditChain.lastSeq} + 1` })
    .where(eq(auditChain.id, 1))
    .returning({ seq: auditChain.lastSeq, prevHash: auditChain.lastHash });
  if (!head) throw new Error("audit_chain has no head row: run the migrations");
  const id = newId();
  const content = {
    id,
    seq: head.seq,
    prevHash: head.prevHash,
    kind: e.kind,
    outcome: e.outcome,
    reason: clip(e.reason),
    actorUserId: e.actorUserId,
    actorOrgId: e.actorOrgId,
    partnershipId: clip(e.partnershipId),
    customerOrgId: e.customerOrgId ?? null,
    partnerOrgId: e.partnerOrgId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: clip(e.meta.requestId),
    ip: clip(e.meta.ip),
    userAgent: clip(e.meta.userAgent),
    createdAt: e.at ?? new Date(),
  };
  const hash = auditEventHash(content);
  await tx.insert(auditEvents).values({ ...content, hash });
  await tx.update(auditChain).set({ lastHash: hash }).where(eq(auditChain.id, 1));
  return id;
}

/** A refused attempt, recorded on its own (outside any rolled-back transaction). */
export async function recordRefusal(e: Omit<NewAuditEvent, "outcome">): Promise<void> {
  await getDatabase().transaction((tx) => insertAuditEvent(tx, { ...e, outcome: "refused" }));
}

export type PaymentModeHistoryRow = {
  id: string;
  at: Date;
  actorName: string | null;
  from: string | null;
  to: string | null;
};

/** The successful payment-mode changes of one partnership, newest first. */
export async function listPaymentModeHistory({ partnershipId }: { partnershipId: string }) {
  const { db, schema } = getDatabase();
  const { auditEvents, users } = schema;
  const rows = await db
    .select({ id: auditEvents.id, at: auditEvents.createdAt, actorName: users.name, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.partnershipId, partnershipId), eq(auditEvents.kind, "payment_mode.changed"), eq(auditEvents.outcome, "ok")))
    .orderBy(desc(auditEvents.createdAt), asc(auditEvents.id))
    .limit(50);
  return rows.map((r): PaymentModeHistoryRow => ({
    id: r.id,
    at: r.at,
    actorName: r.actorName,
    from: typeof r.before?.paymentMode === "string" ? r.before.paymentMode : null,
    to: typeof r.after?.paymentMode === "string" ? r.after.paymentMode : null,
  }));
}

/** Every audit event, for tests and the auditor's console. */
export async function listAuditEvents({ partnershipId }: { partnershipId?: string } = {}) {
  const { db, schema } = getDatabase();
  const q = db.select().from(schema.auditEvents);
  return (partnershipId ? q.where(eq(schema.auditEvents.partnershipId, partnershipId)) : q)
    .orderBy(asc(schema.auditEvents.createdAt), asc(schema.auditEvents.id));
}

/** How many of a user's attempts were refused for `reason` since `since` (index on actor, time). */
export async function countRecentRefusals({ actorUserId, reason, since }: { actorUserId: string; reason: string; since: Date }): Promise<number> {
  const { db, schema } = getDatabase();
  const a = schema.auditEvents;
  const [row] = await db
    .select({ n: count() })
    .from(a)
    .where(and(eq(a.actorUserId, actorUserId), gte(a.createdAt, since), eq(a.outcome, "refused"), eq(a.reason, reason)));
  return row?.n ?? 0;
}
