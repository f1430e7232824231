// Partnerships, read and changed only within the caller's organization.
import "server-only";
import { aliasedTable, and, asc, desc, eq, gte, inArray } from "drizzle-orm";
import type { PaymentMode } from "@/lib/domain";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { coalesceMessage, enqueueMessages, listCoalescable, type CoalescableRow, type NewMessage } from "./outbox";
import { listOrgMembersWithRole, type Recipient } from "./users";

function partnershipColumns() {
  const { schema } = getDatabase();
  const p = schema.partnerships;
  return {
    id: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, status: p.status, access: p.access,
    paymentMode: p.paymentMode, version: p.version, createdAt: p.createdAt, activatedAt: p.activatedAt, updatedAt: p.updatedAt,
    endedAt: p.endedAt,
  };
}

/** The customer's partnerships, newest first, with the partner's name. */
export async function listCustomerPartnerships({ customerOrgId }: { customerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships, organizations } = schema;
  return db
    .select({ ...partnershipColumns(), partnerName: organizations.name })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.partnerOrgId))
    .where(eq(partnerships.customerOrgId, customerOrgId))
    .orderBy(desc(partnerships.createdAt), asc(partnerships.id))
    .limit(200);
}

/** One partnership of the customer's; another organization's id reads as null ("not found"). */
export async function getCustomerPartnership({ id, customerOrgId }: { id: string; customerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships } = schema;
  const partner = aliasedTable(schema.organizations, "partner");
  const customer = aliasedTable(schema.organizations, "customer");
  const [row] = await db
    .select({ ...partnershipColumns(), partnerName: partner.name, customerName: customer.name })
    .from(partnerships)
    .innerJoin(partner, eq(partner.id, partnerships.partnerOrgId))
    .innerJoin(customer, eq(customer.id, partnerships.customerOrgId))
    .where(and(eq(partnerships.id, id), eq(partnerships.customerOrgId, customerOrgId)))
    .limit(1);
  return row ?? null;
}

export type PartnershipDetail = NonNullable<Awaited<ReturnType<typeof getCustomerPartnership>>>;

/** The products a limited-access partner manages. */
export async function listManagedProducts({ partnershipId }: { partnershipId: string }) {
  const { db, schema } = getDatabase();
  const { partnershipProducts, products } = schema;
  return db
    .select({ id: products.id, label: products.label, category: products.category })
    .from(partnershipProducts)
    .innerJoin(products, eq(products.id, partnershipProducts.productId))
    .where(eq(partnershipProducts.partnershipId, partnershipId))
    .orderBy(asc(products.category), asc(products.label));
}

export type ChangePaymentModeOutcome =
  | { kind: "changed"; version: number; paymentMode: PaymentMode }
  | { kind: "conflict" };

/** The templates of the payment-mode emails: to the partner's, and to the customer's legal representatives. */
export const PAYMENT_MODE_TEMPLATES = { partner: "payment-mode-changed", customer: "payment-mode-confirmed" } as const;

/**
 * What one payment-mode email tells its recipient: from the mode before the first change it covers to
 * the final one. It covers several changes when they were coalesced (`changes` > 1), and then `from`
 * may equal `to` (changed and changed back).
 */
export type PaymentModeNotice = { from: PaymentMode; to: PaymentMode; changes: number; firstAt: Date; at: Date };

export type PaymentModeMessages = (
  recipients: Recipient[],
  next: { version: number; auditEventId: string; notice: (r: Recipient) => PaymentModeNotice },
) => NewMessage[];

/**
 * Sets the payment mode if the partnership is still at `expectedVersion`, and in the same
 * transaction appends the audit event and queues one message per partner legal representative
 * (and, with `confirmations`, per customer legal representative). A stale version changes nothing.
 * The caller has already checked who is asking.
 *
 * Coalescing (with `coalesceMs` > 0, docs/architecture.md "Emails"): each message waits `coalesceMs`
 * before it is due. A change made while a recipient's message of the same template is still waiting
 * and was never claimed by a worker rewrites that message (from the mode before the first change it
 * covers to the new one) instead of queueing another; a message already claimed or sent is never
 * touched, and the change gets a message of its own. Concurrent changes of one partnership are
 * serialized by the versioned update of its row, so two of them never rewrite the same message.
 */
