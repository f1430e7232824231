// PostgreSQL schema. Mirrors db/schema/sqlite.ts: same tables, columns and JS names.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type {
  AccessLevel, AuditKind, InvoiceParty, InvoiceStatus, OrderKind, OutboxStatus, PartnershipStatus,
  PaymentMethod, PaymentMode, PrepaidKind, ProductStatus, Role, ScheduledSwitchStatus, WithdrawalStatus,
} from "../../lib/domain";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const bool = (name: string) => boolean(name);
const json = <T>(name: string) => jsonb(name).$type<T>();

export const organizations = pgTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  country: text("country").notNull(),
  vatRateBp: integer("vat_rate_bp"),
  isPartner: bool("is_partner").notNull().default(false),
  resellerRateBp: integer("reseller_rate_bp"),
  createdAt: ts("created_at").notNull(),
  // The billing address printed on invoices to the organization (and as the QR-bill's debtor);
  // edited by its legal representatives. Null until set.
  billingStreet: text("billing_street"),
  billingPostalCode: text("billing_postal_code"),
  billingCity: text("billing_city"),
  billingCountry: text("billing_country"),
  // A partner's bank account for withdrawals from its prepaid account (IBAN, checked with mod 97).
  payoutIban: text("payout_iban"),
}, (t) => [index("organizations_name_idx").on(t.name)]);

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  isAuditor: bool("is_auditor").notNull().default(false),
  locale: text("locale").notNull().default("en"),
  // False until the first signed-in request sets the locale from Accept-Language, or the user picks one.
  localeChosen: bool("locale_chosen").notNull().default(false),
  createdAt: ts("created_at").notNull(),
}, (t) => [uniqueIndex("users_email_uq").on(t.email)]);

export const memberships = pgTable("memberships", {
  userId: text("user_id").notNull().references(() => users.id),
  orgId: text("org_id").notNull().references(() => organizations.id),
  role: text("role").$type<Role>().notNull(),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.orgId] }),
  index("memberships_org_role_idx").on(t.orgId, t.role),
]);

export const partnerships = pgTable("partnerships", {
  id: text("id").primaryKey(),
  customerOrgId: text("customer_org_id").notNull().references(() => organizations.id),
  partnerOrgId: text("partner_org_id").notNull().references(() => organizations.id),
  status: text("status").$type<PartnershipStatus>().notNull(),
  access: text("access").$type<AccessLevel>().notNull(),
  paymentMode: text("payment_mode").$type<PaymentMode>().notNull(),
  version: integer("version").notNull().default(1),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  activatedAt: ts("activated_at"),
  endedAt: ts("ended_at"),
}, (t) => [
  // At most one live (pending or active) partnership per customer/partner pair.
  uniqueIndex("partnerships_live_pair_uq").on(t.customerOrgId, t.partnerOrgId)
    .where(sql`status in ('pending', 'active')`),
  index("partnerships_customer_idx").on(t.customerOrgId, t.createdAt, t.id),
  index("partnerships_partner_idx").on(t.partnerOrgId, t.createdAt, t.id),
  index("partnerships_status_idx").on(t.status, t.paymentMode, t.access),
  // The auditor's unfiltered list, newest first.
  index("partnerships_created_idx").on(t.createdAt, t.id),
]);

export const products = pgTable("products", {
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull().references(() => organizations.id),
  offer: text("offer").notNull(),
  category: text("category").notNull(),
  label: text("label").notNull(),
  priceMinor: integer("price_minor").notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  renewalDate: text("renewal_date").notNull(),
  status: text("status").$type<ProductStatus>().notNull(),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  index("products_org_idx").on(t.orgId, t.createdAt, t.id),
  index("products_renewal_idx").on(t.status, t.renewalDate),
]);

export const partnershipProducts = pgTable("partnership_products", {
  partnershipId: text("partnership_id").notNull().references(() => partnerships.id),
  productId: text("product_id").notNull().references(() => products.id),
}, (t) => [
  primaryKey({ columns: [t.partnershipId, t.productId] }),
  index("partnership_products_product_idx").on(t.productId),
]);

/**
 * The products each partner manages, one row per active partnership and product it covers (every product
 * of a full-access client, the listed ones of a limited client): a derived index, kept by triggers on
 * products, partnerships and partnership_products (migration 0011), so a partner's `/products` reads 51
 * rows of `managed_products_partner_idx` whatever the number of its clients' products. Never written by the app.
 */
