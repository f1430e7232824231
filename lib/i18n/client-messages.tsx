// Gives the client components below it the messages of the namespaces they use, and no others: the
// catalogues travel in the page's payload, so a page sends what its client components need, not all.
import { NextIntlClientProvider } from "next-intl";
import { CATALOGUES, type Namespace } from "./catalog";
import { TIME_ZONE } from "./locales";
import { getLocale } from "./server";

/** What every client component may use: the submit button's pending label, zod messages, generic errors. */
export const CLIENT_BASE_NAMESPACES = ["common", "validation", "errors"] as const satisfies readonly Namespace[];

export async function ClientMessages({ namespaces = [], children }: { namespaces?: readonly Namespace[]; children: React.ReactNode }) {
  const locale = await getLocale();
  const all = CATALOGUES[locale];
  const messages = Object.fromEntries([...new Set([...CLIENT_BASE_NAMESPACES, ...namespaces])].map((ns) => [ns, all[ns]]));
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE} formats={null}>
      {children}
    </NextIntlClientProvider>
  );
}
