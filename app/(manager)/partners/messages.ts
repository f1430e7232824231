// What the Partner pages' actions answer when they refuse, in the caller's language.
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import type { PaymentModeDenial } from "@/lib/permissions";

export function partnerErrors(locale: Locale) {
  const t = translator(locale, "partners.errors");
  return {
    notFound: t("notFound"),
    stale: t("stale"),
    denial: (d: PaymentModeDenial) => t(`denial.${d}`),
  };
}