export const managedProducts = pgTable("managed_products", {
  partnershipId: text("partnership_id").notNull(),
  partnerOrgId: text("partner_org_id").notNull(),
  productId: text("product_id").notNull(),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.partnershipId, t.productId] }),
  index("managed_products_partner_idx").on(t.partnerOrgId, t.createdAt, t.productId),
]);

export const invitations = pgTable("invitations", {
  id: text("id").primaryKey(),
  partnershipId: text("partnership_id").notNull().references(() => partnerships.id),
  tokenHash: text("token_hash").notNull(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  revokedAt: ts("revoked_at"),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  uniqueIndex("invitations_token_uq").on(t.tokenHash),
  index("invitations_partnership_idx").on(t.partnershipId),
]);

export const orders = pgTable("orders", {
  id: text("id").primaryKey(),
  productId: text("product_id").notNull().references(() => products.id),
  customerOrgId: text("customer_org_id").notNull().references(() => organizations.id),
  partnershipId: text("partnership_id").references(() => partnerships.id),
  kind: text("kind").$type<OrderKind>().notNull(),
  placedByUserId: text("placed_by_user_id").references(() => users.id),
  placedByOrgId: text("placed_by_org_id").references(() => organizations.id),
  payerOrgId: text("payer_org_id").notNull().references(() => organizations.id),
  publicPriceMinor: integer("public_price_minor").notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  // Makes automatic renewals idempotent: one order per product and period.
  dedupeKey: text("dedupe_key"),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  uniqueIndex("orders_dedupe_uq").on(t.dedupeKey),
  index("orders_customer_idx").on(t.customerOrgId, t.createdAt, t.id),
  index("orders_product_idx").on(t.productId),
]);

export const invoiceCounters = pgTable("invoice_counters", {
  orgId: text("org_id").primaryKey().references(() => organizations.id),
  lastSeq: integer("last_seq").notNull(),
});

export const invoices = pgTable("invoices", {
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull().references(() => organizations.id),
  seq: integer("seq").notNull(),
  number: text("number").notNull(),
  orderId: text("order_id").references(() => orders.id),
  forOrgId: text("for_org_id").notNull().references(() => organizations.id),
  status: text("status").$type<InvoiceStatus>().notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  subtotalMinor: integer("subtotal_minor").notNull(),
  vatMinor: integer("vat_minor").notNull(),
  totalMinor: integer("total_minor").notNull(),
  issuedAt: ts("issued_at").notNull(),
  paidAt: ts("paid_at"),
  // Frozen at issue (the triggers refuse any change): Swiss VAT content and the QR-bill (docs/billing.md).
  // Null on invoices issued before these columns existed, except due_date, which the migration filled in.
  dueDate: text("due_date"),
  paymentTermsDays: integer("payment_terms_days"),
  supplyStart: text("supply_start"),
  supplyEnd: text("supply_end"),
  qrReference: text("qr_reference"),
  seller: json<InvoiceParty | null>("seller"),
  buyer: json<InvoiceParty | null>("buyer"),
  // Set once, with status and paid_at, when the invoice is paid.
  paymentMethod: text("payment_method").$type<PaymentMethod>(),
  paymentReference: text("payment_reference"),
}, (t) => [
  uniqueIndex("invoices_org_seq_uq").on(t.orgId, t.seq),
  index("invoices_org_issued_idx").on(t.orgId, t.issuedAt, t.id),
  index("invoices_org_status_idx").on(t.orgId, t.status, t.issuedAt),
  index("invoices_org_for_idx").on(t.orgId, t.forOrgId, t.issuedAt),
  // The list's "overdue" filter (unpaid, due before today) and the reminder job's scan across organizations.
  index("invoices_org_status_due_idx").on(t.orgId, t.status, t.dueDate),
  index("invoices_status_due_idx").on(t.status, t.dueDate),
  uniqueIndex("invoices_qr_reference_uq").on(t.qrReference),
]);

export const invoiceLines = pgTable("invoice_lines", {
  id: text("id").primaryKey(),
  invoiceId: text("invoice_id").notNull().references(() => invoices.id),
  position: integer("position").notNull(),
  description: text("description").notNull(),
  amountMinor: integer("amount_minor").notNull(),
  vatRateBp: integer("vat_rate_bp").notNull(),
  vatMinor: integer("vat_minor").notNull(),
  // What the line says, as a message code and its values, rendered in each reader's language; the
  // description above keeps the English text (and is all that lines issued before codes existed have).
  code: text("code"),
  params: json<Record<string, string | number> | null>("params"),
}, (t) => [index("invoice_lines_invoice_idx").on(t.invoiceId, t.position)]);

/** The partner's running balance, kept beside the ledger so a debit can be checked atomically. */
export const prepaidAccounts = pgTable("prepaid_accounts", {
  orgId: text("org_id").primaryKey().references(() => organizations.id),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  /** Grows with every cashback, without bound: 64-bit (migration 0013), as SQLite's integers always were. */
  balanceMinor: bigint("balance_minor", { mode: "number" }).notNull(),
  updatedAt: ts("updated_at").notNull(),
}, (t) => [check("prepaid_accounts_balance_non_negative", sql`${t.balanceMinor} >= 0`)]);

export const prepaidEntries = pgTable("prepaid_entries", {
  id: text("id").primaryKey(),
  partnerOrgId: text("partner_org_id").notNull().references(() => organizations.id),
  kind: text("kind").$type<PrepaidKind>().notNull(),
  amountMinor: integer("amount_minor").notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  orderId: text("order_id").references(() => orders.id),
  customerOrgId: text("customer_org_id").references(() => organizations.id),
  // The invoice an "invoice_payment" entry paid.
  invoiceId: text("invoice_id").references(() => invoices.id),
  createdAt: ts("created_at").notNull(),
  /**
   * The account's balance right after this entry, in ledger order (created_at, id): written with the
   * entry, in the transaction that moves prepaid_accounts, from the balance that update returns
   * (appendLedgerEntry, db/prepaid.ts). Pages and exports read it; nothing sums the ledger. 64-bit,
   * as the balance it copies (migration 0013).
   */
  balanceAfterMinor: bigint("balance_after_minor", { mode: "number" }).notNull(),
}, (t) => [
  index("prepaid_entries_partner_idx").on(t.partnerOrgId, t.createdAt, t.id),
  // The ledger's client filter and its list of clients (a loose index scan, db/keyset.ts).
  index("prepaid_entries_customer_idx").on(t.partnerOrgId, t.customerOrgId, t.createdAt, t.id),
]);

/**
 * Withdrawals from a prepaid account: the ledger entry (append-only) debits the balance when the
 * withdrawal is requested; this row beside it carries the destination and the payout's status.
 */
export const withdrawals = pgTable("withdrawals", {
  id: text("id").primaryKey(),
  partnerOrgId: text("partner_org_id").notNull().references(() => organizations.id),
  entryId: text("entry_id").notNull().references(() => prepaidEntries.id),
  amountMinor: integer("amount_minor").notNull(),
  currency: text("currency").$type<"CHF" | "EUR">().notNull(),
  /** The destination account, as it was when the withdrawal was requested. */
  iban: text("iban").notNull(),
  /** Sent as the transfer's end-to-end id; the bank's debit notification (camt.054) carries it back. */
  reference: text("reference").notNull(),
  status: text("status").$type<WithdrawalStatus>().notNull(),
  requestedByUserId: text("requested_by_user_id").references(() => users.id),
  requestedAt: ts("requested_at").notNull(),
  paidAt: ts("paid_at"),
}, (t) => [
  uniqueIndex("withdrawals_entry_uq").on(t.entryId),
  uniqueIndex("withdrawals_reference_uq").on(t.reference),
  index("withdrawals_partner_idx").on(t.partnerOrgId, t.requestedAt),
]);

/** One row per reminder sent for an overdue invoice and threshold (10 or 30 days): the job's idempotency. */
export const invoiceReminders = pgTable("invoice_reminders", {
  invoiceId: text("invoice_id").notNull().references(() => invoices.id),
  level: integer("level").notNull(),
  sentAt: ts("sent_at").notNull(),
}, (t) => [primaryKey({ columns: [t.invoiceId, t.level] })]);

/**
 * Every entry of every imported camt.054 notification, by the bank's own reference: importing the same
 * file twice finds them here and changes nothing (lib/cli/payments-import.ts).
 */
export const bankPayments = pgTable("bank_payments", {
  id: text("id").primaryKey(),
  /** The bank's reference of the transaction (AcctSvcrRef), or of the entry when a transaction has none. */
  bankReference: text("bank_reference").notNull(),
  direction: text("direction").$type<"credit" | "debit">().notNull(),
  /** As the bank reported it: a bank file may carry any amount its format allows (15 digits), more than an integer holds. */
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  /** The QR reference (credits) or end-to-end id (debits) it was matched by. */
  reference: text("reference"),
  bookedOn: text("booked_on"),
  outcome: text("outcome").$type<"invoice_paid" | "withdrawal_paid" | "unmatched">().notNull(),
  /** Why an entry matched nothing (unknown reference, already paid, amount differs, …). */
  detail: text("detail"),
  invoiceId: text("invoice_id").references(() => invoices.id),
  withdrawalId: text("withdrawal_id").references(() => withdrawals.id),
  importedAt: ts("imported_at").notNull(),
}, (t) => [uniqueIndex("bank_payments_reference_uq").on(t.bankReference, t.direction)]);

export const auditEvents = pgTable("audit_events", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<AuditKind>().notNull(),
  outcome: text("outcome").$type<"ok" | "refused">().notNull(),
  reason: text("reason"),
  actorUserId: text("actor_user_id"),
  actorOrgId: text("actor_org_id"),
  partnershipId: text("partnership_id"),
  customerOrgId: text("customer_org_id"),
  partnerOrgId: text("partner_org_id"),
  before: json<Record<string, unknown> | null>("before"),
  after: json<Record<string, unknown> | null>("after"),
  requestId: text("request_id"),
  ip: text("ip"),
  userAgent: text("user_agent"),
  createdAt: ts("created_at").notNull(),
  // Tamper evidence: one hash chain over all events, in `seq` order (docs/audit.md).
  seq: integer("seq").notNull(),
  prevHash: text("prev_hash"),
  hash: text("hash").notNull(),
}, (t) => [
  uniqueIndex("audit_events_seq_uq").on(t.seq),
  index("audit_events_partnership_idx").on(t.partnershipId, t.createdAt),
  // A partnership's payment-mode history (/partners/[id]): without it SQLite walks every event of the kind.
  index("audit_events_partnership_kind_idx").on(t.partnershipId, t.kind, t.createdAt),
  index("audit_events_created_idx").on(t.createdAt, t.id),
  index("audit_events_customer_idx").on(t.customerOrgId, t.createdAt),
  index("audit_events_partner_idx").on(t.partnerOrgId, t.createdAt),
  index("audit_events_actor_idx").on(t.actorUserId, t.createdAt),
  index("audit_events_kind_idx").on(t.kind, t.createdAt),
]);

