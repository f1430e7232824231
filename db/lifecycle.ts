// Partnership lifecycle writes on a live partnership (access, end) and the partner's client list.
// Each change is one transaction: the versioned update, its audit event, its outbox messages.
import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { olderThan } from "./keyset";
import type { AccessLevel, AuditKind, PaymentMode } from "@/lib/domain";
import type { OrgSide } from "@/lib/permissions";
import { insertAuditEvent, type NewAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Executor, type Tx } from "./client";
import { enqueueMessages, type NewMessage } from "./outbox";
import { cancelPendingSwitchInTx } from "./scheduled-switches";
import { listOrgMembersWithRole, type Recipient } from "./users";

export type MessageBuilder = (recipients: Recipient[], next: { version: number; auditEventId: string }) => NewMessage[];
export type Actor = { userId: string; orgId: string };
export type PartnershipRef = { id: string; customerOrgId: string; partnerOrgId: string };

/** The audit event of a step, then one message per legal representative of `notifyOrgId`. */
export async function auditAndNotify(tx: Tx, args: {
  kind: AuditKind; actor: Actor; p: PartnershipRef; before: NewAuditEvent["before"]; after: NewAuditEvent["after"];
  meta: RequestMeta; now: Date; notifyOrgId: string; version: number; messages: MessageBuilder;
}): Promise<string> {
  const { p, actor } = args;
  const auditEventId = await insertAuditEvent(tx, {
    kind: args.kind, outcome: "ok", actorUserId: actor.userId, actorOrgId: actor.orgId, partnershipId: p.id,
    customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, before: args.before, after: args.after,
    meta: args.meta, at: args.now,
  });
  const recipients = await listOrgMembersWithRole(tx, { orgId: args.notifyOrgId, role: "legal_representative" });
  await enqueueMessages(tx, args.messages(recipients, { version: args.version, auditEventId }), args.now);
  return auditEventId;
}

/** True when every id names a product of the customer's organization. */
export async function productsBelongTo(ex: Executor, { orgId, productIds }: { orgId: string; productIds: string[] }) {
  if (productIds.length === 0) return true;
  const { schema } = getDatabase();
  const rows = await ex.select({ id: schema.products.id }).from(schema.products)
    .where(and(eq(schema.products.orgId, orgId), inArray(schema.products.id, productIds)));
  return rows.length === new Set(productIds).size;
}

export type ChangeAccessOutcome =
  | { kind: "changed"; version: number; access: AccessLevel; paymentMode: PaymentMode }
  | { kind: "conflict" }
  | { kind: "bad_products" };

