// What the Partner pages' actions answer when they refuse, in the caller's language. The English
// constants remain for code that has not passed a locale yet.
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

const english = partnerErrors("en");
export const NOT_FOUND = english.notFound;
export const STALE = english.stale;
export const DENIALS: Record<PaymentModeDenial, string> = {
  role: english.denial("role"),
  limited_access: english.denial("limited_access"),
  not_active: english.denial("not_active"),
};
