// Buckets payment-mode changes into weeks for the console's chart. Pure.
import type { PaymentMode } from "./domain";

export type WeekBucket = { start: Date; toPartner: number; toCustomer: number };

/** One bucket per week start (ascending); an event counts in the last week that began at or before it. */
export function bucketByWeek(weekStarts: Date[], changes: { at: Date; to: PaymentMode | null }[]): WeekBucket[] {
  const buckets = weekStarts.map((start) => ({ start, toPartner: 0, toCustomer: 0 }));
  for (const c of changes) {
    let i = buckets.length - 1;
    while (i >= 0 && buckets[i]!.start > c.at) i--;
    if (i < 0 || c.to === null) continue;
    if (c.to === "partner") buckets[i]!.toPartner++;
    else buckets[i]!.toCustomer++;
  }
  return buckets;
}

/** A round axis maximum at or above `max` (1, 2, 5, 10, 20, 50, ...), never 0. */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
