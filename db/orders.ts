// Orders and renewals: the order, its invoice, the partner's cashback and the audit event, in one transaction.
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Offer } from "@/lib/catalogue";
import { decideOrder, type BillingPlan, type BillingRefusal, type PlacedBy } from "@/lib/billing/rules";
import { billingNow } from "@/lib/billing/clock";
import { addYears, zurichDate } from "@/lib/billing/period";
import { invoiceQrReference } from "@/lib/billing/references";
import { paymentTermsDays, sellerFromConfiguration } from "@/lib/billing/seller";
import { addDays, dueDateFor } from "@/lib/billing/terms";
import { VatConfigurationError } from "@/lib/billing/vat";
import type { InvoiceParty } from "@/lib/domain";
import { newId } from "@/lib/ids";
import { insertAuditEvent, type RequestMeta } from "./audit";
import { loadCustomerBilling, partnershipsForProduct } from "./billing-context";
import { getDatabase, type Tx } from "./client";
import { queueInvoiceIssued } from "./invoice-notices";
import { dueAtOnce } from "./outbox";
import { appendLedgerEntry } from "./prepaid";
import { resolveDueSwitchesForCustomerInTx } from "./scheduled-switches";

export type OrderActor =
  | { kind: "user"; userId: string; orgId: string; side: "customer" | "partner" }
  | { kind: "system" };

export type OrderRequest =
  | { kind: "new"; customerOrgId: string; offer: Offer; label: string }
  | {
    kind: "renewal"; productId: string; expectedRenewalDate: string;
    /** The demo seed inserts its products unbilled: their first period is then billed as the new subscription. */
    firstPeriod?: boolean;
  };

export type PlacedOrder = {
  kind: "placed";
  orderId: string;
  productId: string;
  invoiceId: string;
  invoiceNumber: string;
  plan: BillingPlan;
  renewalDate: string;
};

export type PlaceOrderOutcome =
  | PlacedOrder
  | { kind: "refused"; reason: BillingRefusal | "not_found" | "not_renewable" | "stale" | "vat_not_configured" };

/** Invoice numbers: sequential per payer organization, from the counter row locked by the upsert. */
export const invoiceNumber = (seq: number) => `INV-${String(seq).padStart(6, "0")}`;

class Stale extends Error {}

/** Places an order in its own transaction; see placeOrderInTx. */
export async function placeOrder(args: { request: OrderRequest; actor: OrderActor; meta: RequestMeta; at?: Date }): Promise<PlaceOrderOutcome> {
  try {
    return await getDatabase().transaction((tx) => placeOrderInTx(tx, args));
  } catch (error) {
    // A renewal another transaction placed first: its conditional update or the order's dedupe key lost.
    if (error instanceof Stale) return { kind: "refused", reason: "stale" };
    throw error;
  }
}

/**
 * Bills one order per the rules in force now (lib/billing/rules.ts) and writes everything it implies.
 * The caller has checked that the actor may see the product; the rules check the rest.
 */
