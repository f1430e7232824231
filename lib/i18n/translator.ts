// Translation outside React and outside a request: emails, PDFs, action results. Synchronous, so the
// mail templates stay pure functions of (recipient's locale, values).
import "server-only";
// use-intl/core, not "next-intl": under the react-server condition (the npm scripts run with it) next-intl's entry
// also loads its client provider, which needs React's client hooks, and `npm run renewals` failed to start.
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { CATALOGUES, type Messages } from "./catalog";
import { TIME_ZONE, type Locale } from "./locales";

export type AppNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/** A translator for one namespace ("email", "domain", "partners.detail", …) in one locale. */
export function translator<NS extends AppNamespace>(locale: Locale, namespace: NS) {
  return createTranslator<Messages, NS>({ locale, messages: CATALOGUES[locale], namespace, timeZone: TIME_ZONE });
}

export type Translator<NS extends AppNamespace> = ReturnType<typeof translator<NS>>;
