// The billing forms' schemas, shared by the client forms and the server actions.
import "./zod-setup";
import { z } from "zod";
import { CATALOGUE } from "../catalogue";

const id = z.string({ error: "Missing identifier." }).trim().min(1, "Missing identifier.").max(64, "Unknown identifier.");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.");

export const orderProductSchema = z.object({
  offer: z.enum(CATALOGUE.map((o) => o.code) as [string, ...string[]], { error: "Choose a product from the catalogue." }),
  label: z.string({ error: "Enter a name for the product." }).trim().min(2, "Enter a name of at least 2 characters.").max(80, "Keep the name under 80 characters."),
  // Partners order for one of their clients; customers order for themselves and leave it empty.
  customerOrgId: z.union([id, z.literal("")]).optional(),
});
export type OrderProductInput = z.input<typeof orderProductSchema>;

export const renewProductSchema = z.object({ productId: id, renewalDate: isoDate });
export type RenewProductInput = z.infer<typeof renewProductSchema>;

/** "25", "25.5" or "25.50" in the account's currency, up to one million. */
export const AMOUNT_PATTERN = /^\d{1,7}([.,]\d{1,2})?$/;

export const withdrawalSchema = z.object({
  amount: z.string({ error: "Enter an amount." }).trim()
    .regex(AMOUNT_PATTERN, "Enter an amount like 25 or 25.50.")
    .refine((v) => parseAmountMinor(v) > 0, "Enter an amount above zero."),
});
export type WithdrawalInput = z.infer<typeof withdrawalSchema>;

/** A decimal amount typed by a person to integer minor units, without floating point. */
export function parseAmountMinor(value: string): number {
  const m = AMOUNT_PATTERN.exec(value.trim());
  if (!m) return Number.NaN;
  const [units, fraction = ""] = value.trim().split(/[.,]/) as [string, string?];
  return Number(units) * 100 + Number(fraction.padEnd(2, "0"));
}
