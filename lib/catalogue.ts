// The small product catalogue: yearly public prices in minor units, per currency.
import type { Currency } from "./domain";

export type Offer = { code: string; category: string; name: string; prices: Record<Currency, number> };

export const CATALOGUE: readonly Offer[] = [
  { code: "web-hosting-pro", category: "Web hosting", name: "Web Hosting Pro", prices: { CHF: 16_800, EUR: 15_600 } },
  { code: "web-hosting-starter", category: "Web hosting", name: "Web Hosting Starter", prices: { CHF: 6_000, EUR: 5_400 } },
  { code: "domain-ch", category: "Domain", name: "Domain .ch", prices: { CHF: 1_590, EUR: 1_490 } },
  { code: "domain-com", category: "Domain", name: "Domain .com", prices: { CHF: 1_990, EUR: 1_790 } },
  { code: "mail-service", category: "Mail service", name: "Mail Service (5 mailboxes)", prices: { CHF: 7_200, EUR: 6_600 } },
];

export function findOffer(code: string): Offer | undefined {
  return CATALOGUE.find((o) => o.code === code);
}
