"use server";
// Saving the organization's billing details (legal representatives only).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { updateBillingDetails } from "@/db/organization-billing";
import { defineAction, type ActionResult } from "@/lib/action";
import { canEditBillingDetails } from "@/lib/billing/access";
import { getTranslations } from "@/lib/i18n/server";
import { billingDetailsSchema } from "@/lib/validation/organization";

export const saveBillingDetails = defineAction(
  { schema: billingDetailsSchema, refusedKind: "organization.refused" },
  async (details, { viewer, meta }): Promise<ActionResult> => {
    const t = await getTranslations("organization");
    const m = viewer.current;
    if (!m || !canEditBillingDetails(m)) {
      await recordRefusal({ kind: "organization.refused", reason: "role", actorUserId: viewer.id, actorOrgId: m?.orgId ?? null, meta });
      return { ok: false, message: t("role", { org: m?.orgName ?? "" }) };
    }
    const outcome = await updateBillingDetails({ orgId: m.orgId, details, actor: { userId: viewer.id, orgId: m.orgId }, meta });
    if (outcome === "not_found") return { ok: false, message: t("role", { org: m.orgName }) };
    if (outcome === "unchanged") return { ok: true, message: t("unchanged") };
    revalidatePath("/organization");
    revalidatePath("/prepaid");
    return { ok: true, message: t("saved") };
  },
);
