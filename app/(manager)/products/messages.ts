// What the Products actions answer when they refuse.
import type { PlaceOrderOutcome } from "@/db/orders";

type Refusal = Extract<PlaceOrderOutcome, { kind: "refused" }>["reason"];

export const PRODUCT_NOT_FOUND = "This product was not found.";
export const CLIENT_NOT_FOUND = "This client was not found.";
export const ORDER_ROLE = "Your role does not allow placing orders or renewals. Ask one of your organization's legal representatives.";
export const LIMITED_PARTNER = "With limited access you manage these products, but only the client can order or renew them.";

export const REFUSALS: Record<Refusal, string> = {
  not_found: PRODUCT_NOT_FOUND,
  no_partnership: CLIENT_NOT_FOUND,
  limited_partner: LIMITED_PARTNER,
  system_new_order: "Only a person can order a new product.",
  not_renewable: "This product was cancelled and cannot be renewed.",
  stale: "This product was renewed by someone else meanwhile. Reload the page to see its new renewal date.",
  vat_not_configured: "The paying organization has no VAT rate configured, so no invoice can be issued. Contact support.",
};
