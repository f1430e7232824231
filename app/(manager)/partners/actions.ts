"use server";
// Server actions of the Partner pages (customer side).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { changePaymentMode as savePaymentMode, getCustomerPartnership } from "@/db/partnerships";
import { defineAction, type ActionResult } from "@/lib/action";
import { PAYMENT_MODE_INFO, type PaymentMode } from "@/lib/domain";
import { env } from "@/lib/env";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { paymentModeMail } from "@/lib/mail/payment-mode-mail";
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
      ...paymentModeMail(p, { userId: viewer.id, name: viewer.name }),
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
