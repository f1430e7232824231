// What the Products actions answer when they refuse: keys of the `products` catalogue (products.errors.*).
import type { PlaceOrderOutcome } from "@/db/orders";

type Refusal = Extract<PlaceOrderOutcome, { kind: "refused" }>["reason"];
export type ProductError =
  | "productNotFound" | "clientNotFound" | "orderRole" | "limitedPartner" | "systemNewOrder" | "notRenewable" | "stale"
  | "vatNotConfigured" | "chooseClient" | "chooseClientField";

export const REFUSALS: Record<Refusal, ProductError> = {
  not_found: "productNotFound",
  no_partnership: "clientNotFound",
  limited_partner: "limitedPartner",
  system_new_order: "systemNewOrder",
  not_renewable: "notRenewable",
  stale: "stale",
  vat_not_configured: "vatNotConfigured",
};

/** Catalogue keys of the categories and offers (lib/catalogue.ts), whose stored names are English. */
export const OFFER_KEYS: Record<string, "webHostingPro" | "webHostingStarter" | "domainCh" | "domainCom" | "mailService"> = {
  "web-hosting-pro": "webHostingPro", "web-hosting-starter": "webHostingStarter", "domain-ch": "domainCh", "domain-com": "domainCom",
  "mail-service": "mailService",
};
