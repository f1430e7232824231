// Invitations: a pending partnership plus its emailed, single-use, hashed, expiring link. The writes are
// here; the reads (partner search, the invitation behind a link, pending lists) are in invitation-reads.ts.
import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import { invitationState, type InvitationState } from "@/lib/lifecycle";
import { newId } from "@/lib/ids";
import type { RequestMeta } from "./audit";
import { getDatabase, type Tx } from "./client";
import { auditAndNotify, productsBelongTo, type Actor, type MessageBuilder, type PartnershipRef } from "./lifecycle";

/** A live-pair unique violation (partnerships_live_pair_uq), however the driver wraps it. */
export function isLivePairViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint, message } = e as { code?: string; constraint?: string; message?: string };
    if (code === "23505" && constraint === "partnerships_live_pair_uq") return true;
    if (typeof message === "string" && /UNIQUE constraint failed: partnerships\.customer_org_id, partnerships\.partner_org_id/.test(message)) return true;
  }
  return false;
}

async function insertInvitation(tx: Tx, partnershipId: string, tokenHash: string, expiresAt: Date, now: Date) {
  const { schema } = getDatabase();
  await tx.insert(schema.invitations).values({ id: newId(), partnershipId, tokenHash, expiresAt, createdAt: now });
}

async function revokeLiveInvitations(tx: Tx, partnershipId: string, now: Date) {
  const { invitations: i } = getDatabase().schema;
  await tx.update(i).set({ revokedAt: now }).where(and(eq(i.partnershipId, partnershipId), isNull(i.usedAt), isNull(i.revokedAt)));
}

export type InviteOutcome = { kind: "invited"; partnershipId: string } | { kind: "live_pair" } | { kind: "bad_products" };

export async function createInvitation(args: {
  customerOrgId: string; partnerOrgId: string; access: AccessLevel; paymentMode: PaymentMode; productIds: string[];
  tokenHash: string; expiresAt: Date; actor: Actor; meta: RequestMeta;
  messages: (partnershipId: string) => MessageBuilder;
}): Promise<InviteOutcome> {
  const database = getDatabase();
  const { partnerships, partnershipProducts } = database.schema;
  const productIds = [...new Set(args.productIds)];
  try {
    return await database.transaction(async (tx) => {
      if (!(await productsBelongTo(tx, { orgId: args.customerOrgId, productIds }))) return { kind: "bad_products" } as const;
      const now = new Date();
      const p = { id: newId(), customerOrgId: args.customerOrgId, partnerOrgId: args.partnerOrgId };
      // The partial unique index refuses a second live partnership for the pair (caught below).
      await tx.insert(partnerships).values({
        ...p, status: "pending", access: args.access, paymentMode: args.paymentMode, version: 1, createdAt: now, updatedAt: now,
      });
      if (productIds.length > 0) await tx.insert(partnershipProducts).values(productIds.map((productId) => ({ partnershipId: p.id, productId })));
      await insertInvitation(tx, p.id, args.tokenHash, args.expiresAt, now);
      await auditAndNotify(tx, {
        kind: "partnership.invited", actor: args.actor, p, meta: args.meta, now, notifyOrgId: p.partnerOrgId, version: 1,
        messages: args.messages(p.id), before: null,
        after: { status: "pending", access: args.access, paymentMode: args.paymentMode, productIds, version: 1, invitationExpiresAt: args.expiresAt.toISOString() },
      });
      return { kind: "invited", partnershipId: p.id } as const;
    });
  } catch (error) {
    if (isLivePairViolation(error)) return { kind: "live_pair" };
    throw error;
  }
}

type Step = { partnership: PartnershipRef; expectedVersion: number; actor: Actor; meta: RequestMeta; messages: MessageBuilder };

/** New link, old links revoked, version bumped; only while pending. */
export async function resendInvitation(args: Step & { tokenHash: string; expiresAt: Date }) {
  return closeOrRenew(args, "resend");
}

