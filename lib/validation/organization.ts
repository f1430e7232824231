// The organization's billing details, shared by the form and its action: a structured postal address
// (as the QR-bill wants it) and, for partners, the IBAN withdrawals are paid out to (mod-97 checked, and
// not a QR-IBAN).
import "./zod-setup";
import { z } from "zod";
import { ibanProblem, isQrIban, normalizeIban } from "../billing/references";

/** Countries an organization can be billed in: Switzerland, Liechtenstein and the neighbours we invoice in EUR. */
export const BILLING_COUNTRIES = ["CH", "LI", "DE", "FR", "IT", "AT"] as const;

const text = (max: number, required: string) => z.string({ error: required }).trim().min(2, required).max(max, "billing.tooLong");

export const billingDetailsSchema = z.object({
  street: text(70, "billing.streetRequired"),
  postalCode: z.string({ error: "billing.postalCode" }).trim().regex(/^[A-Za-z0-9 -]{4,10}$/, "billing.postalCode"),
  city: text(35, "billing.cityRequired"),
  country: z.enum(BILLING_COUNTRIES, { error: "billing.country" }),
  // Empty: no payout account (customers have none; a partner may remove its own).
  iban: z.string().trim().max(42, "billing.iban.format").optional().default("").superRefine((v, ctx) => {
    if (v === "") return;
    const problem = ibanProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `billing.iban.${problem === "empty" ? "format" : problem}` });
    // A QR-IBAN only accepts payments carrying a QR reference: the bank refuses a payout transfer to it.
    else if (isQrIban(v)) ctx.addIssue({ code: "custom", message: "billing.iban.qrIban" });
  }).transform((v) => (v === "" ? null : normalizeIban(v))),
}).superRefine((v, ctx) => {
  // A Swiss or Liechtenstein postal code is four digits.
  if ((v.country === "CH" || v.country === "LI") && !/^\d{4}$/.test(v.postalCode)) ctx.addIssue({ code: "custom", path: ["postalCode"], message: "billing.postalCode" });
});
export type BillingDetailsInput = z.input<typeof billingDetailsSchema>;
export type BillingDetails = z.output<typeof billingDetailsSchema>;
