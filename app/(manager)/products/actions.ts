"use server";
// Orders and renewals from the Products page. Each action re-reads who is asking from the database;
// the billing rules decide who pays (lib/billing/rules.ts).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { placeOrder, type OrderActor, type PlacedOrder } from "@/db/orders";
import { readCustomerBilling } from "@/db/billing-context";
import { findOrderableClient, getActionableProduct } from "@/db/products";
import { defineAction, type ActionContext, type ActionResult } from "@/lib/action";
import { findOffer } from "@/lib/catalogue";
import { formatDate, formatMoney } from "@/lib/format";
import { getLocale } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { canPlaceOrders } from "@/lib/permissions";
import { z } from "zod";
import { orderProductSchema, renewProductSchema } from "@/lib/validation/billing";
import { OFFER_KEYS, REFUSALS, type ProductError } from "./messages";
import { offerQuotes, type OfferQuote } from "./quotes";

/** The client whose offers and prices the order panel shows (quoteNewOrder). */
const quoteOrderSchema = z.object({ customerOrgId: z.string({ error: "missingId" }).trim().min(1, "missingId").max(64, "unknownId") });

type Placed = { invoiceId: string | null; renewalDate: string };

function refuser({ viewer, meta }: ActionContext, locale: Locale, details: Record<string, unknown>) {
  const t = translator(locale, "products");
  return async (reason: string, error: ProductError, customerOrgId?: string | null) => {
    const message = t(`errors.${error}`);
    await recordRefusal({
      kind: "order.refused", reason, actorUserId: viewer.id, actorOrgId: viewer.current?.orgId ?? null,
      customerOrgId: customerOrgId ?? null, partnerOrgId: viewer.current?.orgIsPartner ? viewer.current.orgId : null, after: details, meta,
    });
    return { ok: false as const, message };
  };
}

/** What the user reads after an order: the invoice, who it went to, and the cashback it earned. */
function placedMessage(locale: Locale, what: string, o: PlacedOrder, names: { orgId: string; orgName: string; customerName: string }): string {
  const t = translator(locale, "products");
  const payer = o.plan.payerOrgId === names.orgId ? names.orgName : names.customerName;
  const sentences = [what, t("result.invoice", { number: o.invoiceNumber, total: formatMoney(o.plan.totalMinor, o.plan.currency, locale), payer })];
  if (o.plan.cashback && o.plan.cashback.partnerOrgId === names.orgId) {
    sentences.push(t("result.cashback", { cashback: formatMoney(o.plan.cashback.amountMinor, o.plan.cashback.currency, locale) }));
  }
  return sentences.join(" ");
}

function revalidateBilling() {
  for (const path of ["/products", "/invoices", "/prepaid"]) revalidatePath(path);
}

export const renewProduct = defineAction(
  { schema: renewProductSchema, refusedKind: "order.refused" },
  async (input, ctx): Promise<ActionResult<Placed>> => {
    const m = ctx.viewer.current;
    const locale = await getLocale();
    const refuse = refuser(ctx, locale, { kind: "renewal", productId: input.productId, renewalDate: input.renewalDate });
    if (!m) return refuse("not_found", "productNotFound");
    const side = m.orgIsPartner ? "partner" : "customer";
    const product = await getActionableProduct({ id: input.productId, orgId: m.orgId, side });
    if (!product) return refuse("not_found", "productNotFound");
    if (!canPlaceOrders(m)) return refuse("role", "orderRole", product.orgId);
    if (product.access === "limited") return refuse("limited_partner", "limitedPartner", product.orgId);

    const actor: OrderActor = { kind: "user", userId: ctx.viewer.id, orgId: m.orgId, side };
    const outcome = await placeOrder({
      request: { kind: "renewal", productId: product.id, expectedRenewalDate: input.renewalDate }, actor, meta: ctx.meta,
    });
    if (outcome.kind === "refused") return refuse(outcome.reason, REFUSALS[outcome.reason], product.orgId);
    revalidateBilling();
    return {
      ok: true,
      invoiceId: outcome.plan.payerOrgId === m.orgId ? outcome.invoiceId : null,
      renewalDate: outcome.renewalDate,
      message: placedMessage(
        locale, translator(locale, "products")("result.renewed", { product: product.label, date: formatDate(new Date(`${outcome.renewalDate}T00:00:00Z`), locale) }), outcome,
        { orgId: m.orgId, orgName: m.orgName, customerName: product.customerName },
      ),
    };
  },
);

