"use server";
// The auditor's one write: "retry now" for a failed notification. Every refusal is its own event.
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { requeueFailedMessage } from "@/db/audit-notifications";
import { defineAction, type ActionResult } from "@/lib/action";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { getTranslations } from "@/lib/i18n/server";
import { retryNotificationSchema } from "@/lib/validation/notification";

export const retryNotification = defineAction(
  { schema: retryNotificationSchema, refusedKind: "notification.refused" },
  async ({ notificationId }, { viewer, meta }): Promise<ActionResult> => {
    const t = await getTranslations("audit");
    const refuse = async (reason: string, message: string, partnership?: { id: string; customerOrgId: string; partnerOrgId: string } | null) => {
      await recordRefusal({
        kind: "notification.refused", reason, actorUserId: viewer.id, actorOrgId: viewer.current?.orgId ?? null,
        partnershipId: partnership?.id ?? null, customerOrgId: partnership?.customerOrgId, partnerOrgId: partnership?.partnerOrgId,
        after: { notificationId }, meta,
      });
      return { ok: false as const, message };
    };

    // Read from the database on this call (defineAction re-read the user): the flag, not the page, decides.
    if (!viewer.isAuditor) return refuse("role", t("retry.role"));
    const outcome = await requeueFailedMessage({ messageId: notificationId, actorUserId: viewer.id, meta });
    if (outcome.kind === "not_found") return refuse("not_found", t("retry.notFound"));
    if (outcome.kind === "not_failed") return refuse(`not_failed: ${outcome.status}`, t("retry.notFailed"), outcome.partnership);

    kickOutboxWorker();
    revalidatePath("/audit", "layout");
    return { ok: true, message: t("retry.done", { recipient: outcome.toAddress }) };
  },
);
