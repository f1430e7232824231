// Who may see and change the billing side of an organization (PRODUCT.md's roles). Pure; callers load the
// membership from the database.
import type { Membership } from "../permissions";

/** The organization page (billing address, payout account): legal representatives and administrators. */
export function canSeeOrganizationPage(m: Membership): boolean {
  return m.role === "legal_representative" || m.role === "administrator";
}

/** Changing the billing address and payout account: legal representatives only. */
export function canEditBillingDetails(m: Membership): boolean {
  return m.role === "legal_representative";
}

/** Paying invoices issued to a partner from its prepaid account, and withdrawing from it: its legal representatives. */
export function canPayFromPrepaid(m: Membership): boolean {
  return m.orgIsPartner && m.role === "legal_representative";
}
