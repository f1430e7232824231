// Display formatting. Times are stored in UTC and shown in the organizations' time zone (Europe/Zurich).
import type { Currency } from "./domain";

const TIME_ZONE = "Europe/Zurich";

export function formatDate(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: TIME_ZONE }).format(d);
}

export function formatDateTime(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE }).format(d);
}

/** Integer minor units to a display string; never goes through floating point for the digits. */
export function formatMoney(minor: number, currency: Currency): string {
  const sign = minor < 0 ? "−" : "";
  const abs = Math.abs(minor);
  const units = Math.trunc(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "’");
  return `${sign}${currency} ${units}.${(abs % 100).toString().padStart(2, "0")}`;
}
