// Translation outside React and outside a request: emails, PDFs, action results. Synchronous, so the
// mail templates stay pure functions of (recipient's locale, values).
import "server-only";
// use-intl/core, not "next-intl": under the react-server condition (the npm scripts run with it) next-intl's entry
// also loads its client provider, which needs React's client hooks, and `npm run renewals` failed to start.
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { CATALOGUES, type Messages } from "./catalog";
import { TIME_ZONE, type Locale } from "./locales";

export type AppNamespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/*
 * One translator per locale and namespace for the whole process, not one per call: a translator keeps
 * the parsed form of each message it formatted (use-intl's cache), and a fresh one per request parsed
 * the same ICU messages again on every page. A translator is a pure function of the catalogue, which
 * never changes while the process runs, so sharing it across requests and users is safe.
 *
 * A message without values is also kept as text once resolved (a list page asks for the same column
 * labels and words once per row). Only keys the catalogue has are kept, and `has` remembers only keys
 * it found: keys built from data (an audit field's name) cannot grow these beyond the catalogue.
 */
const shared = new Map<string, unknown>();
const SHARED_MAX = 1_000; // far above locales × namespaces; a guard, not a limit in use

/** A translator for one namespace ("email", "domain", "partners.detail", …) in one locale. */
export function translator<NS extends AppNamespace>(locale: Locale, namespace: NS) {
  const id = `${locale}\u0000${namespace}`;
  const known = shared.get(id) as Translator<NS> | undefined;
  if (known) return known;
  const t = remembering(createTranslator<Messages, NS>({ locale, messages: CATALOGUES[locale], namespace, timeZone: TIME_ZONE }));
  if (shared.size < SHARED_MAX) shared.set(id, t);
  return t;
}

export type Translator<NS extends AppNamespace> = ReturnType<typeof createTranslator<Messages, NS>>;

type Loose = ((key: string, values?: unknown, formats?: unknown) => string) & {
  rich: unknown; markup: unknown; raw: unknown; has: (key: string) => boolean;
};

function remembering<T>(translate: T): T {
  const t = translate as unknown as Loose;
  const texts = new Map<string, string>();
  const found = new Set<string>();
  const has = (key: string) => {
    if (found.has(key)) return true;
    if (!t.has(key)) return false;
    found.add(key);
    return true;
  };
  const remembered = (key: string, values?: unknown, formats?: unknown) => {
    if (values !== undefined || formats !== undefined) return t(key, values, formats);
    const kept = texts.get(key);
    if (kept !== undefined) return kept;
    const text = t(key);
    if (has(key)) texts.set(key, text);
    return text;
  };
  return Object.assign(remembered, { rich: t.rich, markup: t.markup, raw: t.raw, has }) as unknown as T;
}
