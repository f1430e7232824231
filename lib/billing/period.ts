// Yearly subscription periods on calendar dates (YYYY-MM-DD), without time zones getting in the way.

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

/** The calendar date of an instant in Zurich, where the organizations are: the day an order is placed. */
export function zurichDate(at: Date): string {
  return ZURICH_DAY.format(at);
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