/**
 * Password checks (sign-in, and the password confirming a partnership's end), each reserved here
 * before the password is compared, so concurrent guesses cannot exceed the limits
 * (lib/login-throttle.ts, lib/password-throttle.ts). A successful check removes its row.
 */
export const passwordAttempts = pgTable("password_attempts", {
  id: text("id").primaryKey(),
  scope: text("scope").$type<"sign_in" | "confirm_password">().notNull(),
  /** The normalised email for sign-in, the user id for a confirmation. */
  subject: text("subject").notNull(),
  ip: text("ip"),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  index("password_attempts_subject_idx").on(t.scope, t.subject, t.createdAt),
  index("password_attempts_subject_ip_idx").on(t.scope, t.subject, t.ip, t.createdAt),
  index("password_attempts_created_idx").on(t.createdAt),
]);

/** Signed-in sessions: the cookie names one, and it counts only while it is here, unexpired and unrevoked. */
export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
}, (t) => [
  index("sessions_user_idx").on(t.userId),
  index("sessions_expires_idx").on(t.expiresAt),
]);

/**
 * Successful payment-mode changes per hour (epoch hours, UTC) and new mode: kept by a trigger on
 * audit_events (migration 0011), so the console's chart sums at most 12 weeks × 168 hours × 2 rows
 * whatever the number of events. Zurich's weeks start on whole UTC hours. Never written by the app.
 */
