// Display formatting and amount parsing per locale, pure. Times are stored in UTC and shown in
// Europe/Zurich; money is integer minor units and never goes through floating point.
import { MAX_AMOUNT_MINOR } from "./billing/money";
import type { Currency } from "./domain";
import { DEFAULT_LOCALE, FORMAT_LOCALE, TIME_ZONE, type Locale } from "./i18n/locales";

/**
 * Swiss separators per locale, pinned rather than left to the runtime's CLDR data (which changed the
 * de-CH group mark between versions, and gives fr-CH a point before centimes in currency amounts):
 * de/it/en-CH group with ’ and use a point; fr-CH groups with a narrow no-break space and uses a comma.
 */
const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  "de-CH": { group: "’", decimal: "." },
  "it-CH": { group: "’", decimal: "." },
  en: { group: "’", decimal: "." },
  "fr-CH": { group: "\u202f", decimal: "," },
};

const MINUS = "−"; // U+2212, before the whole amount in every locale: −CHF 14.40, −14,40 CHF

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

/** |minor| as an exact decimal string ("123456.78"): Intl formats strings without a detour through a double. */
function decimalString(minor: number): string {
  const abs = Math.abs(minor);
  return `${Math.trunc(abs / 100)}.${(abs % 100).toString().padStart(2, "0")}`;
}

function withSwissSeparators(parts: Intl.NumberFormatPart[], locale: Locale): string {
  const sep = SEPARATORS[locale];
  return parts.map((p) => (p.type === "group" ? sep.group : p.type === "decimal" ? sep.decimal : p.value)).join("");
}

/** Integer minor units with the currency code, as the locale writes it: de-CH "CHF 1’234.50", fr-CH "1 234,50 CHF". */
export function formatMoney(minor: number, currency: Currency, locale: Locale = DEFAULT_LOCALE): string {
  const text = formatDecimal(`money:${locale}:${currency}`, minor, locale, () =>
    new Intl.NumberFormat(FORMAT_LOCALE[locale], { style: "currency", currency, currencyDisplay: "code" }));
  return minor < 0 ? `${MINUS}${text}` : text;
}

