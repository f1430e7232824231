// Calendar days and weeks as people in the organizations' time zone read them (Europe/Zurich, like
// lib/format.ts), turned into UTC instants for queries. Pure functions.
const TIME_ZONE = "Europe/Zurich";
const DAY = 86_400_000;

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
  hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short",
});

function wallClock(t: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return {
    y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(String(p.weekday)),
  };
}

/** How far Zurich's wall clock is ahead of UTC at instant t, in ms. */
export function offsetAt(t: number): number {
  const w = wallClock(t);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(t / 1000) * 1000;
}

/** A valid calendar date written YYYY-MM-DD, or null. */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (y < 1970 || y > 9999 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** Midnight at the start of a calendar day in Zurich, as a UTC instant. */
export function zurichDayStart(date: { y: number; m: number; d: number }): Date {
  const guess = Date.UTC(date.y, date.m - 1, date.d);
  // The offset at the guess can differ from the one at the answer across a DST switch: settle it twice.
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The calendar day in Zurich that contains instant d, as YYYY-MM-DD. */
export function zurichDate(d: Date): string {
  const w = wallClock(d.getTime());
  return `${w.y}-${String(w.m).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

/** Monday 00:00 (Zurich) of the week containing instant d. */
export function zurichWeekStart(d: Date): Date {
  const w = wallClock(d.getTime());
  const monday = new Date(Date.UTC(w.y, w.m - 1, w.d) - w.weekday * DAY);
  return zurichDayStart({ y: monday.getUTCFullYear(), m: monday.getUTCMonth() + 1, d: monday.getUTCDate() });
}

/** The Monday starts of the `count` weeks ending with the one containing `now`, oldest first. */
export function lastWeeks(now: Date, count: number): Date[] {
  const current = zurichWeekStart(now);
  // Noon of each earlier Monday sidesteps DST hours; zurichWeekStart then snaps back to midnight.
  return Array.from({ length: count }, (_, i) => zurichWeekStart(new Date(current.getTime() + 12 * 3_600_000 - (count - 1 - i) * 7 * DAY)));
}
