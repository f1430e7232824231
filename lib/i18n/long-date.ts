// A calendar day ("2026-07-01") written out in a language's Swiss form, for client components: next-intl's
// formatter speaks the bare language ("en" writes "July 1, 2026"), the server writes en-CH ("1 July 2026").
import { FORMAT_LOCALE, TIME_ZONE, type Locale } from "./locales";

export function longDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: "long", timeZone: TIME_ZONE }).format(new Date(`${isoDate}T12:00:00Z`));
}