export const paymentModeChangeCounts = pgTable("payment_mode_change_counts", {
  hour: integer("hour").notNull(),
  paymentMode: text("payment_mode").$type<PaymentMode>().notNull(),
  changes: integer("changes").notNull(),
}, (t) => [primaryKey({ columns: [t.hour, t.paymentMode] })]);

/** The head of the audit hash chain: one row, locked by each append so the chain never forks. */
export const auditChain = pgTable("audit_chain", {
  id: integer("id").primaryKey(),
  lastSeq: integer("last_seq").notNull(),
  lastHash: text("last_hash"),
});

/**
 * Repeated identical refusals (same actor, kind and reason within one window) are counted here, beside the
 * append-only chain, on the first refused event of the window (docs/audit.md, "Repeated refusals").
 */
export const auditRefusalCounts = pgTable("audit_refusal_counts", {
  // SHA-256 of (actor, kind, reason, window start): one row per window, whatever the reason's length.
  key: text("key").primaryKey(),
  // The first event of the window (written in the same transaction; no foreign key, as this row is upserted first).
  eventId: text("event_id").notNull(),
  actorUserId: text("actor_user_id").notNull(),
  reason: text("reason").notNull(),
  windowStart: ts("window_start").notNull(),
  count: integer("count").notNull(),
  lastAt: ts("last_at").notNull(),
}, (t) => [
  uniqueIndex("audit_refusal_counts_event_uq").on(t.eventId),
]);

