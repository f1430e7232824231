import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyBasisPoints, formatRate } from "./money";
import { addYears, zurichDate } from "./period";
import { swissVatRateBp, vatRateBpFor, VatConfigurationError } from "./vat";

describe("applyBasisPoints: the one rounding rule", () => {
  it.each([
    [16_800, 2_000, 3_360], [1_590, 1_500, 239], [1_590, 1_000, 159], [5, 1_000, 1], [4, 1_000, 0], [15, 1_000, 2],
    [-15, 1_000, -2], [-4, 1_000, 0], [0, 3_500, 0], [100_000_000_000, 10_000, 100_000_000_000], [33_333, 810, 2_700],
  ])("%i × %i bp → %i", (amount, bp, expected) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });

  it("refuses fractions and out-of-range inputs instead of guessing", () => {
    expect(() => applyBasisPoints(1.5, 100)).toThrow(RangeError);
    expect(() => applyBasisPoints(1_000_000_000_001, 100)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, -1)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 10_001)).toThrow(RangeError);
  });

  it("formats rates", () => {
    expect([2000, 810, 770, 1500, 0, 1].map(formatRate)).toEqual(["20 %", "8.1 %", "7.7 %", "15 %", "0 %", "0.01 %"]);
  });
});

describe("VAT by date of supply", () => {
  it("switches the Swiss rate on 1 January 2024", () => {
    expect(swissVatRateBp("2017-05-01")).toBe(770);
    expect(swissVatRateBp("2023-12-31")).toBe(770);
    expect(swissVatRateBp("2024-01-01")).toBe(810);
    expect(swissVatRateBp("2026-11-26")).toBe(810);
    expect(() => swissVatRateBp("31.12.2023")).toThrow(RangeError);
  });

  it("uses an EUR organization's own rate, and refuses one without", () => {
    expect(vatRateBpFor({ currency: "EUR", vatRateBp: 1900 }, "2023-01-01")).toBe(1900);
    expect(vatRateBpFor({ currency: "CHF", vatRateBp: null }, "2023-01-01")).toBe(770);
    expect(() => vatRateBpFor({ currency: "EUR", vatRateBp: null }, "2025-01-01")).toThrow(VatConfigurationError);
  });
});

describe("periods", () => {
  it("adds calendar years, 29 February becoming 28 February", () => {
    expect(addYears("2025-03-12")).toBe("2026-03-12");
    expect(addYears("2024-02-29")).toBe("2025-02-28");
    expect(addYears("2025-12-31", 2)).toBe("2027-12-31");
  });

  it("dates an instant in Zurich time", () => {
    expect(zurichDate(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(zurichDate(new Date("2025-06-30T21:59:00Z"))).toBe("2025-06-30");
  });

  it("dates every instant as ICU does, the remembered hours included (either side of midnight, in and out of summer time)", () => {
    const icu = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" });
    // Midnight in Zurich is 22:00 UTC in summer and 23:00 UTC in winter: the last millisecond before and the first at.
    const edges = ["2026-07-14T21:59:59.999Z", "2026-07-14T22:00:00.000Z", "2026-01-14T22:59:59.999Z", "2026-01-14T23:00:00.000Z",
      "2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00.000Z", "2026-10-24T21:59:59.999Z", "2026-10-24T22:00:00.000Z", "2026-10-25T22:59:59.999Z", "2026-10-25T23:00:00.000Z"];
    for (const round of [0, 1]) for (const e of round ? [...edges].reverse() : edges) expect(zurichDate(new Date(e)), e).toBe(icu.format(new Date(e)));
    fc.assert(fc.property(fc.array(fc.date({ min: new Date("1850-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }), { minLength: 1, maxLength: 50 }), (dates) => {
      // Twice each, in two orders: the second read comes from what the first remembered.
      for (const d of [...dates, ...dates.reverse()]) if (zurichDate(d) !== icu.format(d)) return false;
      return true;
    }), { numRuns: 300 });
  });
});
