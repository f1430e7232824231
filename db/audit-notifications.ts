// Every outbox message for auditors, and the one write an auditor may make: put a failed message
// back in the queue ("retry now"), audited in the same transaction.
import "server-only";
import { aliasedTable, and, desc, eq } from "drizzle-orm";
import { olderThan } from "./keyset";
import type { NotificationFilters } from "@/lib/validation/audit-filters";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase } from "./client";

export const NOTIFICATIONS_PAGE = 50;

/** Newest first, keyset on (created_at, id); the partnership's names come from joins. */
export async function listNotificationsPage(f: NotificationFilters, { limit = NOTIFICATIONS_PAGE } = {}) {
  const { db, schema } = getDatabase();
  const { outbox: o, partnerships: p } = schema;
  const customer = aliasedTable(schema.organizations, "customer");
  const partner = aliasedTable(schema.organizations, "partner");
  const c = f.cursor;
  const rows = await db
    .select({
      id: o.id, template: o.template, toAddress: o.toAddress, subject: o.subject, status: o.status, attempts: o.attempts,
      sentAt: o.sentAt, lastError: o.lastError, nextAttemptAt: o.nextAttemptAt, createdAt: o.createdAt,
      partnershipId: o.partnershipId, customerName: customer.name, partnerName: partner.name,
    })
    .from(o)
    .leftJoin(p, eq(p.id, o.partnershipId))
    .leftJoin(customer, eq(customer.id, p.customerOrgId))
    .leftJoin(partner, eq(partner.id, p.partnerOrgId))
    .where(and(
      f.values.state ? eq(o.status, f.values.state) : undefined,
      c ? olderThan(o.createdAt, o.id, c) : undefined,
    ))
    .orderBy(desc(o.createdAt), desc(o.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

export type NotificationRow = Awaited<ReturnType<typeof listNotificationsPage>>["rows"][number];

export type RetryOutcome =
  | { kind: "requeued"; toAddress: string }
  | { kind: "not_found" }
  | { kind: "not_failed"; status: string; partnership: { id: string; customerOrgId: string; partnerOrgId: string } | null };

/**
 * Puts a failed message back in the queue, due now, keeping its attempt count (one more failure
 * fails it again at once), and records `notification.retried` in the same transaction. The update
 * is conditional on `failed`, so two auditors clicking at once requeue it once.
 */
export async function requeueFailedMessage({ messageId, actorUserId, meta, now = new Date() }: {
  messageId: string; actorUserId: string; meta: RequestMeta; now?: Date;
}): Promise<RetryOutcome> {
  const database = getDatabase();
  const { outbox: o, partnerships: p } = database.schema;
  return database.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: o.id, status: o.status, attempts: o.attempts, template: o.template, toAddress: o.toAddress, partnershipId: o.partnershipId, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId })
      .from(o)
      .leftJoin(p, eq(p.id, o.partnershipId))
      .where(eq(o.id, messageId))
      .limit(1);
    if (!row) return { kind: "not_found" } as const;
    const partnership = row.partnershipId && row.customerOrgId && row.partnerOrgId
      ? { id: row.partnershipId, customerOrgId: row.customerOrgId, partnerOrgId: row.partnerOrgId }
      : null;
    const [updated] = await tx
      .update(o)
      .set({ status: "pending", nextAttemptAt: now, lockedUntil: null })
      .where(and(eq(o.id, messageId), eq(o.status, "failed")))
      .returning({ id: o.id });
    if (!updated) return { kind: "not_failed", status: row.status, partnership } as const;
    await insertAuditEvent(tx, {
      kind: "notification.retried",
      outcome: "ok",
      actorUserId,
      actorOrgId: null,
      partnershipId: row.partnershipId,
      customerOrgId: partnership?.customerOrgId ?? null,
      partnerOrgId: partnership?.partnerOrgId ?? null,
      before: { notificationId: row.id, template: row.template, status: "failed", attempts: row.attempts },
      after: { notificationId: row.id, template: row.template, status: "pending", attempts: row.attempts },
      meta,
      at: now,
    });
    return { kind: "requeued", toAddress: row.toAddress } as const;
  });
}
