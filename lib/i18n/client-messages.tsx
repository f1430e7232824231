// Gives the client components below it the messages of the namespaces they use, and no others: the
// catalogues travel in the page's payload, so a page sends what its client components need, not all.
// The root layout's provider sends none (only the locale and time zone): every translated client
// component sits inside a nested <ClientMessages namespaces={…}> of the server component rendering it,
// which lib/i18n/client-messages.test.ts checks from the sources.
import { NextIntlClientProvider } from "next-intl";
import { CATALOGUES, type Namespace } from "./catalog";
import { TIME_ZONE } from "./locales";
import { getLocale } from "./server";

/** What a nested provider always adds: the submit button's pending label, zod messages, generic errors. */
export const CLIENT_BASE_NAMESPACES = ["common", "validation", "errors"] as const satisfies readonly Namespace[];

export async function ClientMessages({ namespaces = [], base = true, children }: {
  namespaces?: readonly Namespace[]; base?: boolean; children: React.ReactNode;
}) {
  const locale = await getLocale();
  const all = CATALOGUES[locale];
  const picked = new Set<Namespace>([...(base ? CLIENT_BASE_NAMESPACES : []), ...namespaces]);
  const messages = Object.fromEntries([...picked].map((ns) => [ns, all[ns]]));
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE} formats={null}>
      {children}
    </NextIntlClientProvider>
  );
}
