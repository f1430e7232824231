// The audit trail's hash chain: each event's hash covers its content and the previous event's hash.
import { createHash } from "node:crypto";

export type HashedAuditContent = {
  id: string;
  seq: number;
  prevHash: string | null;
  kind: string;
  outcome: string;
  reason: string | null;
  actorUserId: string | null;
  actorOrgId: string | null;
  partnershipId: string | null;
  customerOrgId: string | null;
  partnerOrgId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
};

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The hash of an event: every stored column but the hash itself (db/audit-columns.test.ts checks that). */
export function auditEventHash(e: HashedAuditContent): string {
  return sha256(canonicalJson({ id: e.id, ...hashedFields(e) }));
}

/** How events were hashed before the id was included; the verifier still accepts it for those events. */
export function legacyAuditEventHash(e: HashedAuditContent): string {
  return sha256(canonicalJson(hashedFields(e)));
}

const sha256 = (content: string) => createHash("sha256").update(content).digest("hex");

function hashedFields(e: HashedAuditContent) {
  return {
    seq: e.seq, prevHash: e.prevHash, kind: e.kind, outcome: e.outcome, reason: e.reason,
    actorUserId: e.actorUserId, actorOrgId: e.actorOrgId, partnershipId: e.partnershipId,
    customerOrgId: e.customerOrgId, partnerOrgId: e.partnerOrgId, before: e.before, after: e.after,
    requestId: e.requestId, ip: e.ip, userAgent: e.userAgent, createdAt: e.createdAt.toISOString(),
  };
}
