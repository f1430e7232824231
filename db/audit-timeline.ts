// One partnership's timeline for auditors: its audit events in order, who acted from which
// organization, and the notifications each event caused with their delivery state. Three queries
// per page, whatever its length (events, their messages, messages tied to no event).
import "server-only";
import { aliasedTable, and, asc, eq, inArray, isNull } from "drizzle-orm";
import { newerThan } from "./keyset";
import type { Cursor } from "@/lib/validation/audit-filters";
import { getDatabase } from "./client";

export const TIMELINE_PAGE = 200;

function notificationColumns() {
  const o = getDatabase().schema.outbox;
  return {
    id: o.id, auditEventId: o.auditEventId, template: o.template, toAddress: o.toAddress, subject: o.subject, status: o.status,
    attempts: o.attempts, sentAt: o.sentAt, lastError: o.lastError, nextAttemptAt: o.nextAttemptAt, createdAt: o.createdAt,
  };
}

/**
 * Events in the order they happened (time, then chain position). The cursor's id is the last seq
 * shown, so a page boundary inside one millisecond loses nothing.
 */
export async function listPartnershipTimeline({ partnershipId, cursor, limit = TIMELINE_PAGE }: {
  partnershipId: string; cursor: Cursor | null; limit?: number;
}) {
  const { db, schema } = getDatabase();
  const { auditEvents: a, users: u, outbox: o } = schema;
  const actorOrg = aliasedTable(schema.organizations, "actor_org");
  const afterSeq = cursor ? Number(cursor.id) : 0;
  const rows = await db
    .select({
      id: a.id, seq: a.seq, kind: a.kind, outcome: a.outcome, reason: a.reason, createdAt: a.createdAt,
      actorUserId: a.actorUserId, actorName: u.name, actorEmail: u.email, actorOrgId: a.actorOrgId, actorOrgName: actorOrg.name,
      before: a.before, after: a.after, requestId: a.requestId, ip: a.ip, userAgent: a.userAgent,
      // A refusal repeated within its window: how many times it was attempted (db/audit.ts#recordRefusal).
      repeats: schema.auditRefusalCounts.count,
    })
    .from(a)
    .leftJoin(schema.auditRefusalCounts, eq(schema.auditRefusalCounts.eventId, a.id))
    .leftJoin(u, eq(u.id, a.actorUserId))
    .leftJoin(actorOrg, eq(actorOrg.id, a.actorOrgId))
    .where(and(
      eq(a.partnershipId, partnershipId),
      cursor ? newerThan(a.createdAt, a.seq, { at: cursor.at, id: afterSeq }) : undefined,
    ))
    .orderBy(asc(a.createdAt), asc(a.seq))
    .limit(limit + 1);
  const events = rows.slice(0, limit);
  const ids = events.map((e) => e.id);
  const messages = ids.length === 0 ? [] : await db
    .select(notificationColumns())
    .from(o)
    .where(and(eq(o.partnershipId, partnershipId), inArray(o.auditEventId, ids)))
    .orderBy(asc(o.createdAt), asc(o.toAddress));
  const byEvent = new Map<string, typeof messages>();
  for (const m of messages) byEvent.set(m.auditEventId!, [...(byEvent.get(m.auditEventId!) ?? []), m]);
  const last = events.at(-1);
  return {
    events: events.map((e) => ({ ...e, notifications: byEvent.get(e.id) ?? [] })),
    next: rows.length > limit && last ? { at: last.createdAt, id: String(last.seq) } : null,
  };
}

export type TimelineEvent = Awaited<ReturnType<typeof listPartnershipTimeline>>["events"][number];
export type TimelineNotification = TimelineEvent["notifications"][number];

/** Notifications about the partnership that no audit event claims (e.g. queued by a system job). */
export async function listUnlinkedNotifications({ partnershipId }: { partnershipId: string }) {
  const { db, schema } = getDatabase();
  const o = schema.outbox;
  return db
    .select(notificationColumns())
    .from(o)
    .where(and(eq(o.partnershipId, partnershipId), isNull(o.auditEventId)))
    .orderBy(asc(o.createdAt))
    .limit(200);
}
