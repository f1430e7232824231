// The request's language and translators for server components, route handlers and server actions.
// Works the same inside Next and in tests (it reads the viewer and headers through lib/session and
// lib/request, which tests replace), and i18n/request.ts hands the same locale to next-intl.
import "server-only";
import { cache } from "react";
import { recordFirstLocale } from "@/db/users";
import { getAcceptLanguage } from "@/lib/request";
import { getViewer } from "@/lib/session";
import { negotiateLocale, toLocale, type Locale } from "./locales";
import { translator, type AppNamespace } from "./translator";

/**
 * The signed-in user's stored language; on their first request (nothing chosen yet) the browser's,
 * recorded once. Visitors (sign-in page, invitation link) get the browser's; failing all, English.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const viewer = await getViewer();
  if (viewer?.localeChosen) return toLocale(viewer.locale);
  const fromBrowser = negotiateLocale(await getAcceptLanguage());
  if (!viewer) return fromBrowser;
  return toLocale(await recordFirstLocale({ userId: viewer.id, locale: fromBrowser }));
});

/** `const t = await getTranslations("partners")` in a server component, route handler or action body. */
export async function getTranslations<NS extends AppNamespace>(namespace: NS) {
  return translator(await getLocale(), namespace);
}
