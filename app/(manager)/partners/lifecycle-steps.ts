// Step bodies shared by the customer's and the partner's actions: ending a partnership, from either side.
import "server-only";
import { revalidatePath } from "next/cache";
import { endPartnership, readPasswordHash } from "@/db/lifecycle";
import { getCustomerPartnership, getPartnerPartnership } from "@/db/partnerships";
import type { ActionContext, ActionResult } from "@/lib/action";
import { env } from "@/lib/env";
import { lifecycleDenial } from "@/lib/lifecycle";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n/translator";
import { lifecycleDenialMessage, lifecycleMessages } from "@/lib/lifecycle-messages";
import { partnershipEndedEmail } from "@/lib/mail/lifecycle-templates";
import { outboxRows } from "@/lib/mail/outbox-rows";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { DUMMY_HASH, verifyPassword } from "@/lib/password";
import { confirmReservation } from "@/lib/password-throttle";
import type { OrgSide } from "@/lib/permissions";
import { refuser } from "@/lib/refusal";
import { guardedPasswordCheck } from "@/lib/server/password-guard";
import type { EndPartnershipInput } from "@/lib/validation/lifecycle";
import { partnerErrors } from "./messages";

/** The partnership as one side sees it (another organization's id reads as null), with both names. */
export async function partnershipOf(side: OrgSide, id: string, org: { orgId: string; orgName: string }) {
  if (side === "customer") return getCustomerPartnership({ id, customerOrgId: org.orgId });
  const p = await getPartnerPartnership({ id, partnerOrgId: org.orgId });
  return p && { ...p, partnerName: org.orgName };
}

/**
 * Ends an active partnership after checking, in this order: the partnership is the caller's side's,
 * the caller may end it, the version is current, and the password is the caller's. The password is
 * never audited nor returned.
 */
export async function endPartnershipStep(side: OrgSide, input: EndPartnershipInput, ctx: ActionContext): Promise<ActionResult> {
  const { viewer, meta } = ctx;
  const m = viewer.current;
  const refuse = refuser(ctx, "partnership.action_refused", input.partnershipId, { step: "end", side, version: input.version });
  const locale = await getLocale();
  const errors = partnerErrors(locale);
  const said = lifecycleMessages(locale);
  if (!m) return refuse("not_found", errors.notFound);
  const p = await partnershipOf(side, input.partnershipId, m);
  if (!p) return refuse("not_found", errors.notFound);
  const denial = lifecycleDenial("end", { role: m.role, side }, p.status);
  if (denial) return refuse(denial, lifecycleDenialMessage("end", denial, locale), p);
  if (p.version !== input.version) return refuse("stale_version", errors.stale, p);
  // Guessing the password here is throttled: five attempts per user in 15 minutes, each reserved in the
  // database before the password is compared, so parallel guesses cannot exceed it (lib/password-throttle.ts).
  const check = await guardedPasswordCheck(confirmReservation(viewer.id, new Date()), async () => {
    // A dummy hash for a user without one keeps the timing the same.
    const ok = await verifyPassword(input.password, (await readPasswordHash({ userId: viewer.id })) ?? DUMMY_HASH);
    return ok || null;
  });
  if (check.outcome === "throttled") return refuse("too_many_attempts", said.tooManyPasswords, p);
  if (check.outcome === "wrong") return refuse("wrong_password", said.wrongPassword, p, { password: [said.wrongPassword] });

  const other: OrgSide = side === "customer" ? "partner" : "customer";
  const url = other === "customer" ? `${env().APP_URL}/partners/${p.id}` : `${env().APP_URL}/clients`;
  const outcome = await endPartnership({
    partnership: p, side, expectedVersion: input.version, actor: { userId: viewer.id, orgId: m.orgId }, meta,
    messages: (recipients, next) => outboxRows(recipients, {
      template: "partnership-ended", key: `partnership-ended:${p.id}:v${next.version}`, partnershipId: p.id, auditEventId: next.auditEventId,
      render: (r) => partnershipEndedEmail({
        locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
        recipientSide: other, actorName: viewer.name, url,
      }),
    }),
  });
  if (outcome.kind === "conflict") return refuse("stale_version", errors.stale, p);

  kickOutboxWorker();
  revalidatePath(side === "customer" ? `/partners/${p.id}` : `/clients/${p.id}`);
  revalidatePath(side === "customer" ? "/partners" : "/clients");
  const otherName = side === "customer" ? p.partnerName : p.customerName;
  return {
    ok: true,
    message: translator(locale, "partners.end")(side === "customer" ? "endedByCustomer" : "endedByPartner", { name: otherName }),
  };
}
