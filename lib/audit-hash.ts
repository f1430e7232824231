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

// ---- Canonical audit text -------------------------------------------------------------------------
// What is hashed must be exactly what both engines store and give back. Three kinds of text do not
// survive the trip: NUL (PostgreSQL refuses it in text and jsonb; SQLite through libsql truncates it),
// lone UTF-16 surrogates (not encodable as UTF-8: drivers replace them with U+FFFD), and, for readers
// of the trail and its CSV export, other control characters. So every string of an event, in its
// columns and inside `before`/`after` (keys included), is rewritten before hashing and storing:
// C0 controls except tab, line feed and carriage return, DEL, C1 controls and lone surrogates become
// the six visible characters `\uXXXX` (lower-case hex). The rewrite is deterministic and idempotent
// (its output contains none of those characters), so verification hashes what it reads back.

export const MAX_AUDIT_TEXT = 500;
const MAX_JSON_DEPTH = 16;
const MAX_JSON_ITEMS = 200;

const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `s` with every character neither engine stores faithfully written as a visible `\uXXXX` escape. */
export function canonicalText(s: string): string {
  return s.replace(UNSAFE_TEXT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Canonical text clipped to `max` UTF-16 units, never splitting a surrogate pair. */
export function canonicalClippedText(s: string, max = MAX_AUDIT_TEXT): string {
  const t = canonicalText(s);
  if (t.length <= max) return t;
  const cut = /[\uD800-\uDBFF]/.test(t[max - 1]!) ? max - 1 : max;
  return t.slice(0, cut);
}

/**
 * A JSON value as the trail stores it: strings and keys canonical and clipped, non-finite numbers and
 * -0 as JSON writes them, undefined members dropped, depth and width bounded, so that what jsonb or a
 * SQLite text column gives back is equal to what was hashed.
 */
export function canonicalAuditValue(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return canonicalClippedText(value);
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== "object") return null;
  if (depth >= MAX_JSON_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) return value.slice(0, MAX_JSON_ITEMS).map((v) => canonicalAuditValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    if (++n > MAX_JSON_ITEMS) break;
    // defineProperty, not assignment: a key "__proto__" must stay an ordinary key, as JSON.parse makes it.
    Object.defineProperty(out, canonicalClippedText(k), { value: canonicalAuditValue(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const text = (s: string | null | undefined) => (s == null ? null : canonicalClippedText(s));
const record = (v: Record<string, unknown> | null | undefined) => (v == null ? null : (canonicalAuditValue(v) as Record<string, unknown>));

/** An event's content as it is hashed and stored: every text canonical, every JSON value canonical. */
export function canonicalAuditContent<T extends Omit<HashedAuditContent, "before" | "after"> & {
  before: Record<string, unknown> | null; after: Record<string, unknown> | null;
}>(e: T): T {
  return {
    ...e,
    prevHash: e.prevHash, kind: canonicalClippedText(e.kind), outcome: canonicalClippedText(e.outcome), reason: text(e.reason),
    actorUserId: text(e.actorUserId), actorOrgId: text(e.actorOrgId), partnershipId: text(e.partnershipId),
    customerOrgId: text(e.customerOrgId), partnerOrgId: text(e.partnerOrgId), before: record(e.before), after: record(e.after),
    requestId: text(e.requestId), ip: text(e.ip), userAgent: text(e.userAgent),
  };
}
