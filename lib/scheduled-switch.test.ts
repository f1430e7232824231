import { describe, expect, it } from "vitest";
import { isCalendarDate, switchDateProblem, switchDateRange, switchOutcome } from "./scheduled-switch";

describe("the dates of a scheduled switch", () => {
  it("are tomorrow up to one year from today (Zurich calendar days)", () => {
    expect(switchDateRange("2026-11-30")).toEqual({ min: "2026-12-01", max: "2027-11-30" });
    expect(switchDateRange("2028-02-29")).toEqual({ min: "2028-03-01", max: "2029-02-28" });
    expect(switchDateRange("2026-12-31")).toEqual({ min: "2027-01-01", max: "2027-12-31" });
  });

  it("refuses today, the past, more than 12 months ahead and non-dates", () => {
    expect(switchDateProblem("2026-12-01", "2026-11-30")).toBeNull();
    expect(switchDateProblem("2027-11-30", "2026-11-30")).toBeNull();
    expect(switchDateProblem("2026-11-30", "2026-11-30")).toBe("past");
    expect(switchDateProblem("2025-01-01", "2026-11-30")).toBe("past");
    expect(switchDateProblem("2027-12-01", "2026-11-30")).toBe("tooFar");
    expect(switchDateProblem("2027-02-30", "2026-11-30")).toBe("invalid");
    expect(switchDateProblem("1.1.2027", "2026-11-30")).toBe("invalid");
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
  });
});

describe("a pending switch at its date", () => {
  const s = { partnershipVersion: 4 };
  it("applies when the partnership is still the one it was scheduled on", () => {
    expect(switchOutcome({ status: "active", access: "full", version: 4 }, s)).toEqual({ apply: true });
  });
  it("is dropped, with the reason, when the partnership ended, lost full access or changed", () => {
    expect(switchOutcome({ status: "ended", access: "full", version: 5 }, s)).toEqual({ apply: false, reason: "ended" });
    expect(switchOutcome({ status: "active", access: "limited", version: 5 }, s)).toEqual({ apply: false, reason: "lost_full_access" });
    expect(switchOutcome({ status: "active", access: "full", version: 5 }, s)).toEqual({ apply: false, reason: "changed" });
  });
});
