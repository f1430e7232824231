// A pending scheduled payment-mode switch as both sides read it (issue #14): "Partner pays from 1 January
// 2027", from 00:00 Zurich time, who scheduled it and when; the customer's legal representatives can cancel
// it there (or replace it from the payment editor). Server component; the cancel button is the client part.
import { cardClass } from "@/components/ui/styles";
import type { PendingSwitch } from "@/db/scheduled-switches";
import type { PaymentMode } from "@/lib/domain";
import { formatDateTime, formatLongDate } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { CancelSwitch } from "./cancel-switch";

export async function ScheduledSwitch({ pending, current, currentVersion, cancel }: {
  pending: PendingSwitch;
  current: PaymentMode;
  /** The partnership's version now: a switch scheduled on another one is dropped at its date (lib/scheduled-switch.ts). */
  currentVersion: number;
  /** Given to the customer's legal representatives: the partnership and its version, for the cancel button. */
  cancel?: { partnershipId: string; version: number } | null;
}) {
  const [t, d, locale] = await Promise.all([getTranslations("schedule.pending"), getTranslations("domain"), getLocale()]);
  return (
    <section aria-labelledby="scheduled-switch-title" className={cardClass} data-testid="scheduled-switch">
      <h2 id="scheduled-switch-title" className="text-lg font-semibold">{t("heading")}</h2>
      <p className="mt-2 text-base font-medium">
        {t("title", { mode: d(`paymentMode.${pending.paymentMode}`), date: formatLongDate(new Date(`${pending.effectiveDate}T12:00:00Z`), locale) })}
      </p>
      <p className="text-sm text-slate-700">{t("when", { current: d(`paymentMode.${current}`) })}</p>
      <p className="text-sm text-slate-600">{t("by", { name: pending.scheduledByName, at: formatDateTime(pending.scheduledAt, locale) })}</p>
      {pending.partnershipVersion !== currentVersion && (
        <p className="mt-2 text-sm font-medium text-amber-800" data-testid="scheduled-switch-stale">
          {t("stale")}{cancel ? ` ${t("staleAgain")}` : ""}
        </p>
      )}
      {cancel && (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-600">{t("who")}</p>
          <ClientMessages namespaces={["schedule"]}>
            <CancelSwitch partnershipId={cancel.partnershipId} version={cancel.version} />
          </ClientMessages>
        </div>
      )}
    </section>
  );
}
