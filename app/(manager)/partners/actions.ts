"use server";
// Server actions of the Partner pages (customer side).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { changePaymentMode as savePaymentMode, getCustomerPartnership, PAYMENT_MODE_TEMPLATES } from "@/db/partnerships";
import { defineAction, type ActionResult } from "@/lib/action";
import { PAYMENT_MODE_INFO, type PaymentMode } from "@/lib/domain";
import { env } from "@/lib/env";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { paymentModeConfirmedEmail } from "@/lib/mail/lifecycle-templates";
import { mailFooter, outboxRows } from "@/lib/mail/outbox-rows";
import { paymentModeChangedEmail } from "@/lib/mail/templates";
import { paymentModeChangeDenial } from "@/lib/permissions";
import { DENIALS, NOT_FOUND, STALE } from "./messages";
import { changePaymentModeSchema } from "@/lib/validation/partnership";


export const changePaymentMode = defineAction(
  { schema: changePaymentModeSchema, refusedKind: "payment_mode.refused" },
  async (input, { viewer, meta }): Promise<ActionResult<{ paymentMode: PaymentMode; version: number }>> => {
    const membership = viewer.current;
    const refuse = async (reason: string, message: string, p?: { customerOrgId: string; partnerOrgId: string }) => {
      await recordRefusal({
        kind: "payment_mode.refused", reason, actorUserId: viewer.id, actorOrgId: membership?.orgId ?? null,
        partnershipId: input.partnershipId, customerOrgId: p?.customerOrgId, partnerOrgId: p?.partnerOrgId,
        after: { paymentMode: input.paymentMode, version: input.version }, meta,
      });
      return { ok: false as const, message };
    };

    if (!membership) return refuse("not_found", NOT_FOUND);
    const p = await getCustomerPartnership({ id: input.partnershipId, customerOrgId: membership.orgId });
    if (!p) return refuse("not_found", NOT_FOUND);
    const denial = paymentModeChangeDenial(membership.role, p);
    if (denial) return refuse(denial, DENIALS[denial], p);
    if (p.version !== input.version) return refuse("stale_version", STALE, p);
    if (p.paymentMode === input.paymentMode) {
      return refuse("unchanged", `The payment mode is already “${PAYMENT_MODE_INFO[input.paymentMode].label}”. Nothing changed.`, p);
    }

    const outcome = await savePaymentMode({
      partnership: p,
      expectedVersion: input.version,
      paymentMode: input.paymentMode,
      actor: { userId: viewer.id, orgId: membership.orgId },
      meta,
      coalesceMs: env().MAIL_COALESCE_SECONDS * 1000,
      messages: (recipients, next) => outboxRows(recipients, {
        template: PAYMENT_MODE_TEMPLATES.partner, key: `payment-mode:${p.id}:v${next.version}`,
        partnershipId: p.id, auditEventId: next.auditEventId,
        render: (r) => paymentModeChangedEmail({
          ...next.notice(r), locale: r.locale, recipientName: r.name, actorName: viewer.name, customerName: p.customerName,
          partnerName: p.partnerName, partnershipUrl: `${env().APP_URL}/clients/${p.id}`, footer: mailFooter(r, p.partnerName, "clients"),
        }),
      }),
      confirmations: (recipients, next) => outboxRows(recipients, {
        template: PAYMENT_MODE_TEMPLATES.customer, key: `payment-mode-confirmation:${p.id}:v${next.version}`,
        partnershipId: p.id, auditEventId: next.auditEventId,
        render: (r) => paymentModeConfirmedEmail({
          ...next.notice(r), locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
          actorName: viewer.name, recipientIsActor: r.userId === viewer.id, url: `${env().APP_URL}/partners/${p.id}`,
          footer: mailFooter(r, p.customerName, "partners"),
        }),
      }),
    });
    if (outcome.kind === "conflict") return refuse("stale_version", STALE, p);

    kickOutboxWorker();
    revalidatePath(`/partners/${p.id}`);
    revalidatePath("/partners");
    return {
      ok: true,
      paymentMode: outcome.paymentMode,
      version: outcome.version,
      message: `Payment mode changed to “${PAYMENT_MODE_INFO[outcome.paymentMode].label}”. ${p.partnerName} has been notified by email.`,
    };
  },
);
