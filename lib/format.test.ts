// Money and dates as the user reads them.
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatMoney } from "./format";

describe("formatMoney", () => {
  it.each([
    [0, "CHF", "CHF 0.00"],
    [5, "CHF", "CHF 0.05"],
    [99, "EUR", "EUR 0.99"],
    [100, "CHF", "CHF 1.00"],
    [16_800, "CHF", "CHF 168.00"],
    [123_456, "EUR", "EUR 1’234.56"],
    [100_000_000, "CHF", "CHF 1’000’000.00"],
    [-1, "CHF", "−CHF 0.01"],
    [-3_360, "CHF", "−CHF 33.60"],
    [-123_456_789, "EUR", "−EUR 1’234’567.89"],
    [Number.MAX_SAFE_INTEGER, "CHF", "CHF 90’071’992’547’409.91"],
  ] as const)("%i %s → %s", (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

describe("dates in Europe/Zurich", () => {
  it("shows the Zurich calendar day, not the UTC one", () => {
    expect(formatDate(new Date("2024-03-31T23:30:00Z"))).toBe("1 Apr 2024");
  });

  it("shows Zurich wall-clock time across daylight saving", () => {
    expect(formatDateTime(new Date("2024-01-15T12:00:00Z"))).toBe("15 Jan 2024, 13:00");
    expect(formatDateTime(new Date("2024-07-15T12:00:00Z"))).toBe("15 Jul 2024, 14:00");
  });
});
