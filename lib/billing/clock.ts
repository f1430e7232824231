// The billing code's one reading of the time (pages' "overdue", due dates, the reminder job's day): the
// app's clock (lib/clock.ts), which an end-to-end test may set through its test-only time source.
import { now } from "../clock";

export function billingNow(): Date {
  return now();
}