/** Idempotency keys of confirmed actions: a retry with the same key gets the first result back (lib/action.ts). */
export const idempotencyKeys = pgTable("idempotency_keys", {
  userId: text("user_id").notNull(),
  key: text("key").notNull(),
  action: text("action").notNull(),
  // The change's own audit event, written in the same transaction as this row.
  auditEventId: text("audit_event_id"),
  result: json<Record<string, unknown> | null>("result"),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  primaryKey({ columns: [t.userId, t.key] }),
  index("idempotency_keys_user_created_idx").on(t.userId, t.createdAt),
]);

/** Leases of scheduled jobs: one instance at a time runs each job (db/job-lease.ts). */
export const jobLeases = pgTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  token: text("token").notNull(),
  lockedUntil: ts("locked_until").notNull(),
  acquiredAt: ts("acquired_at").notNull(),
});

/**
 * A payment-mode switch the customer scheduled for a date (issue #14, db/scheduled-switches.ts): it takes
 * effect at 00:00 Europe/Zurich on `effective_date`, applied once by the renewal job before that day's
 * renewals. One pending switch per partnership at most; a resolved one stays as history (applied,
 * cancelled, replaced, dropped with its reason). `partnership_version` is the partnership's version right
 * after it was scheduled: any later change of the partnership bumps it, and the switch is then dropped.
 */
export const scheduledSwitches = pgTable("scheduled_switches", {
  id: text("id").primaryKey(),
  partnershipId: text("partnership_id").notNull().references(() => partnerships.id),
  paymentMode: text("payment_mode").$type<PaymentMode>().notNull(),
  effectiveDate: text("effective_date").notNull(),
  status: text("status").$type<ScheduledSwitchStatus>().notNull(),
  partnershipVersion: integer("partnership_version").notNull(),
  scheduledByUserId: text("scheduled_by_user_id").notNull().references(() => users.id),
  scheduledAt: ts("scheduled_at").notNull(),
  resolvedAt: ts("resolved_at"),
  resolvedByUserId: text("resolved_by_user_id").references(() => users.id),
  /** Why a dropped switch was dropped: ended, lost_full_access, changed. */
  dropReason: text("drop_reason"),
}, (t) => [
  uniqueIndex("scheduled_switches_pending_uq").on(t.partnershipId).where(sql`status = 'pending'`),
  index("scheduled_switches_due_idx").on(t.status, t.effectiveDate),
  index("scheduled_switches_partnership_idx").on(t.partnershipId, t.scheduledAt),
]);

export const outbox = pgTable("outbox", {
  id: text("id").primaryKey(),
  dedupeKey: text("dedupe_key").notNull(),
  template: text("template").notNull(),
  toUserId: text("to_user_id"),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  textBody: text("text_body").notNull(),
  htmlBody: text("html_body").notNull(),
  /** The recipient's language the message was rendered in (sent as Content-Language). */
  locale: text("locale").notNull().default("en"),
  partnershipId: text("partnership_id"),
  auditEventId: text("audit_event_id"),
  /**
   * A file rendered when the message is sent, not stored with it: "invoice-pdf:<invoice id>" attaches the
   * invoice's PDF in the message's language (lib/mail/attachments.ts). The invoice never changes, so
   * every attempt attaches the same document.
   */
  attachment: text("attachment"),
  status: text("status").$type<OutboxStatus>().notNull(),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: ts("next_attempt_at").notNull(),
  lockedUntil: ts("locked_until"),
  // Fencing token of the current claim: markSent / markAttemptFailed apply only with the token they claimed with.
  leaseToken: text("lease_token"),
  lastError: text("last_error"),
  sentAt: ts("sent_at"),
  createdAt: ts("created_at").notNull(),
}, (t) => [
  uniqueIndex("outbox_dedupe_uq").on(t.dedupeKey),
  index("outbox_due_idx").on(t.status, t.nextAttemptAt),
  index("outbox_partnership_idx").on(t.partnershipId, t.createdAt),
  // The auditor's notifications view, newest first, optionally by state.
  index("outbox_created_idx").on(t.createdAt, t.id),
  index("outbox_status_created_idx").on(t.status, t.createdAt, t.id),
]);