export async function changePaymentMode(args: {
  partnership: PartnershipDetail;
  expectedVersion: number;
  paymentMode: PaymentMode;
  actor: { userId: string; orgId: string };
  meta: RequestMeta;
  messages: PaymentModeMessages;
  /** Confirmations to the customer's legal representatives, queued in the same transaction. */
  confirmations?: PaymentModeMessages;
  /** How long a message waits for later changes to fold into it; 0 (the default) sends it at once. */
  coalesceMs?: number;
  now?: Date;
}): Promise<ChangePaymentModeOutcome> {
  const { partnership: p, paymentMode, actor, meta } = args;
  const database = getDatabase();
  const { partnerships } = database.schema;
  return database.transaction(async (tx) => {
    const now = args.now ?? new Date();
    const [updated] = await tx
      .update(partnerships)
      .set({ paymentMode, version: args.expectedVersion + 1, updatedAt: now })
      .where(and(
        eq(partnerships.id, p.id),
        eq(partnerships.customerOrgId, actor.orgId),
        eq(partnerships.version, args.expectedVersion),
        eq(partnerships.status, "active"),
        eq(partnerships.access, "full"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    const auditEventId = await insertAuditEvent(tx, {
      kind: "payment_mode.changed",
      outcome: "ok",
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      partnershipId: p.id,
      customerOrgId: p.customerOrgId,
      partnerOrgId: p.partnerOrgId,
      before: { paymentMode: p.paymentMode, version: args.expectedVersion },
      after: { paymentMode, version: updated.version },
      meta,
      at: now,
    });
    const queue = {
      partnershipId: p.id, now, coalesceMs: args.coalesceMs ?? 0, version: updated.version, auditEventId,
      fresh: { from: p.paymentMode, to: paymentMode, changes: 1, firstAt: now, at: now },
    };
    const partnerReps = await listOrgMembersWithRole(tx, { orgId: p.partnerOrgId, role: "legal_representative" });
    await queueNotices(tx, { ...queue, template: PAYMENT_MODE_TEMPLATES.partner, recipients: partnerReps, build: args.messages });
    if (args.confirmations) {
      const customerReps = await listOrgMembersWithRole(tx, { orgId: p.customerOrgId, role: "legal_representative" });
      await queueNotices(tx, { ...queue, template: PAYMENT_MODE_TEMPLATES.customer, recipients: customerReps, build: args.confirmations });
    }
    return { kind: "changed", version: updated.version, paymentMode } as const;
  });
}

/** Queues one template's messages of a change, folding each into its recipient's waiting message if there is one. */
async function queueNotices(tx: Tx, q: {
  template: string; partnershipId: string; recipients: Recipient[]; build: PaymentModeMessages;
  now: Date; coalesceMs: number; version: number; auditEventId: string; fresh: PaymentModeNotice;
}): Promise<void> {
  const notBefore = new Date(q.now.getTime() + q.coalesceMs);
  const waiting = q.coalesceMs > 0 ? await listCoalescable(tx, { template: q.template, partnershipId: q.partnershipId, now: q.now }) : [];
  const byUser = new Map<string, CoalescableRow>();
  for (const row of waiting) if (!byUser.has(row.toUserId)) byUser.set(row.toUserId, row);
  const history = waiting.length > 0 ? await paymentModeChangesSince(tx, q.partnershipId, waiting[0]!.createdAt) : [];
  const notice = (r: Recipient): PaymentModeNotice => {
    const row = byUser.get(r.userId);
    const covered = row ? history.filter((e) => e.at.getTime() >= row.createdAt.getTime()) : [];
    const first = covered[0];
    return first ? { from: first.from, to: q.fresh.to, changes: covered.length, firstAt: first.at, at: q.now } : q.fresh;
  };
  const next = { version: q.version, auditEventId: q.auditEventId };
  const queued: NewMessage[] = [];
  for (const m of q.build(q.recipients, { ...next, notice })) {
    const row = m.template === q.template && m.toUserId ? byUser.get(m.toUserId) : undefined;
    if (!row) queued.push({ ...m, notBefore });
    else if (!(await coalesceMessage(tx, row.id, m))) {
      // Claimed by a worker since it was read: the email it carries goes out as it is, and this change
      // gets an email of its own, telling this change alone.
      const own = q.build(q.recipients.filter((r) => r.userId === m.toUserId), { ...next, notice: () => q.fresh });
      queued.push(...own.filter((x) => x.template === m.template).map((x) => ({ ...x, notBefore })));
    }
  }
  await enqueueMessages(tx, queued, q.now);
}

/** The partnership's payment-mode changes from `since` on, in the order they were made. */
async function paymentModeChangesSince(tx: Tx, partnershipId: string, since: Date): Promise<{ from: PaymentMode; at: Date }[]> {
  const { auditEvents: a } = getDatabase().schema;
  const rows = await tx
    .select({ before: a.before, at: a.createdAt })
    .from(a)
    .where(and(eq(a.partnershipId, partnershipId), eq(a.kind, "payment_mode.changed"), eq(a.outcome, "ok"), gte(a.createdAt, since)))
    .orderBy(asc(a.seq));
  return rows.flatMap((r) => {
    const from = r.before?.paymentMode;
    return from === "customer" || from === "partner" ? [{ from, at: r.at }] : [];
  });
}

/** The partner's side: its clients' partnerships, with the customer's name. */
export async function listPartnerClients({ partnerOrgId }: { partnerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships, organizations } = schema;
  return db
    .select({ ...partnershipColumns(), customerName: organizations.name })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.customerOrgId))
    .where(and(eq(partnerships.partnerOrgId, partnerOrgId), inArray(partnerships.status, ["pending", "active"])))
    .orderBy(asc(organizations.name), asc(partnerships.id))
    .limit(500);
}

/** One client partnership of the partner's; another organization's id reads as null ("not found"). */
export async function getPartnerPartnership({ id, partnerOrgId }: { id: string; partnerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships, organizations } = schema;
  const [row] = await db
    .select({ ...partnershipColumns(), customerName: organizations.name })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.customerOrgId))
    .where(and(eq(partnerships.id, id), eq(partnerships.partnerOrgId, partnerOrgId), inArray(partnerships.status, ["pending", "active"])))
    .limit(1);
  return row ?? null;
}
