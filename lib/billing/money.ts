// The one rounding rule for money: integer minor units times basis points, rounded half away from zero.

/** Largest amount the billing rules accept, so every product below stays an exact integer in a double. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_00;

/**
 * amount × bp / 10,000 rounded half away from zero (0.5 centime → 1 centime; −0.5 → −1), with integer
 * arithmetic only: the remainder decides the rounding, so no floating-point division is ever rounded.
 * Used for the reseller benefit and for VAT; `applyBasisPoints(-x, bp) === -applyBasisPoints(x, bp)`.
 */
export function applyBasisPoints(amountMinor: number, bp: number): number {
  if (!Number.isSafeInteger(amountMinor) || Math.abs(amountMinor) > MAX_AMOUNT_MINOR) {
    throw new RangeError(`amount must be an integer number of minor units up to ${MAX_AMOUNT_MINOR} (got ${amountMinor})`);
  }
  if (!Number.isInteger(bp) || bp < 0 || bp > 10_000) throw new RangeError(`basis points must be an integer 0..10000 (got ${bp})`);
  const product = Math.abs(amountMinor) * bp; // ≤ 1e11 × 1e4 = 1e15 < 2^53: exact
  const remainder = product % 10_000;
  const quotient = (product - remainder) / 10_000 + (remainder >= 5_000 ? 1 : 0);
  return amountMinor < 0 && quotient !== 0 ? -quotient : quotient;
}

/** A rate in basis points as people read it: 2000 → "20 %", 810 → "8.1 %". */
export function formatRate(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = (bp % 100).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `.${fraction}` : ""} %`;
}
