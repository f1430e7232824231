// Partnerships, read and changed only within the caller's organization.
import "server-only";
import { aliasedTable, and, asc, desc, eq, inArray } from "drizzle-orm";
import type { PaymentMode } from "@/lib/domain";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { getDatabase } from "./client";
import { enqueueMessages, type NewMessage } from "./outbox";
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

/**
 * Sets the payment mode if the partnership is still at `expectedVersion`, and in the same
 * transaction appends the audit event and queues one message per partner legal representative.
 * A stale version changes nothing. The caller has already checked who is asking.
 */
export async function changePaymentMode(args: {
  partnership: PartnershipDetail;
  expectedVersion: number;
  paymentMode: PaymentMode;
  actor: { userId: string; orgId: string };
  meta: RequestMeta;
  messages: (recipients: Recipient[], next: { version: number; auditEventId: string }) => NewMessage[];
  /** Confirmations to the customer's legal representatives, queued in the same transaction. */
  confirmations?: (recipients: Recipient[], next: { version: number; auditEventId: string }) => NewMessage[];
}): Promise<ChangePaymentModeOutcome> {
  const { partnership: p, paymentMode, actor, meta } = args;
  const database = getDatabase();
  const { partnerships } = database.schema;
  return database.transaction(async (tx) => {
    const now = new Date();
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
    const recipients = await listOrgMembersWithRole(tx, { orgId: p.partnerOrgId, role: "legal_representative" });
    await enqueueMessages(tx, args.messages(recipients, { version: updated.version, auditEventId }), now);
    if (args.confirmations) {
      const customerReps = await listOrgMembersWithRole(tx, { orgId: p.customerOrgId, role: "legal_representative" });
      await enqueueMessages(tx, args.confirmations(customerReps, { version: updated.version, auditEventId }), now);
    }
    return { kind: "changed", version: updated.version, paymentMode } as const;
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
