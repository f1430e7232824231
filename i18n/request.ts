// next-intl's request configuration, without locale routing: URLs are the same in every language and
// the locale is the user's preference (lib/i18n/server.ts decides it). Messages: every namespace on
// the server; client components get only what lib/i18n/client-messages.tsx passes them.
import { getRequestConfig } from "next-intl/server";
import { CATALOGUES } from "@/lib/i18n/catalog";
import { TIME_ZONE } from "@/lib/i18n/locales";
import { getLocale } from "@/lib/i18n/server";

export default getRequestConfig(async () => {
  const locale = await getLocale();
  return { locale, messages: CATALOGUES[locale], timeZone: TIME_ZONE };
});
