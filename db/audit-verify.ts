// Verifies the audit trail's hash chain from the database, in `seq` order and in batches (the
// unique index on seq serves each batch), stopping at the first broken link.
import "server-only";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import {
  CHAIN_START, checkChainBatch, checkChainEnd, type ChainAnchor, type ChainBreak, type ChainCursor,
} from "@/lib/audit-verify";
import { getDatabase } from "./client";

export type ChainReport =
  | { ok: true; checked: number; head: { seq: number; hash: string | null } }
  | { ok: false; checked: number; broken: ChainBreak };

export async function verifyAuditChain({ batchSize = 1000, anchors = [] }: { batchSize?: number; anchors?: ChainAnchor[] } = {}): Promise<ChainReport> {
  const { db, schema } = getDatabase();
  const { auditChain, auditEvents: a } = schema;
  // The head first: an append commits its event and the head together, so every event up to the
  // head's seq is visible now; later appends are left for the next run.
  const [head] = await db.select().from(auditChain).where(eq(auditChain.id, 1));
  if (!head) throw new Error("audit_chain has no head row: run the migrations");

  let cursor: ChainCursor = CHAIN_START;
  for (;;) {
    const rows = await db
      .select({
        id: a.id, seq: a.seq, prevHash: a.prevHash, hash: a.hash, kind: a.kind, outcome: a.outcome, reason: a.reason,
        actorUserId: a.actorUserId, actorOrgId: a.actorOrgId, partnershipId: a.partnershipId,
        customerOrgId: a.customerOrgId, partnerOrgId: a.partnerOrgId, before: a.before, after: a.after,
        requestId: a.requestId, ip: a.ip, userAgent: a.userAgent, createdAt: a.createdAt,
      })
      .from(a)
      .where(and(gt(a.seq, cursor.nextSeq - 1), lte(a.seq, head.lastSeq)))
      .orderBy(asc(a.seq))
      .limit(batchSize);
    const step = checkChainBatch(cursor, rows, anchors);
    if (step.broken) return { ok: false, checked: step.cursor.checked, broken: step.broken };
    cursor = step.cursor;
    if (rows.length < batchSize) break;
  }
  const end = checkChainEnd(cursor, head, anchors);
  if (end) return { ok: false, checked: cursor.checked, broken: end };
  return { ok: true, checked: cursor.checked, head: { seq: cursor.nextSeq - 1, hash: cursor.prevHash } };
}
