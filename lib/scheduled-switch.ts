// Pure rules of a scheduled payment-mode switch (issue #14): which dates may be chosen, and what becomes
// of a pending switch when its date comes. The writes are db/scheduled-switches.ts.
import { addYears } from "./billing/period";
import type { AccessLevel, PartnershipStatus, SwitchDropReason } from "./domain";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The dates a switch may be scheduled for, seen from `today` (Zurich): tomorrow up to one year from today. */
export function switchDateRange(today: string): { min: string; max: string } {
  const t = new Date(`${today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return { min: t.toISOString().slice(0, 10), max: addYears(today) };
}

/** Why a date cannot be chosen ("invalid": not a date; "past": today or earlier; "tooFar": over 12 months), or null. */
export function switchDateProblem(date: string, today: string): "invalid" | "past" | "tooFar" | null {
  if (!isCalendarDate(date)) return "invalid";
  const { min, max } = switchDateRange(today);
  if (date < min) return "past";
  if (date > max) return "tooFar";
  return null;
}

/**
 * What the job does with a pending switch whose date has come: apply it, or drop it with the reason,
 * when the partnership ended, lost full access, or changed in any way since the switch was scheduled
 * (its version moved on: the customer decided with a partnership that is no longer the one in force).
 */
export function switchOutcome(
  p: { status: PartnershipStatus; access: AccessLevel; version: number },
  s: { partnershipVersion: number },
): { apply: true } | { apply: false; reason: SwitchDropReason } {
  if (p.status !== "active") return { apply: false, reason: "ended" };
  if (p.access !== "full") return { apply: false, reason: "lost_full_access" };
  if (p.version !== s.partnershipVersion) return { apply: false, reason: "changed" };
  return { apply: true };
}
