"use server";
// Server actions of the scheduled payment-mode switch (issue #14), customer side: the consequence preview
// the verify step shows, schedule (or replace) a switch at a date, cancel it. Each authenticates and
// authorizes from the database (defineAction), refuses with a message in the caller's language, and audits
// every refusal under "scheduled_switch.refused".
import { revalidatePath } from "next/cache";
import { getCustomerPartnership } from "@/db/partnerships";
import { cancelSwitch, getPendingSwitch, scheduleSwitch } from "@/db/scheduled-switches";
import { loadSwitchPreview } from "@/db/switch-preview";
import { defineAction, type ActionContext, type ActionResult } from "@/lib/action";
import { zurichDate } from "@/lib/billing/period";
import { now } from "@/lib/clock";
import { formatDate } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { kickOutboxWorker } from "@/lib/mail/worker";
import { paymentModeChangeDenial, type PaymentModeDenial } from "@/lib/permissions";
import { refuser } from "@/lib/refusal";
import { switchDateProblem, switchDateRange } from "@/lib/scheduled-switch";
import { cancelSwitchSchema, previewSwitchSchema, scheduleSwitchSchema } from "@/lib/validation/schedule";
import { previewView, type PreviewView } from "./[id]/preview-view";

const KIND = "scheduled_switch.refused" as const;
const DENIAL_KEY: Record<PaymentModeDenial, "role" | "notActive" | "limitedAccess"> = { role: "role", not_active: "notActive", limited_access: "limitedAccess" };

const day = (isoDate: string, locale: Awaited<ReturnType<typeof getLocale>>) => formatDate(new Date(`${isoDate}T12:00:00Z`), locale);

/** The customer's partnership the viewer may switch, or the refusal; shared by the three actions. */
async function switchable(ctx: ActionContext, partnershipId: string, attempted: Record<string, unknown>) {
  const [t, locale] = await Promise.all([getTranslations("schedule.actions"), getLocale()]);
  const refuse = refuser(ctx, KIND, partnershipId, attempted);
  const m = ctx.viewer.current;
  if (!m || m.orgIsPartner) return { refused: await refuse("not_found", t("notFound")) } as const;
  const p = await getCustomerPartnership({ id: partnershipId, customerOrgId: m.orgId });
  if (!p) return { refused: await refuse("not_found", t("notFound")) } as const;
  const denial = paymentModeChangeDenial(m.role, p);
  if (denial) return { refused: await refuse(denial, t(DENIAL_KEY[denial]), p) } as const;
  return { p, m, t, locale, refuse } as const;
}

/** The date's problem as a field error in the caller's language, or null. */
function dateRefusal(t: Awaited<ReturnType<typeof getTranslations<"schedule.actions">>>, locale: Awaited<ReturnType<typeof getLocale>>, date: string) {
  const today = zurichDate(now());
  const problem = switchDateProblem(date, today);
  if (!problem) return null;
  return problem === "past" ? t("datePast") : problem === "tooFar" ? t("dateTooFar", { max: day(switchDateRange(today).max, locale) }) : t("dateInvalid");
}

export const previewSwitch = defineAction(
  { schema: previewSwitchSchema, refusedKind: KIND },
  async (input, ctx): Promise<ActionResult<{ preview: PreviewView }>> => {
    const s = await switchable(ctx, input.partnershipId, { step: "preview", paymentMode: input.paymentMode, effectiveDate: input.effectiveDate });
    if ("refused" in s) return s.refused!;
    const { p, t, locale, refuse } = s;
    if (input.effectiveDate) {
      const problem = dateRefusal(t, locale, input.effectiveDate);
      if (problem) return refuse("bad_date", problem, p, { effectiveDate: [problem] });
    }
    const from = input.effectiveDate ?? zurichDate(now());
    const preview = await loadSwitchPreview({ customerOrgId: p.customerOrgId, partnershipId: p.id, chosen: input.paymentMode, from });
    if (!preview) return refuse("not_active", t("notActive"), p);
    return { ok: true, message: "", preview: previewView(preview, { locale, customerName: p.customerName, partnerName: p.partnerName, all: input.all === true }) };
  },
);

export const scheduleSwitchAction = defineAction(
  { schema: scheduleSwitchSchema, refusedKind: KIND },
  async (input, ctx): Promise<ActionResult<{ version: number }>> => {
    const s = await switchable(ctx, input.partnershipId, { step: "schedule", paymentMode: input.paymentMode, effectiveDate: input.effectiveDate, version: input.version });
    if ("refused" in s) return s.refused!;
    const { p, m, t, locale, refuse } = s;
    const problem = dateRefusal(t, locale, input.effectiveDate);
    if (problem) return refuse("bad_date", problem, p, { effectiveDate: [problem] });
    if (p.version !== input.version) return refuse("stale_version", t("stale"), p);
    const mode = (await getTranslations("domain"))(`paymentMode.${input.paymentMode}`);
    if (p.paymentMode === input.paymentMode) return refuse("unchanged", t("unchanged", { mode }), p);
    const pending = await getPendingSwitch(null, { partnershipId: p.id });
    // The same switch again is refused, unless the partnership changed since it was scheduled (it would
    // then be dropped at its date): scheduling it anew replaces it, on the partnership as it is now.
    if (pending && pending.partnershipVersion === p.version && pending.paymentMode === input.paymentMode && pending.effectiveDate === input.effectiveDate) {
      return refuse("unchanged", t("alreadyScheduled"), p);
    }
    const outcome = await scheduleSwitch({
      partnershipId: p.id, expectedVersion: input.version, paymentMode: input.paymentMode, effectiveDate: input.effectiveDate,
      actor: { userId: ctx.viewer.id, orgId: m.orgId, name: ctx.viewer.name }, meta: ctx.meta,
    });
    if (outcome.kind === "conflict") return refuse("stale_version", t("stale"), p);
    kickOutboxWorker();
    revalidatePath(`/partners/${p.id}`);
    return {
      ok: true, version: outcome.version,
      message: t(outcome.replaced ? "replaced" : "scheduled", { mode, date: day(input.effectiveDate, locale), partner: p.partnerName }),
    };
  },
);

export const cancelScheduledSwitch = defineAction(
  { schema: cancelSwitchSchema, refusedKind: KIND },
  async (input, ctx): Promise<ActionResult<{ version: number }>> => {
    const s = await switchable(ctx, input.partnershipId, { step: "cancel", version: input.version });
    if ("refused" in s) return s.refused!;
    const { p, m, t, refuse } = s;
    if (p.version !== input.version) return refuse("stale_version", t("stale"), p);
    const outcome = await cancelSwitch({
      partnershipId: p.id, expectedVersion: input.version, actor: { userId: ctx.viewer.id, orgId: m.orgId, name: ctx.viewer.name }, meta: ctx.meta,
    });
    if (outcome.kind === "conflict") return refuse("stale_version", t("stale"), p);
    if (outcome.kind === "no_pending") return refuse("no_pending", t("noPending"), p);
    kickOutboxWorker();
    revalidatePath(`/partners/${p.id}`);
    return { ok: true, version: outcome.version, message: t("cancelled", { partner: p.partnerName }) };
  },
);
