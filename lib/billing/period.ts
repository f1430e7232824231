// Yearly subscription periods on calendar dates (YYYY-MM-DD), without time zones getting in the way.
import { offsetAt } from "../audit-period";

/** The same day one year later; 29 February becomes 28 February. */
export function addYears(isoDate: string, years = 1): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

// Built once: each Intl.DateTimeFormat holds native ICU memory V8 does not see, and building one per
// call made a 1M-row CSV export hold gigabytes until a GC (docs/benchmarks.md). en-CA formats as YYYY-MM-DD.
const ZURICH_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" });
const ZURICH_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", hour: "2-digit", hourCycle: "h23" });
const SINCE_WHOLE_HOURS = Date.UTC(1894, 5, 1);
const HOURS_KEPT = 10_000;
const dayOfHour = new Map<number, string>();

/** The calendar date of an instant in Zurich, where the organizations are: the day an order is placed. */
export function zurichDate(at: Date): string {
  const ms = at.getTime();
  // Since 1894 Zurich's offset from UTC is a whole number of hours (CET, CEST) that changes on the hour,
  // so every instant of one UTC hour has one Zurich date: remembered per hour (an export formats a
  // million dates, a few thousand hours), forgotten all at once past HOURS_KEPT.
  if (!(ms >= SINCE_WHOLE_HOURS)) return ZURICH_DAY.format(at);
  const hour = Math.floor(ms / 3_600_000);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = ZURICH_DAY.format(at);
    if (dayOfHour.size >= HOURS_KEPT) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}

const offsetOfHour = new Map<number, number>();

/**
 * A Zurich time for machines (CSV exports): ISO 8601 with Zurich's offset, to the second, e.g.
 * "2026-01-01T00:30:00+01:00", "2026-07-01T14:00:00+02:00". Unambiguous in the hour that repeats when
 * summer time ends (02:30+02:00, then 02:30+01:00), and it reads as the pages' Zurich day and time.
 * The offset is remembered per UTC hour, as zurichDate remembers the day.
 */
export function zurichTimestamp(at: Date): string {
  const ms = at.getTime();
  const minutes = Math.round(zurichOffset(ms) / 60_000);
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.trunc(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 19)}${minutes < 0 ? "-" : "+"}${hhmm}`;
}

/** Zurich's offset from UTC at instant ms, in ms: one lookup per UTC hour since 1894 (see zurichDate). */
function zurichOffset(ms: number): number {
  if (!(ms >= SINCE_WHOLE_HOURS)) return offsetAt(ms);
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    offset = offsetAt(hour * 3_600_000);
    if (offsetOfHour.size >= HOURS_KEPT) offsetOfHour.clear();
    offsetOfHour.set(hour, offset);
  }
  return offset;
}

/** The instant a Zurich calendar day starts (CET or CEST), for period filters on stored UTC times. */
export function zurichDayStart(isoDate: string): Date {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    const hour = ZURICH_HOUR.format(candidate);
    if (zurichDate(candidate) === isoDate && Number(hour) === 0) return candidate;
  }
  return new Date(utcMidnight);
}
