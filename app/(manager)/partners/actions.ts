"use server";
// Server actions of the Partner pages (customer side).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { changePaymentMode as savePaymentMode, getCustomerPartnership } from "@/db/partnerships";
import { defineAction, type ActionResult } from "@/lib/action";
import type { PaymentMode } from "@/lib/domain";
import { env } from "@/lib/env";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n/translator";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { paymentModeConfirmedEmail } from "@/lib/mail/lifecycle-templates";
import { outboxRows } from "@/lib/mail/outbox-rows";
import { paymentModeChangedEmail } from "@/lib/mail/templates";
import { paymentModeChangeDenial } from "@/lib/permissions";
import { partnerErrors } from "./messages";
import { changePaymentModeSchema } from "@/lib/validation/partnership";


export const changePaymentMode = defineAction(
  { schema: changePaymentModeSchema, refusedKind: "payment_mode.refused" },
  async (input, { viewer, meta }): Promise<ActionResult<{ paymentMode: PaymentMode; version: number }>> => {
    const membership = viewer.current;
    const locale = await getLocale();
    const errors = partnerErrors(locale);
    const t = translator(locale, "partners");
    const d = translator(locale, "domain");
    const refuse = async (reason: string, message: string, p?: { customerOrgId: string; partnerOrgId: string }) => {
      await recordRefusal({
        kind: "payment_mode.refused", reason, actorUserId: viewer.id, actorOrgId: membership?.orgId ?? null,
        partnershipId: input.partnershipId, customerOrgId: p?.customerOrgId, partnerOrgId: p?.partnerOrgId,
        after: { paymentMode: input.paymentMode, version: input.version }, meta,
      });
      return { ok: false as const, message };
    };

    if (!membership) return refuse("not_found", errors.notFound);
    const p = await getCustomerPartnership({ id: input.partnershipId, customerOrgId: membership.orgId });
    if (!p) return refuse("not_found", errors.notFound);
    const denial = paymentModeChangeDenial(membership.role, p);
    if (denial) return refuse(denial, errors.denial(denial), p);
    if (p.version !== input.version) return refuse("stale_version", errors.stale, p);
    if (p.paymentMode === input.paymentMode) {
      return refuse("unchanged", t("errors.paymentUnchanged", { mode: d(`paymentMode.${input.paymentMode}`) }), p);
    }

    const url = `${env().APP_URL}/clients/${p.id}`;
    const outcome = await savePaymentMode({
      partnership: p,
      expectedVersion: input.version,
      paymentMode: input.paymentMode,
      actor: { userId: viewer.id, orgId: membership.orgId },
      meta,
      messages: (recipients, next) => recipients.map((r) => {
        const mail = paymentModeChangedEmail({
          locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
          from: p.paymentMode, to: input.paymentMode, partnershipUrl: url,
        });
        return {
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        locale: mail.locale,
        dedupeKey: `payment-mode:${p.id}:v${next.version}:${r.userId}`,
        template: "payment-mode-changed",
        toUserId: r.userId,
        toAddress: r.email,
        partnershipId: p.id,
        auditEventId: next.auditEventId,
        };
      }),
      confirmations: (recipients, next) => outboxRows(recipients, {
        template: "payment-mode-confirmed", key: `payment-mode-confirmation:${p.id}:v${next.version}`,
        partnershipId: p.id, auditEventId: next.auditEventId,
        render: (r) => paymentModeConfirmedEmail({
          locale: r.locale, recipientName: r.name, customerName: p.customerName, partnerName: p.partnerName,
          actorName: viewer.name, from: p.paymentMode, to: input.paymentMode, url: `${env().APP_URL}/partners/${p.id}`,
        }),
      }),
    });
    if (outcome.kind === "conflict") return refuse("stale_version", errors.stale, p);

    kickOutboxWorker();
    revalidatePath(`/partners/${p.id}`);
    revalidatePath("/partners");
    return {
      ok: true,
      paymentMode: outcome.paymentMode,
      version: outcome.version,
      message: t("payment.changed", { mode: d(`paymentMode.${outcome.paymentMode}`), partnerName: p.partnerName }),
    };
  },
);
