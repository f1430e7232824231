"use server";
// The partner's withdrawal request (the verify step's Confirm): a debit entry and a requested withdrawal
// to the organization's payout account, only when the balance covers it (never below zero).
import { revalidatePath } from "next/cache";
import { recordRefusal } from "@/db/audit";
import { getPrepaidBalance, withdraw } from "@/db/prepaid";
import { defineAction, type ActionResult } from "@/lib/action";
import { canPayFromPrepaid } from "@/lib/billing/access";
import { billingNow } from "@/lib/billing/clock";
import { formatIban } from "@/lib/billing/references";
import { formatMoney } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { parseAmountMinor, withdrawalCurrencyProblem, withdrawalSchema } from "@/lib/validation/billing";

export const requestWithdrawal = defineAction(
  { schema: withdrawalSchema, refusedKind: "prepaid.refused" },
  async (input, { viewer, meta }): Promise<ActionResult<{ balanceMinor: number }>> => {
    const [t, locale] = await Promise.all([getTranslations("prepaid"), getLocale()]);
    const m = viewer.current;
    const amountMinor = parseAmountMinor(input.amount);
    const refuse = async (reason: string, message: string, fieldErrors?: Record<string, string[]>) => {
      await recordRefusal({
        kind: "prepaid.refused", reason, actorUserId: viewer.id, actorOrgId: m?.orgId ?? null,
        partnerOrgId: m?.orgIsPartner ? m.orgId : null, after: { amountMinor }, meta,
      });
      return { ok: false as const, message, fieldErrors };
    };
    if (!m || !canPayFromPrepaid(m)) return refuse("role", t("withdraw.role"));
    // "EUR 500" from a CHF account: the debit is in the account's currency, so another one is refused.
    const { currency } = await getPrepaidBalance({ orgId: m.orgId });
    const currencyProblem = withdrawalCurrencyProblem(input.amount, currency);
    if (currencyProblem) {
      const message = (await getTranslations("validation"))(currencyProblem);
      return refuse("currency_mismatch", message, { amount: [message] });
    }
    const outcome = await withdraw({ partnerOrgId: m.orgId, amountMinor, actor: { userId: viewer.id, orgId: m.orgId }, meta, at: billingNow() });
    if (outcome.kind === "no_account") return refuse("no_payout_account", t("withdraw.noAccountError"));
    if (outcome.kind === "insufficient") {
      const message = t("withdraw.insufficient", { balance: formatMoney(outcome.balanceMinor, outcome.currency, locale) });
      return refuse("insufficient_balance", message, { amount: [message] });
    }
    revalidatePath("/prepaid");
    return {
      ok: true, balanceMinor: outcome.balanceMinor,
      message: t("withdraw.requested", {
        amount: formatMoney(amountMinor, outcome.currency, locale), iban: formatIban(outcome.iban), balance: formatMoney(outcome.balanceMinor, outcome.currency, locale),
      }),
    };
  },
);
