// Who may do what. Pure functions over roles; callers load the roles from the database.
import type { AccessLevel, PartnershipStatus, Role } from "./domain";

export type OrgSide = "customer" | "partner";

export type Membership = { orgId: string; role: Role; orgIsPartner: boolean };

/**
 * Sidebar and page access per role, PRODUCT.md's role table. The Partner page is the customer side:
 * an organization enrolled as a partner sees Clients instead (docs/decisions.md).
 */
export function canSeePartnersPage(m: Membership): boolean {
  return !m.orgIsPartner && (m.role === "legal_representative" || m.role === "administrator");
}

/** Products: every role of a customer; a partner's collaborators see Clients only (PRODUCT.md). */
export function canSeeProductsPage(m: Membership): boolean {
  return !(m.orgIsPartner && m.role === "collaborator");
}

export function canSeeClientsPage(m: Membership): boolean {
  return m.orgIsPartner;
}

export function canSeeInvoices(role: Role): boolean {
  return role === "legal_representative" || role === "administrator";
}

export function canSeePrepaid(m: Membership): boolean {
  return m.orgIsPartner && m.role === "legal_representative";
}

type PaymentModeTarget = { access: AccessLevel; status: PartnershipStatus };

export type PaymentModeDenial = "role" | "limited_access" | "not_active";

/**
 * Whether a member of the partnership's customer organization may change its payment mode.
 * Returns the reason for a refusal, or null when allowed.
 */
export function paymentModeChangeDenial(role: Role, p: PaymentModeTarget): PaymentModeDenial | null {
  if (role !== "legal_representative") return "role";
  if (p.status !== "active") return "not_active";
  if (p.access !== "full") return "limited_access";
  return null;
}

/**
 * Who may place orders and renewals (docs/billing.md): a customer's legal representatives and
 * administrators; a partner's legal representatives (its administrators are read only). Whether a
 * partner may order for a given client is the billing rules' call (full access only).
 */
export function canPlaceOrders(m: Membership): boolean {
  if (m.orgIsPartner) return m.role === "legal_representative";
  return m.role === "legal_representative" || m.role === "administrator";
}
