"use server";
// Server actions of the Clients pages (partner side): accept or refuse an invitation, end a partnership.
import { revalidatePath } from "next/cache";
import { findInvitationByToken } from "@/db/invitation-reads";
import { answerInvitation } from "@/db/invitations";
import type { UserMembership } from "@/db/users";
import { defineAction, type ActionContext, type ActionResult } from "@/lib/action";
import { env } from "@/lib/env";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { hashInvitationToken, isWellFormedToken } from "@/lib/invitation-token";
import { lifecycleDenial } from "@/lib/lifecycle";
import { invitationLinkMessage, lifecycleDenialMessage } from "@/lib/lifecycle-messages";
import { invitationAnsweredEmail } from "@/lib/mail/lifecycle-templates";
import { mailFooter, outboxRows } from "@/lib/mail/outbox-rows";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { refuser } from "@/lib/refusal";
import { setChosenOrgId } from "@/lib/request";
import { answerInvitationSchema, endPartnershipSchema, type AnswerInvitationInput } from "@/lib/validation/lifecycle";
import { endPartnershipStep, partnershipOf } from "../partners/lifecycle-steps";
import { partnerErrors } from "../partners/messages";

const KIND = "partnership.action_refused" as const;

/**
 * Finds the invitation being answered and the membership answering it. From the Clients page it is a
 * partnership of the current organization; from the emailed link, the link's partnership, answered
 * through the user's membership of the invited organization (whichever organization is chosen).
 */
async function locate(input: AnswerInvitationInput, ctx: ActionContext) {
  const { viewer } = ctx;
  if (input.token !== undefined) {
    if (!isWellFormedToken(input.token)) return { error: "link_unknown" as const };
    const hit = await findInvitationByToken({ tokenHash: hashInvitationToken(input.token) });
    if (!hit || hit.id !== input.partnershipId) return { error: "link_unknown" as const };
    const membership = viewer.memberships.find((x) => x.orgId === hit.partnerOrgId);
    return membership ? { p: hit, membership } : { error: "not_found" as const };
  }
  const membership: UserMembership | null = viewer.current;
  const p = membership && (await partnershipOf("partner", input.partnershipId, membership));
  return p && membership ? { p, membership } : { error: "not_found" as const };
}

async function answer(kind: "accept" | "refuse", input: AnswerInvitationInput, ctx: ActionContext): Promise<ActionResult<{ partnershipId: string }>> {
  const { viewer, meta } = ctx;
  const via = input.token !== undefined ? "email_link" : "clients_page";
  const refuse = refuser(ctx, KIND, input.partnershipId, { step: kind, version: input.version, via });
  // Refusals in the caller's language, like every other action's.
  const locale = await getLocale();
  const { notFound, stale } = partnerErrors(locale);
  const found = await locate(input, ctx);
  if ("error" in found) {
    return found.error === "link_unknown" ? refuse("link_unknown", invitationLinkMessage("unknown", locale)) : refuse("not_found", notFound);
  }
  const { p, membership } = found;
  const denial = lifecycleDenial(kind, { role: membership.role, side: "partner" }, p.status);
  if (denial) return refuse(denial, lifecycleDenialMessage(kind, denial, locale), p);
  if (p.version !== input.version) return refuse("stale_version", stale, p);

  const url = kind === "accept" ? `${env().APP_URL}/partners/${p.id}` : `${env().APP_URL}/partners`;
  const outcome = await answerInvitation({
    partnership: p, expectedVersion: input.version, answer: kind, actor: { userId: viewer.id, orgId: membership.orgId }, meta,
    tokenHash: input.token !== undefined ? hashInvitationToken(input.token) : undefined,
    messages: (recipients, next) => outboxRows(recipients, {
      template: kind === "accept" ? "partnership-accepted" : "partnership-refused", key: `invitation-answered:${p.id}:v${next.version}`,
      partnershipId: p.id, auditEventId: next.auditEventId,
      render: (r) => invitationAnsweredEmail({
        locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
        actorName: viewer.name, at: new Date(), answer: kind, url, footer: mailFooter(r, p.customerName, "partners"),
      }),
    }),
  });
  if (outcome.kind === "link") return refuse(`link_${outcome.state}`, invitationLinkMessage(outcome.state, locale), p);
  if (outcome.kind === "conflict") return refuse("stale_version", stale, p);

  // Answered through the link while another organization was chosen: show the invited one from now on.
  if (viewer.current?.orgId !== membership.orgId) await setChosenOrgId(membership.orgId);
  kickOutboxWorker();
  revalidatePath("/clients");
  revalidatePath(`/clients/${p.id}`);
  return {
    ok: true, partnershipId: p.id,
    message: (await getTranslations("clients"))(kind === "accept" ? "answer.accepted" : "answer.refused", { customer: p.customerName }),
  };
}

export const acceptInvitation = defineAction({ schema: answerInvitationSchema, refusedKind: KIND }, (input, ctx) => answer("accept", input, ctx));
export const refuseInvitation = defineAction({ schema: answerInvitationSchema, refusedKind: KIND }, (input, ctx) => answer("refuse", input, ctx));

export const endPartnershipAsPartner = defineAction(
  { schema: endPartnershipSchema, refusedKind: KIND },
  (input, ctx) => endPartnershipStep("partner", input, ctx),
);
