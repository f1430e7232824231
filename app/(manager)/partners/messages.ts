// What the Partner pages' actions answer when they refuse.
import type { PaymentModeDenial } from "@/lib/permissions";

export const NOT_FOUND = "This partnership was not found.";
export const STALE =
  "This partnership was changed by someone else meanwhile. Reload the page to see the current settings, then try again.";

export const DENIALS: Record<PaymentModeDenial, string> = {
  role: "Only your organization's legal representatives can change the payment mode.",
  limited_access: "A payment mode can only be chosen with full access: with limited access the customer always pays.",
  not_active: "This partnership is not active, so its payment mode cannot change.",
};
