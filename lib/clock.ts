// The time scheduled things are decided by: the renewal job (scheduled payment-mode switches, then
// renewals), the date limits of a scheduled switch, and billing's "today" (lib/billing/clock.ts).
//
// Test-only time source (issue #14): when the environment sets TEST_CLOCK_FILE, `now()` is the instant
// written in that file (ISO 8601, e.g. "2027-01-01T00:30:00+01:00"), read again whenever the file
// changes; a missing, empty or unreadable file means the real time. Nothing in the app writes that file
// and nothing sets the variable: an end-to-end test sets it for the processes it starts (`npm run
// renewals`), so it advances time without sleeping. Production never sets it (docs/deployment.md).
import fs from "node:fs";

let cache: { file: string; mtimeMs: number; size: number; at: Date | null } | null = null;

/** The instant the test clock file says, or null to use the real time. */
function testInstant(file: string): Date | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (cache && cache.file === file && cache.mtimeMs === stat.mtimeMs && cache.size === stat.size) return cache.at;
  const text = fs.readFileSync(file, "utf8").trim();
  const ms = Date.parse(text);
  const at = text === "" || Number.isNaN(ms) ? null : new Date(ms);
  cache = { file, mtimeMs: stat.mtimeMs, size: stat.size, at };
  return at;
}

/** Now: the real time, unless a test clock file is configured and holds an instant. */
export function now(): Date {
  const file = process.env.TEST_CLOCK_FILE;
  if (!file) return new Date();
  return testInstant(file) ?? new Date();
}

/** Whether a test clock is configured (the job logs it, so an operator cannot miss a misconfiguration). */
export function testClockConfigured(): boolean {
  return Boolean(process.env.TEST_CLOCK_FILE);
}
