// Money, dates and typed amounts as a Swiss user reads and writes them, in each locale.
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { MAX_AMOUNT_MINOR } from "./billing/money";
import { FORMAT_LOCALE, LOCALES, type Locale } from "./i18n/locales";
import { zurichTimestamp } from "./billing/period";
import { formatAmount, formatDate, formatDateTime, formatLongDate, formatMoney, formatRate, parseAmount } from "./format";

// Spelled out: NBSP between code and amount, ’ (U+2019) or NNBSP (U+202F) between thousands.
const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("formatMoney", () => {
  it.each([
    ["de-CH", 123_450, "CHF", `CHF${NBSP}1’234.50`],
    ["fr-CH", 123_450, "CHF", `1${NNBSP}234,50${NBSP}CHF`],
    ["it-CH", 123_450, "CHF", `CHF${NBSP}1234.50`], // Intl's it-CH groups from five digits on
    ["it-CH", 1_234_567, "CHF", `CHF${NBSP}12’345.67`],
    ["en", 123_450, "CHF", `CHF${NBSP}1’234.50`],
    ["de-CH", 123_456, "EUR", `EUR${NBSP}1’234.56`],
    ["fr-CH", 99, "EUR", `0,99${NBSP}EUR`],
    ["en", 0, "CHF", `CHF${NBSP}0.00`],
    ["en", 5, "CHF", `CHF${NBSP}0.05`],
    ["en", 16_800, "CHF", `CHF${NBSP}168.00`],
    ["en", 100_000_000, "CHF", `CHF${NBSP}1’000’000.00`],
    ["en", -3_360, "CHF", `−CHF${NBSP}33.60`],
    ["fr-CH", -3_360, "CHF", `−33,60${NBSP}CHF`],
    ["de-CH", -123_456_789, "EUR", `−EUR${NBSP}1’234’567.89`],
    ["fr-CH", MAX_AMOUNT_MINOR, "CHF", `1${NNBSP}000${NNBSP}000${NNBSP}000,00${NBSP}CHF`],
    ["en", Number.MAX_SAFE_INTEGER, "CHF", `CHF${NBSP}90’071’992’547’409.91`],
  ] as const)("%s %i %s → %s", (locale, minor, currency, expected) => {
    expect(formatMoney(minor, currency, locale)).toBe(expected);
  });

  it("defaults to English with Swiss formats", () => {
    expect(formatMoney(123_450, "CHF")).toBe(formatMoney(123_450, "CHF", "en"));
  });

  // formatMoney and formatAmount place the digits themselves in a pattern Intl gives once per format:
  // every amount must read exactly as Intl writes it (with the pinned Swiss separators).
  it("writes every amount as Intl does, in every locale and currency", () => {
    const intl = (minor: number, locale: Locale, options: Intl.NumberFormatOptions) => {
      const abs = Math.abs(minor);
      const exact = `${Math.trunc(abs / 100)}.${(abs % 100).toString().padStart(2, "0")}`;
      const [group, decimal] = locale === "fr-CH" ? [NNBSP, ","] : ["’", "."];
      const text = new Intl.NumberFormat(FORMAT_LOCALE[locale], options).formatToParts(exact as unknown as number)
        .map((p) => (p.type === "group" ? group : p.type === "decimal" ? decimal : p.value)).join("");
      return minor < 0 ? `−${text}` : text;
    };
    const amounts = fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.maxSafeInteger(), fc.integer({ min: -99_999, max: 99_999 }));
    fc.assert(fc.property(amounts, fc.constantFrom(...LOCALES), fc.constantFrom("CHF", "EUR"), (minor, locale, currency) => {
      expect(formatMoney(minor, currency, locale)).toBe(intl(minor, locale, { style: "currency", currency, currencyDisplay: "code" }));
      expect(formatAmount(minor, locale)).toBe(intl(minor, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    }), { numRuns: 2_000 });
  });

  it("asks Intl only once per format, not once per amount", () => {
    const formats = LOCALES.flatMap((locale) => [(m: number) => formatMoney(m, "CHF", locale), (m: number) => formatMoney(m, "EUR", locale), (m: number) => formatAmount(m, locale)]);
    formats.forEach((format) => format(1));
    const spy = vi.spyOn(Intl.NumberFormat.prototype, "formatToParts");
    try {
      formats.forEach((format) => [0, -5, 123_456, 99_999_999_999].forEach(format));
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("formatRate", () => {
  it("writes basis points as a percentage with the locale's decimal mark", () => {
    expect([810, 2000, 1550, 5].map((bp) => formatRate(bp, "fr-CH"))).toEqual([`8,1${NBSP}%`, `20${NBSP}%`, `15,5${NBSP}%`, `0,05${NBSP}%`]);
    expect([810, 2000].map((bp) => formatRate(bp, "de-CH"))).toEqual([`8.1${NBSP}%`, `20${NBSP}%`]);
  });
});

describe("dates in Europe/Zurich", () => {
  it("shows the Zurich calendar day, not the UTC one, in each locale", () => {
    const lateMarch = new Date("2024-03-31T23:30:00Z");
    expect(LOCALES.map((l) => formatDate(lateMarch, l))).toEqual(["1 avr. 2024", "01.04.2024", "1 apr 2024", "1 Apr 2024"]);
  });

  it("shows Zurich wall-clock time across daylight saving", () => {
    expect(formatDateTime(new Date("2024-01-15T12:00:00Z"), "de-CH")).toBe("15.01.2024, 13:00");
    expect(formatDateTime(new Date("2024-07-15T12:00:00Z"), "de-CH")).toBe("15.07.2024, 14:00");
    expect(formatDateTime(new Date("2024-07-15T12:00:00Z"), "fr-CH")).toBe("15 juil. 2024, 14:00");
    expect(formatDateTime(new Date("2024-01-15T12:00:00Z"))).toBe("15 Jan 2024, 13:00");
  });

  it("writes exports' timestamps in Zurich time with the offset, around midnight and both DST changes", () => {
    expect(zurichTimestamp(new Date("2025-12-31T23:30:00.000Z"))).toBe("2026-01-01T00:30:00+01:00");
    expect(zurichTimestamp(new Date("2025-12-31T22:59:59.999Z"))).toBe("2025-12-31T23:59:59+01:00");
    // Spring: 02:00 CET is 03:00 CEST.
    expect(zurichTimestamp(new Date("2026-03-29T00:59:59Z"))).toBe("2026-03-29T01:59:59+01:00");
    expect(zurichTimestamp(new Date("2026-03-29T01:00:00Z"))).toBe("2026-03-29T03:00:00+02:00");
    // Autumn: 02:30 happens twice, told apart by the offset.
    expect(zurichTimestamp(new Date("2026-10-25T00:30:00Z"))).toBe("2026-10-25T02:30:00+02:00");
    expect(zurichTimestamp(new Date("2026-10-25T01:30:00Z"))).toBe("2026-10-25T02:30:00+01:00");
    expect(zurichTimestamp(new Date("2024-07-15T12:00:00Z"))).toBe("2024-07-15T14:00:00+02:00");
  });

  it("writes timestamps that read back as the same second, every hour of a year", () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 + 61_001) {
      const text = zurichTimestamp(new Date(ms));
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
      expect(Date.parse(text)).toBe(Math.floor(ms / 1000) * 1000);
      expect(formatDateTime(new Date(ms), "de-CH")).toContain(`, ${text.slice(11, 16)}`);
    }
  });

  it("spells the day out for sentences", () => {
    const d = new Date("2024-07-15T12:00:00Z");
    expect(LOCALES.map((l) => formatLongDate(d, l))).toEqual(["15 juillet 2024", "15. Juli 2024", "15 luglio 2024", "15 July 2024"]);
  });
});

describe("parseAmount", () => {
  it.each([
    ["1000", 100_000], ["1000.5", 100_050], ["25,5", 2_550], ["0.07", 7], ["1'000", 100_000], ["1’000.50", 100_050],
    ["1 000,50", 100_050], [`1${NNBSP}000,50`, 100_050], [`1${NBSP}000,50`, 100_050], ["1.000,50", 100_050],
    ["1,000.50", 100_050], ["1.000.000", 100_000_000], ["1 000 000,5", 100_000_050],
    ["  42  ", 4_200], ["+3", 300], ["1000000000", MAX_AMOUNT_MINOR],
  ])("reads %j as %i", (input, minor) => {
    expect(parseAmount(input)).toStrictEqual({ ok: true, minor });
  });

  // The currency typed is returned, never dropped: the caller refuses one that is not the account's.
  it.each([
    ["CHF 1’234.50", 123_450, "CHF"], [`1${NNBSP}234,50${NBSP}CHF`, 123_450, "CHF"], ["EUR 500", 50_000, "EUR"], ["500 eur", 50_000, "EUR"],
    ["chf1'000", 100_000, "CHF"], ["CHF 5 CHF", 500, "CHF"],
  ])("reads %j as %i %s", (input, minor, currency) => {
    expect(parseAmount(input)).toStrictEqual({ ok: true, minor, currency });
  });

  it.each([
    ["", "empty"], ["   ", "empty"], ["1.000", "ambiguous"], ["1,000", "ambiguous"], ["12.345", "ambiguous"],
    ["0.505", "tooManyDecimals"], ["1.5055", "tooManyDecimals"], ["-5", "negative"], ["−5", "negative"],
    ["1e3", "malformed"], ["1'00", "malformed"], ["1'000 000", "malformed"], ["1.000.50", "malformed"], [".5", "malformed"],
    ["5.", "malformed"], ["1..5", "malformed"], ["12abc", "malformed"], ["1,000,50", "malformed"], ["0x10", "malformed"],
    ["1000000000.01", "tooLarge"], ["99999999999999999999", "tooLarge"], ["CHF", "empty"], ["CHF 5 EUR", "malformed"],
    ["€ 5", "malformed"], ["USD 5", "malformed"],
  ])("refuses %j: %s", (input, reason) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason });
  });

  it("reads back every amount it formats, in every locale, with or without the currency", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), fc.constantFrom(...LOCALES), fc.constantFrom("CHF" as const, "EUR" as const),
      (minor, locale, currency) => {
        expect(parseAmount(formatAmount(minor, locale))).toEqual({ ok: true, minor });
        expect(parseAmount(formatMoney(minor, currency, locale))).toEqual({ ok: true, minor, currency });
      }), { numRuns: 2_000 });
  });

  it("reads plain digits with one or two decimals however they are grouped with apostrophes", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (units, cents) => {
      const grouped = units.toString().replace(/\B(?=(\d{3})+(?!\d))/g, "'");
      expect(parseAmount(`${grouped}.${cents.toString().padStart(2, "0")}`)).toEqual({ ok: true, minor: units * 100 + cents });
      expect(parseAmount(`${units},${cents.toString().padStart(2, "0")}`)).toEqual({ ok: true, minor: units * 100 + cents });
    }));
  });
});