/** The customer withdraws a pending invitation: the partnership becomes `deleted`, its links stop working. */
export async function deleteInvitation(args: Step) {
  return closeOrRenew(args, "delete");
}

async function closeOrRenew(args: Step & { tokenHash?: string; expiresAt?: Date }, step: "resend" | "delete") {
  const { partnership: p, actor } = args;
  const database = getDatabase();
  const { partnerships } = database.schema;
  return database.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx.update(partnerships)
      .set({ version: args.expectedVersion + 1, updatedAt: now, ...(step === "delete" ? { status: "deleted" as const } : {}) })
      .where(and(
        eq(partnerships.id, p.id), eq(partnerships.customerOrgId, actor.orgId),
        eq(partnerships.version, args.expectedVersion), eq(partnerships.status, "pending"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    await revokeLiveInvitations(tx, p.id, now);
    if (step === "resend") await insertInvitation(tx, p.id, args.tokenHash!, args.expiresAt!, now);
    await auditAndNotify(tx, {
      kind: step === "resend" ? "partnership.invitation_resent" : "partnership.invitation_deleted",
      actor, p, meta: args.meta, now, notifyOrgId: p.partnerOrgId, version: updated.version, messages: args.messages,
      before: { status: "pending", version: args.expectedVersion },
      after: step === "resend"
        ? { status: "pending", version: updated.version, invitationExpiresAt: args.expiresAt!.toISOString() }
        : { status: "deleted", version: updated.version },
    });
    return { kind: "done", version: updated.version } as const;
  });
}

export type AnswerOutcome =
  | { kind: "answered"; status: "active" | "refused"; version: number }
  | { kind: "conflict" }
  | { kind: "link"; state: Exclude<InvitationState, "live"> | "unknown" };

/**
 * Accepts or refuses while the invitation's latest link is live (or, with `tokenHash`, while that very
 * link is): marks the link used and emails the customer's legal representatives.
 */
export async function answerInvitation(args: Step & { answer: "accept" | "refuse"; tokenHash?: string }): Promise<AnswerOutcome> {
  const { partnership: p, actor } = args;
  const database = getDatabase();
  const { partnerships, invitations: i } = database.schema;
  return database.transaction(async (tx) => {
    const now = new Date();
    const [inv] = await tx.select().from(i)
      .where(and(eq(i.partnershipId, p.id), args.tokenHash ? eq(i.tokenHash, args.tokenHash) : undefined))
      .orderBy(desc(i.createdAt), desc(i.id)).limit(1);
    if (!inv) return { kind: "link", state: "unknown" } as const;
    const state = invitationState(inv, now);
    if (state !== "live") return { kind: "link", state } as const;
    const status = args.answer === "accept" ? "active" as const : "refused" as const;
    const [updated] = await tx.update(partnerships)
      .set({ status, version: args.expectedVersion + 1, updatedAt: now, ...(status === "active" ? { activatedAt: now } : {}) })
      .where(and(
        eq(partnerships.id, p.id), eq(partnerships.partnerOrgId, actor.orgId),
        eq(partnerships.version, args.expectedVersion), eq(partnerships.status, "pending"),
      ))
      .returning({ version: partnerships.version });
    if (!updated) return { kind: "conflict" } as const;
    await tx.update(i).set({ usedAt: now }).where(eq(i.id, inv.id));
    await revokeLiveInvitations(tx, p.id, now);
    await auditAndNotify(tx, {
      kind: status === "active" ? "partnership.accepted" : "partnership.refused",
      actor, p, meta: args.meta, now, notifyOrgId: p.customerOrgId, version: updated.version, messages: args.messages,
      before: { status: "pending", version: args.expectedVersion },
      after: { status, version: updated.version, via: args.tokenHash ? "email_link" : "clients_page" },
    });
    return { kind: "answered", status, version: updated.version } as const;
  });
}
