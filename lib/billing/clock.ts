// The billing code's one reading of the time (pages' "overdue", due dates, the reminder job's day), so the
// test-only clock of lib/clock.ts (issue #14) can be wired in at a single place when it lands.
export function billingNow(): Date {
  return new Date();
}