/** Sets access (and with limited access, the product list; the payment mode follows the plan). */
export async function changeAccess(args: {
  partnership: PartnershipRef & { access: AccessLevel; paymentMode: PaymentMode; productIds: string[] };
  expectedVersion: number;
  plan: { access: AccessLevel; paymentMode: PaymentMode; productIds: string[] };
  actor: Actor; meta: RequestMeta; messages: MessageBuilder;
}): Promise<ChangeAccessOutcome> {
  const { partnership: p, plan, actor } = args;
  const database = getDatabase();
  const { partnerships, partnershipProducts } = database.schema;
  return database.transaction(async (tx) => {
    if (!(await productsBelongTo(tx, { orgId: p.customerOrgId, productIds: plan.productIds }))) return { kind: "bad_products" } as const;
    const now = new Date();
    const [updated] = await tx.update(partnerships)
      .set({ access: plan.access, paymentMode: plan.paymentMode, version: args.expectedVersion + 1, updatedAt: now })
      .where(and(
        eq(partnerships.id, p.id), eq(partnerships.customerOrgId, actor.orgId),
        eq(partnerships.version, args.expectedVersion), eq(partnerships.status, "active"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    // Full → limited: a pending scheduled switch can no longer apply (with limited access the customer pays).
    if (p.access === "full" && plan.access === "limited") {
      await cancelPendingSwitchInTx(tx, {
        partnershipId: p.id, actor: { ...actor, name: "" }, meta: args.meta, at: now, because: "access_limited", version: updated.version,
      });
    }
    await tx.delete(partnershipProducts).where(eq(partnershipProducts.partnershipId, p.id));
    if (plan.productIds.length > 0) {
      await tx.insert(partnershipProducts).values(plan.productIds.map((productId) => ({ partnershipId: p.id, productId })));
    }
    await auditAndNotify(tx, {
      kind: "access.changed", actor, p, meta: args.meta, now, notifyOrgId: p.partnerOrgId, version: updated.version,
      messages: args.messages,
      before: { access: p.access, paymentMode: p.paymentMode, productIds: p.productIds, version: args.expectedVersion },
      after: { access: plan.access, paymentMode: plan.paymentMode, productIds: plan.productIds, version: updated.version },
    });
    return { kind: "changed", version: updated.version, access: plan.access, paymentMode: plan.paymentMode } as const;
  });
}

/** Ends an active partnership from either side; the other side's legal representatives are emailed. */
export async function endPartnership(args: {
  partnership: PartnershipRef; side: OrgSide; expectedVersion: number; actor: Actor; meta: RequestMeta; messages: MessageBuilder;
}): Promise<{ kind: "ended"; version: number } | { kind: "conflict" }> {
  const { partnership: p, side, actor } = args;
  const database = getDatabase();
  const { partnerships } = database.schema;
  return database.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx.update(partnerships)
      .set({ status: "ended", endedAt: now, version: args.expectedVersion + 1, updatedAt: now })
      .where(and(
        eq(partnerships.id, p.id),
        eq(side === "customer" ? partnerships.customerOrgId : partnerships.partnerOrgId, actor.orgId),
        eq(partnerships.version, args.expectedVersion), eq(partnerships.status, "active"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    await auditAndNotify(tx, {
      kind: "partnership.ended", actor, p, meta: args.meta, now, version: updated.version, messages: args.messages,
      notifyOrgId: side === "customer" ? p.partnerOrgId : p.customerOrgId,
      before: { status: "active", version: args.expectedVersion },
      after: { status: "ended", endedBy: side, version: updated.version },
    });
    return { kind: "ended", version: updated.version } as const;
  });
}

/** Products managed under each of several partnerships, in one query. */
export async function listManagedProductsFor({ partnershipIds }: { partnershipIds: string[] }) {
  const out = new Map<string, { id: string; label: string; category: string }[]>();
  if (partnershipIds.length === 0) return out;
  const { db, schema } = getDatabase();
  const { partnershipProducts: pp, products } = schema;
  const rows = await db.select({ partnershipId: pp.partnershipId, id: products.id, label: products.label, category: products.category })
    .from(pp).innerJoin(products, eq(products.id, pp.productId))
    .where(inArray(pp.partnershipId, partnershipIds))
    .orderBy(asc(products.category), asc(products.label));
  for (const { partnershipId, ...product } of rows) out.set(partnershipId, [...(out.get(partnershipId) ?? []), product]);
  return out;
}

export type ClientCursor = { createdAt: Date; id: string };

/** The partner's active clients, newest first, one keyset page at a time (partnerships_partner_idx). */
export async function listActiveClients({ partnerOrgId, after, limit = 50 }: { partnerOrgId: string; after?: ClientCursor | null; limit?: number }) {
  const { db, schema } = getDatabase();
  const { partnerships: p, organizations } = schema;
  const rows = await db
    .select({
      id: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, access: p.access, paymentMode: p.paymentMode,
      status: p.status, createdAt: p.createdAt, activatedAt: p.activatedAt, customerName: organizations.name,
    })
    .from(p).innerJoin(organizations, eq(organizations.id, p.customerOrgId))
    .where(and(
      eq(p.partnerOrgId, partnerOrgId), eq(p.status, "active"),
      after ? olderThan(p.createdAt, p.id, { at: after.createdAt, id: after.id }) : undefined,
    ))
    .orderBy(desc(p.createdAt), desc(p.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export function encodeClientCursor(c: ClientCursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`, "utf8").toString("base64url");
}

/** A cursor from the query string; anything malformed reads as "first page". */
export function decodeClientCursor(raw: unknown): ClientCursor | null {
  if (typeof raw !== "string" || raw.length > 200) return null;
  const m = /^(\d{1,15})\.([A-Za-z0-9-]{1,64})$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
  return m ? { createdAt: new Date(Number(m[1])), id: m[2]! } : null;
}

/** For confirming a sensitive step with the user's password; never leaves the server. */
export async function readPasswordHash({ userId }: { userId: string }): Promise<string | null> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ hash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, userId)).limit(1);
  return row?.hash ?? null;
}
