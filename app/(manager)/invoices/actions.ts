"use server";
// Paying an invoice issued to a partner from the partner's prepaid account (the verify step's Confirm).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { payInvoiceFromPrepaid } from "@/db/invoice-payments";
import { defineAction, type ActionResult } from "@/lib/action";
import { canPayFromPrepaid } from "@/lib/billing/access";
import { billingNow } from "@/lib/billing/clock";
import { formatMoney } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { payInvoiceSchema } from "@/lib/validation/billing";

export const payInvoice = defineAction(
  { schema: payInvoiceSchema, refusedKind: "invoice.payment_refused" },
  async (input, { viewer, meta }): Promise<ActionResult<{ balanceMinor: number }>> => {
    const [t, locale] = await Promise.all([getTranslations("invoices"), getLocale()]);
    const m = viewer.current;
    const refuse = async (reason: string, message: string) => {
      await recordRefusal({
        kind: "invoice.payment_refused", reason, actorUserId: viewer.id, actorOrgId: m?.orgId ?? null,
        partnerOrgId: m?.orgIsPartner ? m.orgId : null, after: { invoiceId: input.invoiceId }, meta,
      });
      return { ok: false as const, message };
    };
    if (!m) return refuse("role", t("pay.notPartner"));
    if (!m.orgIsPartner) return refuse("side", t("pay.notPartner"));
    if (!canPayFromPrepaid(m)) return refuse("role", t("pay.role", { org: m.orgName }));
    const outcome = await payInvoiceFromPrepaid({ invoiceId: input.invoiceId, partnerOrgId: m.orgId, actor: { userId: viewer.id, orgId: m.orgId }, meta, at: billingNow() });
    const money = (minor: number, currency: "CHF" | "EUR") => formatMoney(minor, currency, locale);
    switch (outcome.kind) {
      case "not_found": return refuse("not_found", t("pay.notFound"));
      case "already_paid": return refuse("already_paid", t("pay.alreadyPaid"));
      case "currency_mismatch": return refuse("currency_mismatch", t("pay.currency", { invoiceCurrency: outcome.invoiceCurrency, accountCurrency: outcome.accountCurrency }));
      case "insufficient": return refuse("insufficient_balance", t("pay.insufficient", { balance: money(outcome.balanceMinor, outcome.currency), total: money(outcome.totalMinor, outcome.currency) }));
      case "paid":
        revalidatePath(`/invoices/${input.invoiceId}`);
        revalidatePath("/invoices");
        revalidatePath("/prepaid");
        return {
          ok: true, balanceMinor: outcome.balanceMinor,
          message: t("pay.paid", { number: outcome.number, total: money(outcome.totalMinor, outcome.currency), balance: money(outcome.balanceMinor, outcome.currency) }),
        };
    }
  },
);
