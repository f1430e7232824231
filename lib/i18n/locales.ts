// The product's languages and how a browser's Accept-Language picks one. Pure: no I/O, safe on the client.
export const LOCALES = ["fr-CH", "de-CH", "it-CH", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language under its own name, as the profile menu offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { "fr-CH": "Français", "de-CH": "Deutsch", "it-CH": "Italiano", en: "English" };

/** The locale `Intl` formats with: English users get Swiss formats too (en-CH). */
export const FORMAT_LOCALE: Record<Locale, string> = { "fr-CH": "fr-CH", "de-CH": "de-CH", "it-CH": "it-CH", en: "en-CH" };

export const TIME_ZONE = "Europe/Zurich";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** A stored or requested locale string as one of ours: exact, then by language ("de-DE" → de-CH), else English. */
export function toLocale(value: string | null | undefined): Locale {
  if (!value) return DEFAULT_LOCALE;
  if (isLocale(value)) return value;
  return byLanguage(value) ?? DEFAULT_LOCALE;
}

function byLanguage(tag: string): Locale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split("-")[0] === language) ?? null;
}

/**
 * The best of our locales for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8"): by quality, then
 * order; a tag matches exactly or by its language. No match, a malformed or missing header: English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.tag !== "*" && r.q > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(r.tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranges) {
    const exact = LOCALES.find((l) => l.toLowerCase() === r.tag.toLowerCase());
    const match = exact ?? byLanguage(r.tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