export async function placeOrderInTx(
  tx: Tx,
  { request, actor, meta, at = billingNow(), notify = true }: {
    request: OrderRequest; actor: OrderActor; meta: RequestMeta; at?: Date;
    /** Email the invoice to the payer's legal representatives (the demo seed's history sends none). */
    notify?: boolean;
  },
): Promise<PlaceOrderOutcome> {
  const { schema } = getDatabase();
  const { products, orders, invoices, invoiceLines, invoiceCounters, prepaidAccounts, organizations } = schema;
  const today = zurichDate(at);

  let product: { id: string | null; orgId: string; label: string; priceMinor: number; currency: "CHF" | "EUR"; renewalDate: string | null; status: string };
  if (request.kind === "renewal") {
    const [row] = await tx.select().from(products).where(eq(products.id, request.productId)).limit(1);
    if (!row) return { kind: "refused", reason: "not_found" };
    if (row.status === "cancelled") return { kind: "refused", reason: "not_renewable" };
    if (row.renewalDate !== request.expectedRenewalDate) return { kind: "refused", reason: "stale" };
    product = row;
  } else {
    product = { id: null, orgId: request.customerOrgId, label: request.label, priceMinor: 0, currency: "CHF", renewalDate: null, status: "new" };
  }

  // A payment-mode switch scheduled for today or earlier takes effect before this order is billed (issue #14).
  await resolveDueSwitchesForCustomerInTx(tx, { customerOrgId: product.orgId, at });
  const ctx = (await loadCustomerBilling(tx, { customerOrgIds: [product.orgId], lock: true })).get(product.orgId);
  if (!ctx) return { kind: "refused", reason: "not_found" };
  if (request.kind === "new") {
    product = { ...product, currency: ctx.customer.currency, priceMinor: request.offer.prices[ctx.customer.currency] };
  }
  // An expired product starts a fresh year today; an active one continues from its renewal date.
  const start = product.renewalDate && !(product.status === "expired" && product.renewalDate < today) ? product.renewalDate : today;
  const end = addYears(start);
  const placedBy: PlacedBy = actor.kind === "system" ? { side: "system" }
    : actor.side === "partner" ? { side: "partner", partnerOrgId: actor.orgId } : { side: "customer" };
  const orderKind = request.kind === "renewal" && request.firstPeriod ? "new" : request.kind;
  let decision;
  try {
    decision = decideOrder({
      kind: orderKind, customer: ctx.customer, placedBy, period: { start, end },
      product: { label: product.label, priceMinor: product.priceMinor, currency: product.currency },
      partnerships: partnershipsForProduct(ctx, product.id),
    });
  } catch (error) {
    if (error instanceof VatConfigurationError) return { kind: "refused", reason: "vat_not_configured" };
    throw error;
  }
  if (!decision.ok) return { kind: "refused", reason: decision.reason };
  const { plan } = decision;

  let productId: string;
  if (request.kind === "new") {
    productId = newId();
    await tx.insert(products).values({
      id: productId, orgId: product.orgId, offer: request.offer.code, category: request.offer.category, label: request.label,
      priceMinor: product.priceMinor, currency: product.currency, renewalDate: end, status: "active", createdAt: at,
    });
  } else {
    productId = request.productId;
    const [moved] = await tx
      .update(products)
      .set({ renewalDate: end, status: "active" })
      .where(and(eq(products.id, productId), eq(products.renewalDate, request.expectedRenewalDate), ne(products.status, "cancelled")))
      .returning({ id: products.id });
    if (!moved) throw new Stale();
  }

  const orderId = newId();
  const inserted = await tx.insert(orders).values({
    id: orderId, productId, customerOrgId: product.orgId, partnershipId: plan.partnershipId, kind: orderKind,
    placedByUserId: actor.kind === "user" ? actor.userId : null, placedByOrgId: actor.kind === "user" ? actor.orgId : null,
    payerOrgId: plan.payerOrgId, publicPriceMinor: product.priceMinor, currency: product.currency,
    // One renewal per product and period, whoever places it: the job and a user never both renew a year.
    dedupeKey: request.kind === "renewal" ? `period:${productId}:${start}` : null, createdAt: at,
  }).onConflictDoNothing().returning({ id: orders.id });
  if (inserted.length === 0) throw new Stale();

  const [counter] = await tx
    .insert(invoiceCounters)
    .values({ orgId: plan.payerOrgId, lastSeq: 1 })
    .onConflictDoUpdate({ target: invoiceCounters.orgId, set: { lastSeq: sql`${invoiceCounters.lastSeq} + 1` } })
    .returning({ seq: invoiceCounters.lastSeq });
  const seq = counter!.seq;
  const invoiceId = newId();
  // What the invoice must say (MWSTG art. 26), frozen with it: the seller as configured now, the payer's
  // name and billing address as they stand now, the period of supply, the due date from the terms.
  const [payer] = await tx.select({
    name: organizations.name, street: organizations.billingStreet, postalCode: organizations.billingPostalCode,
    city: organizations.billingCity, country: organizations.billingCountry, orgCountry: organizations.country,
  }).from(organizations).where(eq(organizations.id, plan.payerOrgId));
  const buyer: InvoiceParty = {
    name: payer!.name,
    address: payer!.street && payer!.postalCode && payer!.city
      ? { street: payer!.street, postalCode: payer!.postalCode, city: payer!.city, country: payer!.country ?? payer!.orgCountry }
      : null,
  };
  const termsDays = paymentTermsDays();
  const dueDate = dueDateFor(at, termsDays);
  await tx.insert(invoices).values({
    id: invoiceId, orgId: plan.payerOrgId, seq, number: invoiceNumber(seq), orderId, forOrgId: product.orgId, status: "unpaid",
    currency: plan.currency, subtotalMinor: plan.subtotalMinor, vatMinor: plan.vatMinor, totalMinor: plan.totalMinor, issuedAt: at,
    dueDate, paymentTermsDays: termsDays, supplyStart: start, supplyEnd: addDays(end, -1),
    qrReference: invoiceQrReference(plan.payerOrgId, seq), seller: sellerFromConfiguration(), buyer,
  });
  await tx.insert(invoiceLines).values(plan.lines.map((l, i) => ({ id: newId(), invoiceId, position: i + 1, ...l })));
  if (notify) {
    await queueInvoiceIssued(tx, {
      id: invoiceId, orgId: plan.payerOrgId, payerName: buyer.name, number: invoiceNumber(seq), totalMinor: plan.totalMinor,
      currency: plan.currency, dueDate, firstLine: plan.lines[0]!,
    }, dueAtOnce(at));
  }

  if (plan.cashback) {
    const { partnerOrgId, amountMinor, currency } = plan.cashback;
    const [credited] = await tx
      .insert(prepaidAccounts)
      .values({ orgId: partnerOrgId, currency, balanceMinor: amountMinor, updatedAt: at })
      .onConflictDoUpdate({ target: prepaidAccounts.orgId, set: { balanceMinor: sql`${prepaidAccounts.balanceMinor} + ${amountMinor}`, updatedAt: at } })
      .returning({ balanceMinor: prepaidAccounts.balanceMinor });
    await appendLedgerEntry(tx, {
      id: newId(), partnerOrgId, kind: "cashback", amountMinor, currency, orderId, customerOrgId: product.orgId,
    }, { at, balanceAfterMinor: credited!.balanceMinor });
  }

  const partnership = ctx.partnerships.find((p) => p.id === plan.partnershipId);
  await insertAuditEvent(tx, {
    kind: actor.kind === "system" ? "renewal.automatic" : "order.placed",
    outcome: "ok",
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorOrgId: actor.kind === "user" ? actor.orgId : null,
    partnershipId: plan.partnershipId,
    customerOrgId: product.orgId,
    partnerOrgId: partnership?.partner.id ?? null,
    before: request.kind === "renewal" ? { productId, renewalDate: request.expectedRenewalDate } : null,
    after: {
      orderId, productId, kind: orderKind, renewalDate: end, payer: plan.payer, payerOrgId: plan.payerOrgId,
      invoiceId, invoiceNumber: invoiceNumber(seq), totalMinor: plan.totalMinor, currency: plan.currency,
      cashbackMinor: plan.cashback?.amountMinor ?? 0,
    },
    meta,
    at,
  });
  return { kind: "placed", orderId, productId, invoiceId, invoiceNumber: invoiceNumber(seq), plan, renewalDate: end };
}