/** Minor units without a currency, two decimals, for amount inputs: "1’234.50", fr-CH "1 234,50". */
export function formatAmount(minor: number, locale: Locale = DEFAULT_LOCALE): string {
  const text = formatDecimal(`amount:${locale}`, minor, locale, () =>
    new Intl.NumberFormat(FORMAT_LOCALE[locale], { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  return minor < 0 ? `${MINUS}${text}` : text;
}

/**
 * |minor| through the locale's pattern. Intl is asked once per format for the text around the number
 * and from how many digits it groups (it-CH: five); the digits are then placed here, which costs a
 * fraction of a formatToParts call (a list page formats one or more amounts per row). Should Intl's
 * output for the sample amounts not match the pattern (another runtime's CLDR data), every amount of
 * that format goes through Intl as before.
 */
function formatDecimal(key: string, minor: number, locale: Locale, make: () => Intl.NumberFormat): string {
  let pattern = patterns.get(key);
  if (pattern === undefined) patterns.set(key, (pattern = numberPattern(cached(key, make), locale)));
  const abs = Math.abs(minor);
  if (pattern && abs <= Number.MAX_SAFE_INTEGER) return placeDigits(pattern, abs);
  return withSwissSeparators(cached(key, make).formatToParts(decimalString(minor) as unknown as number), locale);
}

type NumberPattern = { before: string; after: string; group: string; decimal: string; minGrouping: number };
const patterns = new Map<string, NumberPattern | null>();

function placeDigits(p: NumberPattern, abs: number): string {
  const units = String(Math.trunc(abs / 100));
  let integer = units;
  if (units.length >= 3 + p.minGrouping) {
    integer = units.slice(0, units.length % 3 || 3);
    for (let i = integer.length; i < units.length; i += 3) integer += p.group + units.slice(i, i + 3);
  }
  return `${p.before}${integer}${p.decimal}${(abs % 100).toString().padStart(2, "0")}${p.after}`;
}

function numberPattern(f: Intl.NumberFormat, locale: Locale): NumberPattern | null {
  const parts = f.formatToParts("1234567.89" as unknown as number);
  const first = parts.findIndex((x) => x.type === "integer");
  const last = parts.findIndex((x) => x.type === "fraction");
  if (first < 0 || last < first) return null;
  const text = (xs: Intl.NumberFormatPart[]) => xs.map((x) => x.value).join("");
  const sep = SEPARATORS[locale];
  const minGrouping = f.formatToParts("1234.00" as unknown as number).some((x) => x.type === "group") ? 1 : 2;
  const pattern = { before: text(parts.slice(0, first)), after: text(parts.slice(last + 1)), group: sep.group, decimal: sep.decimal, minGrouping };
  const samples = [0, 5, 99, 100, 12_345, 99_999, 123_456, 1_234_567, 12_345_678, 100_000_000, 123_456_789_012];
  const agrees = samples.every((m) => placeDigits(pattern, m) === withSwissSeparators(f.formatToParts(decimalString(m) as unknown as number), locale));
  return agrees ? pattern : null;
}

/** A rate in basis points as people read it: 810 → "8.1 %", fr-CH "8,1 %"; 2000 → "20 %". */
export function formatRate(bp: number, locale: Locale = DEFAULT_LOCALE): string {
  const whole = Math.trunc(bp / 100);
  const fraction = (bp % 100).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${fraction ? `${SEPARATORS[locale].decimal}${fraction}` : ""}${NBSP_PERCENT}`;
}
const NBSP_PERCENT = "\u00a0%";

/** The Zurich calendar day: de-CH "01.04.2024", fr-CH "1 avr. 2024", en "1 Apr 2024". */
export function formatDate(d: Date, locale: Locale = DEFAULT_LOCALE): string {
  return cached(`date:${locale}`, () =>
    new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: "medium", timeZone: TIME_ZONE })).format(d);
}

/** The day spelled out, for sentences and emails: "15. Juli 2024", "15 juillet 2024". */
export function formatLongDate(d: Date, locale: Locale = DEFAULT_LOCALE): string {
  return cached(`long:${locale}`, () =>
    new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: "long", timeZone: TIME_ZONE })).format(d);
}

/** Zurich wall-clock date and time: "15.07.2024, 14:00". */
export function formatDateTime(d: Date, locale: Locale = DEFAULT_LOCALE): string {
  return cached(`datetime:${locale}`, () =>
    new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE })).format(d);
}

export type AmountError = "empty" | "malformed" | "ambiguous" | "tooManyDecimals" | "negative" | "tooLarge";
/** `currency`: the code typed with the amount ("EUR 500"), which the caller checks against the account's. */
export type ParsedAmount = { ok: true; minor: number; currency?: Currency } | { ok: false; reason: AmountError };

const GROUP_MARKS = /['’ʼ\u00a0\u202f ]/;

/**
 * What a Swiss user types, in any of the four languages, to integer minor units: "1000", "1000.5",
 * "1'000", "1’000.50", "1 000,50", "1.000,50", "1,000.50", with an optional currency code before or after
 * it, returned so that the caller can refuse one that is not the account's (never dropped). Refused
 * with a reason (a key of validation.amount): a lone "." or "," before exactly three digits ("1.000",
 * "1,000": thousands or decimals?), more than two decimals, misplaced group marks, a sign, or more than
 * the billing rules accept. A point or comma before one or two digits is always the decimal mark.
 */
export function parseAmount(input: string): ParsedAmount {
  const trimmed = input.trim();
  const leading = /^(CHF|EUR)\s*/i.exec(trimmed);
  let s = leading ? trimmed.slice(leading[0].length) : trimmed;
  const trailing = /\s*(CHF|EUR)$/i.exec(s);
  if (trailing) s = s.slice(0, trailing.index);
  s = s.trim();
  if (s === "") return { ok: false, reason: "empty" };
  const codes = [leading?.[1], trailing?.[1]].filter((c) => c !== undefined).map((c) => c.toUpperCase() as Currency);
  if (codes.length === 2 && codes[0] !== codes[1]) return { ok: false, reason: "malformed" }; // "CHF 5 EUR": which one?
  if (/^[-−–+]/.test(s)) {
    if (/^[+]/.test(s)) s = s.slice(1).trim();
    else return { ok: false, reason: "negative" };
  }
  if (!/^[0-9'’ʼ\u00a0\u202f .,]+$/.test(s) || !/^\d/.test(s) || !/\d$/.test(s)) return { ok: false, reason: "malformed" };

  // The decimal mark: the last "." or ",", when it is followed by one or two digits and nothing else.
  let integer = s;
  let fraction = "";
  const last = Math.max(s.lastIndexOf("."), s.lastIndexOf(","));
  if (last >= 0) {
    const after = s.slice(last + 1);
    const mark = s[last]!;
    const sameMarks = s.split(mark).length - 1;
    const otherMark = mark === "." ? "," : ".";
    if (/^\d{1,2}$/.test(after)) {
      integer = s.slice(0, last);
      fraction = after;
      if (integer.includes(mark)) return { ok: false, reason: "malformed" }; // "1.000.50"
    } else if (/^\d{3}$/.test(after) && sameMarks === 1 && !s.includes(otherMark) && !GROUP_MARKS.test(s) && !/^0+$/.test(s.slice(0, last))) {
      return { ok: false, reason: "ambiguous" }; // "1.000", "1,000": a thousand, or one with three decimals?
    } else if (/^\d{3,}$/.test(after) && sameMarks === 1 && !s.includes(otherMark) && (after.length > 3 || /^0+$/.test(s.slice(0, last)))) {
      return { ok: false, reason: "tooManyDecimals" };
    }
  }
  if (/^\d{3}$/.test(fraction)) return { ok: false, reason: "tooManyDecimals" };

  // The integer part: plain digits, or groups of three after a first group of one to three, all
  // separated by the same kind of mark (spaces of any width count as one kind).
  const digits = integer.replace(/[\u00a0\u202f ]/g, " ");
  if (!/^\d+$/.test(digits)) {
    const m = /^\d{1,3}(?:([' ’ʼ.,])\d{3})(?:\1\d{3})*$/.exec(digits.replace(/[’ʼ]/g, "'"));
    if (!m) return { ok: false, reason: "malformed" };
    if (fraction && m[1] === s[last]) return { ok: false, reason: "malformed" };
  }
  const units = digits.replace(/\D/g, "");
  if (units.length > 12) return { ok: false, reason: "tooLarge" };
  const minor = Number(units) * 100 + Number(fraction.padEnd(2, "0") || "0");
  if (minor > MAX_AMOUNT_MINOR) return { ok: false, reason: "tooLarge" };
  return codes[0] ? { ok: true, minor, currency: codes[0] } : { ok: true, minor };
}
