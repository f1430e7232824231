// The billing forms' schemas, shared by the client forms and the server actions.
import "./zod-setup";
import { z } from "zod";
import { CATALOGUE } from "../catalogue";
import type { Currency } from "../domain";
import { parseAmount } from "../format";

const id = z.string({ error: "missingId" }).trim().min(1, "missingId").max(64, "unknownId");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "isoDate");

export const orderProductSchema = z.object({
  offer: z.enum(CATALOGUE.map((o) => o.code) as [string, ...string[]], { error: "offer" }),
  label: z.string({ error: "labelRequired" }).trim().min(2, "labelTooShort").max(80, "labelTooLong"),
  // Partners order for one of their clients; customers order for themselves and leave it empty.
  customerOrgId: z.union([id, z.literal("")]).optional(),
});
export type OrderProductInput = z.input<typeof orderProductSchema>;

export const renewProductSchema = z.object({ productId: id, renewalDate: isoDate });
export type RenewProductInput = z.infer<typeof renewProductSchema>;

/** Withdrawals: up to one million in the account's currency at a time. */
export const MAX_WITHDRAWAL_MINOR = 1_000_000_00;

/**
 * An amount as a Swiss user types it (lib/format.ts parseAmount: "25", "1'000.50", "1 000,50", "CHF 25").
 * The form also knows the balance and says when an amount is above it (validation.amount.aboveBalance);
 * the server checks that again inside the debit, whatever the form said. A currency typed with the amount
 * must be the account's (withdrawalCurrencyProblem): the form checks it with withdrawalFormSchema, the
 * action again once it has read the account.
 */
export const withdrawalSchema = z.object({
  amount: z.string({ error: "amount.empty" }).trim().max(40, "amount.malformed").superRefine((v, ctx) => {
    const parsed = parseAmount(v);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason === "tooLarge" ? "amount.aboveMaximum" : `amount.${parsed.reason}` });
    else if (parsed.minor === 0) ctx.addIssue({ code: "custom", message: "amount.zero" });
    else if (parsed.minor > MAX_WITHDRAWAL_MINOR) ctx.addIssue({ code: "custom", message: "amount.aboveMaximum" });
  }),
});
export type WithdrawalInput = z.infer<typeof withdrawalSchema>;

/**
 * The message key refusing an amount typed in another currency than the account's ("EUR 500" from a CHF
 * account would otherwise debit CHF 500.00), or null: no currency typed, or the account's.
 */
export function withdrawalCurrencyProblem(amount: string, accountCurrency: Currency): `amount.currency.${Currency}` | null {
  const parsed = parseAmount(amount);
  return parsed.ok && parsed.currency !== undefined && parsed.currency !== accountCurrency ? `amount.currency.${accountCurrency}` : null;
}

/** The withdrawal form's schema: it knows the account's currency, so it refuses another one before the verify step. */
export function withdrawalFormSchema(accountCurrency: Currency) {
  return withdrawalSchema.superRefine((v, ctx) => {
    const problem = withdrawalCurrencyProblem(v.amount, accountCurrency);
    if (problem) ctx.addIssue({ code: "custom", path: ["amount"], message: problem });
  });
}

export const payInvoiceSchema = z.object({ invoiceId: id });
export type PayInvoiceInput = z.infer<typeof payInvoiceSchema>;

/** A typed amount to integer minor units, NaN when it does not parse (the schema has refused it already). */
export function parseAmountMinor(value: string): number {
  const parsed = parseAmount(value);
  return parsed.ok ? parsed.minor : Number.NaN;
}