export const orderProduct = defineAction(
  { schema: orderProductSchema, refusedKind: "order.refused" },
  async (input, ctx): Promise<ActionResult<Placed>> => {
    const m = ctx.viewer.current;
    const locale = await getLocale();
    const t = translator(locale, "products");
    const refuse = refuser(ctx, locale, { kind: "new", offer: input.offer, customerOrgId: input.customerOrgId || null });
    if (!m) return refuse("not_found", "clientNotFound");
    if (!canPlaceOrders(m)) return refuse("role", "orderRole", m.orgIsPartner ? null : m.orgId);
    let customer = { id: m.orgId, name: m.orgName };
    if (m.orgIsPartner) {
      if (!input.customerOrgId) return { ok: false, message: t("errors.chooseClient"), fieldErrors: { customerOrgId: [t("errors.chooseClientField")] } };
      const client = await findOrderableClient({ partnerOrgId: m.orgId, customerOrgId: input.customerOrgId });
      if (!client) return refuse("no_partnership", "clientNotFound");
      if (client.access !== "full") return refuse("limited_partner", "limitedPartner", client.customerOrgId);
      customer = { id: client.customerOrgId, name: client.customerName };
    }
    const offer = findOffer(input.offer)!;
    const outcome = await placeOrder({
      request: { kind: "new", customerOrgId: customer.id, offer, label: input.label },
      actor: { kind: "user", userId: ctx.viewer.id, orgId: m.orgId, side: m.orgIsPartner ? "partner" : "customer" },
      meta: ctx.meta,
    });
    if (outcome.kind === "refused") return refuse(outcome.reason, REFUSALS[outcome.reason], customer.id);
    revalidateBilling();
    return {
      ok: true,
      invoiceId: outcome.plan.payerOrgId === m.orgId ? outcome.invoiceId : null,
      renewalDate: outcome.renewalDate,
      message: placedMessage(locale, t("result.ordered", { offer: OFFER_KEYS[offer.code] ? t(`offer.${OFFER_KEYS[offer.code]!}`) : offer.name, label: input.label, customer: customer.name }), outcome,
        { orgId: m.orgId, orgName: m.orgName, customerName: customer.name }),
    };
  },
);

/**
 * The offers at a client's price and who would pay what, for the order panel once a partner has chosen
 * the client (the page no longer sends every client's quotes). Read only, but the client's figures:
 * refused, as an order would be, to anyone who may not order for that client.
 */
export const quoteNewOrder = defineAction(
  { schema: quoteOrderSchema, refusedKind: "order.refused" },
  async (input, ctx): Promise<ActionResult<{ quotes: OfferQuote[] }>> => {
    const m = ctx.viewer.current;
    const locale = await getLocale();
    const refuse = refuser(ctx, locale, { kind: "quote", customerOrgId: input.customerOrgId });
    if (!m) return refuse("not_found", "clientNotFound");
    if (!canPlaceOrders(m)) return refuse("role", "orderRole", m.orgIsPartner ? null : m.orgId);
    let customerOrgId = m.orgId;
    if (m.orgIsPartner) {
      const client = await findOrderableClient({ partnerOrgId: m.orgId, customerOrgId: input.customerOrgId });
      if (!client) return refuse("no_partnership", "clientNotFound");
      if (client.access !== "full") return refuse("limited_partner", "limitedPartner", client.customerOrgId);
      customerOrgId = client.customerOrgId;
    } else if (input.customerOrgId !== m.orgId) {
      return refuse("no_partnership", "clientNotFound");
    }
    const ctxOf = (await readCustomerBilling({ customerOrgIds: [customerOrgId] })).get(customerOrgId);
    if (!ctxOf) return refuse("not_found", "clientNotFound");
    return { ok: true, message: "", quotes: offerQuotes(m, ctxOf, locale) };
  },
);
