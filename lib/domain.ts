// Domain vocabulary shared by the schema, the rules and the UI. No I/O here. The codes are stable; what
// users read for them lives in the "domain" message namespace (messages/<locale>/domain.json):
// `t(\`role.${role}\`)`, `t(\`paymentMode.${mode}\`)`, `t(\`auditKind.${kind}\`)`, …
export const ROLES = ["legal_representative", "administrator", "collaborator"] as const;
export type Role = (typeof ROLES)[number];

export const PAYMENT_MODES = ["customer", "partner"] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export const ACCESS_LEVELS = ["limited", "full"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export type PartnershipStatus = "pending" | "active" | "ended" | "refused" | "deleted";
export type ProductStatus = "active" | "expired" | "cancelled";
export type OrderKind = "new" | "renewal";
export type InvoiceStatus = "unpaid" | "paid";
export type PrepaidKind = "cashback" | "withdrawal" | "invoice_payment";
/** How an invoice was paid: from the partner's prepaid account, or by bank transfer (camt.054 import). */
export type PaymentMethod = "prepaid" | "bank_transfer";
/** A withdrawal is requested with its ledger entry, then paid out by bank transfer (camt.054 debit). */
export type WithdrawalStatus = "requested" | "paid";
/** A postal address as the QR-bill wants it (structured): street with number, postal code, city, ISO country. */
export type PostalAddress = { street: string; postalCode: string; city: string; country: string };
/** Who issues or receives an invoice, as printed on it; frozen on the invoice when it is issued. */
export type InvoiceParty = { name: string; address: PostalAddress | null; vatNumber?: string | null; iban?: string | null };
export type OutboxStatus = "pending" | "sent" | "failed";
export type Currency = "CHF" | "EUR";
/** A scheduled payment-mode switch (issue #14): pending until its date, then applied or dropped; or cancelled/replaced before. */
export type ScheduledSwitchStatus = "pending" | "applied" | "cancelled" | "replaced" | "dropped";
/** Why a scheduled switch was dropped at its date instead of applied. */
export const SWITCH_DROP_REASONS = ["ended", "lost_full_access", "changed"] as const;
export type SwitchDropReason = (typeof SWITCH_DROP_REASONS)[number];

/** Every kind of audit event; a refused attempt has its own `*.refused` kind (docs/audit.md). */
export const AUDIT_KINDS = [
  "payment_mode.changed",
  "payment_mode.refused",
  "scheduled_switch.scheduled",
  "scheduled_switch.replaced",
  "scheduled_switch.cancelled",
  "scheduled_switch.applied",
  "scheduled_switch.dropped",
  "scheduled_switch.refused",
  "partnership.invited",
  "partnership.invitation_resent",
  "partnership.invitation_deleted",
  "partnership.accepted",
  "partnership.refused",
  "partnership.ended",
  "partnership.action_refused",
  "access.changed",
  "access.refused",
  "order.placed",
  "order.refused",
  "renewal.automatic",
  "prepaid.withdrawal",
  "prepaid.withdrawal_paid",
  "prepaid.refused",
  "invoice.paid",
  "invoice.payment_refused",
  "organization.billing_changed",
  "organization.refused",
  "notification.retried",
  "notification.refused",
  "preference.refused",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The payment mode a partnership effectively has: limited access always means the customer pays. */
export function effectivePaymentMode(p: { access: AccessLevel; paymentMode: PaymentMode }): PaymentMode {
  return p.access === "full" ? p.paymentMode : "customer";
}

/** The largest value an integer column holds on PostgreSQL (32-bit): versions, sequence numbers, amounts. */
export const INT32_MAX = 2_147_483_647;
