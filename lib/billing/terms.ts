// Payment terms, due dates, overdue invoices and when reminders go out. Pure: calendar dates (YYYY-MM-DD,
// Zurich days) and integers only.
import { zurichDate } from "./period";

/** Days to pay an invoice when PAYMENT_TERMS_DAYS does not say otherwise. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

/** Reminders go out when an unpaid invoice is this many days past its due date (one email each). */
export const REMINDER_LEVELS = [10, 30] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];
/**
 * A reminder is sent while the invoice is within its level's window: a job that did not run for a few
 * days catches up, but an invoice months overdue (a collections matter) gets no automatic email, and
 * the 10-day reminder is not sent once the 30-day one is due.
 */
export const REMINDER_WINDOWS: Record<ReminderLevel, { from: number; until: number }> = {
  10: { from: 10, until: 29 },
  30: { from: 30, until: 60 },
};

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function addDays(isoDate: string, days: number): string {
  if (!ISO_DATE.test(isoDate)) throw new RangeError(`not a date: ${isoDate}`);
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day to pay: the Zurich day of issue plus the terms. */
export function dueDateFor(issuedAt: Date, termsDays: number): string {
  return addDays(zurichDate(issuedAt), termsDays);
}

/** Whole days from the due date to `today` (negative before it is due). */
export function daysPastDue(dueDate: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS);
}

/** Unpaid and past its due date (the due date itself is still in time). */
export function isOverdue(inv: { status: string; dueDate: string | null }, today: string): boolean {
  return inv.status === "unpaid" && inv.dueDate !== null && inv.dueDate < today;
}

/** The reminder an unpaid invoice is due for today, if any. */
export function reminderLevelFor(dueDate: string, today: string): ReminderLevel | null {
  const days = daysPastDue(dueDate, today);
  return REMINDER_LEVELS.find((l) => days >= REMINDER_WINDOWS[l].from && days <= REMINDER_WINDOWS[l].until) ?? null;
}

/** The due dates that put an invoice in a level's window today: `from` ≤ due date ≤ `to`. */
export function dueDatesForLevel(level: ReminderLevel, today: string): { from: string; to: string } {
  return { from: addDays(today, -REMINDER_WINDOWS[level].until), to: addDays(today, -REMINDER_WINDOWS[level].from) };
}
