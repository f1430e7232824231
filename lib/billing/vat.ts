// VAT by date of supply: the Swiss standard rate from a dated table; EUR organizations use their own rate.
import type { Currency } from "../domain";

/** Swiss standard VAT rate, in basis points, by the first day it applies (ascending). */
export const SWISS_VAT_TABLE: readonly { from: string; rateBp: number }[] = [
  { from: "2018-01-01", rateBp: 770 },
  { from: "2024-01-01", rateBp: 810 },
];

export class VatConfigurationError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Swiss rate on a date (YYYY-MM-DD); dates before the table's first row take its first rate. */
export function swissVatRateBp(supplyDate: string): number {
  if (!ISO_DATE.test(supplyDate)) throw new RangeError(`supply date must be YYYY-MM-DD (got ${supplyDate})`);
  let rate = SWISS_VAT_TABLE[0]!.rateBp;
  // ISO dates compare correctly as strings.
  for (const row of SWISS_VAT_TABLE) if (row.from <= supplyDate) rate = row.rateBp;
  return rate;
}

/**
 * The VAT rate that applies to an invoice for `payer`: CHF organizations are Swiss and follow the dated
 * table; EUR organizations must have their own rate configured (e.g. 19 % in Germany, 20 % in France).
 */
export function vatRateBpFor(payer: { currency: Currency; vatRateBp: number | null }, supplyDate: string): number {
  if (payer.currency === "CHF") return swissVatRateBp(supplyDate);
  if (payer.vatRateBp == null || !Number.isInteger(payer.vatRateBp) || payer.vatRateBp < 0 || payer.vatRateBp > 10_000) {
    throw new VatConfigurationError("This EUR organization has no VAT rate configured.");
  }
  return payer.vatRateBp;
}
