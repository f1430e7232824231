// A product's category is stored as the catalogue names it, in English (products.category, lib/catalogue.ts);
// each language names it under products.category.* in its catalogue. No import: client components use it too.

type CategoryKey = "webHosting" | "domain" | "mailService";

const CATEGORY_KEYS: Record<string, CategoryKey> = { "Web hosting": "webHosting", Domain: "domain", "Mail service": "mailService" };

/** The message key naming a stored category (namespace `products`), or null for one the catalogue no longer has. */
function categoryKey(category: string): `category.${CategoryKey}` | null {
  return Object.hasOwn(CATEGORY_KEYS, category) ? `category.${CATEGORY_KEYS[category]!}` : null;
}

/** A stored category in the language of `t` (a translator of the `products` namespace); as stored when unknown. */
export function categoryName(t: (key: `category.${CategoryKey}`) => string, category: string): string {
  const key = categoryKey(category);
  return key ? t(key) : category;
}
