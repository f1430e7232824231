import { describe, expect, it } from "vitest";
import { ibanProblem, isQrIban, formatIban, formatQrReference } from "./references";
import { addDays, daysPastDue, dueDateFor, dueDatesForLevel, isOverdue, reminderLevelFor } from "./terms";

describe("payment terms and reminders", () => {
  it("puts the due date the terms after the Zurich day of issue", () => {
    expect(dueDateFor(new Date("2026-03-01T09:00:00Z"), 30)).toBe("2026-03-31");
    // 23:30 UTC on 31 December is already 1 January in Zurich.
    expect(dueDateFor(new Date("2025-12-31T23:30:00Z"), 30)).toBe("2026-01-31");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("is overdue from the day after the due date, unpaid only", () => {
    expect(isOverdue({ status: "unpaid", dueDate: "2026-03-31" }, "2026-03-31")).toBe(false);
    expect(isOverdue({ status: "unpaid", dueDate: "2026-03-31" }, "2026-04-01")).toBe(true);
    expect(isOverdue({ status: "paid", dueDate: "2026-03-31" }, "2026-05-01")).toBe(false);
    expect(isOverdue({ status: "unpaid", dueDate: null }, "2026-05-01")).toBe(false);
    expect(daysPastDue("2026-03-31", "2026-04-10")).toBe(10);
  });

  it("sends the 10-day reminder from 10 to 29 days past due, the 30-day one from 30 to 60, nothing else", () => {
    const level = (days: number) => reminderLevelFor("2026-01-01", addDays("2026-01-01", days));
    expect([0, 9, 10, 29, 30, 60, 61, 200].map(level)).toEqual([null, null, 10, 10, 30, 30, null, null]);
    expect(dueDatesForLevel(10, "2026-02-10")).toEqual({ from: "2026-01-12", to: "2026-01-31" });
    expect(dueDatesForLevel(30, "2026-03-02")).toEqual({ from: "2026-01-01", to: "2026-01-31" });
  });
});

describe("IBANs", () => {
  it("accepts valid IBANs whatever the spacing and case, and says what is wrong with the others", () => {
    expect(ibanProblem("CH93 0076 2011 6238 5295 7")).toBeNull();
    expect(ibanProblem("ch9300762011623852957")).toBeNull();
    expect(ibanProblem("DE89 3704 0044 0532 0130 00")).toBeNull();
    expect(ibanProblem("CH93 0076 2011 6238 5295 8")).toBe("checksum");
    expect(ibanProblem("CH93 0076 2011 6238 5295")).toBe("length");
    expect(ibanProblem("US12 3456 7890")).toBe("country");
    expect(ibanProblem("12 CH93")).toBe("format");
    expect(ibanProblem("  ")).toBe("empty");
  });

  it("tells a QR-IBAN (institution id 30000–31999) from an ordinary one, and prints them in groups", () => {
    expect(isQrIban("CH44 3199 9123 0008 8901 2")).toBe(true);
    expect(isQrIban("CH93 0076 2011 6238 5295 7")).toBe(false);
    expect(formatIban("ch4431999123000889012")).toBe("CH44 3199 9123 0008 8901 2");
    expect(formatQrReference("210000000003139471430009017")).toBe("21 00000 00003 13947 14300 09017");
  });
});
