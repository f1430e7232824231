// Calendar days and weeks in Zurich time, across both DST switches.
import { describe, expect, it } from "vitest";
import { lastWeeks, parseIsoDate, zurichDate, zurichDayStart, zurichWeekStart } from "./audit-period";

describe("parseIsoDate", () => {
  it.each(["2025-03-30", "2024-02-29", "1970-01-01"])("accepts %s", (s) => expect(parseIsoDate(s)).not.toBeNull());
  it.each(["2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025-01-01T00:00", "", "1969-12-31", "drop table"])(
    "rejects %j", (s) => expect(parseIsoDate(s)).toBeNull());
});

describe("zurichDayStart", () => {
  it.each([
    ["2025-01-15", "2025-01-14T23:00:00.000Z"], // winter, UTC+1
    ["2025-07-15", "2025-07-14T22:00:00.000Z"], // summer, UTC+2
    ["2025-03-30", "2025-03-29T23:00:00.000Z"], // the spring-forward day starts in winter time
    ["2025-10-26", "2025-10-25T22:00:00.000Z"], // the fall-back day starts in summer time
  ])("%s starts at %s", (day, iso) => {
    expect(zurichDayStart(parseIsoDate(day)!).toISOString()).toBe(iso);
  });

  it("rolls a day past the month's end into the next month (how an inclusive \"to\" date ends)", () => {
    expect(zurichDayStart({ y: 2025, m: 3, d: 32 }).toISOString()).toBe("2025-03-31T22:00:00.000Z");
  });
});

describe("zurichDate and zurichWeekStart", () => {
  it("reads the Zurich calendar day, not the UTC one", () => {
    expect(zurichDate(new Date("2025-07-14T22:30:00Z"))).toBe("2025-07-15");
    expect(zurichDate(new Date("2025-01-14T22:30:00Z"))).toBe("2025-01-14");
  });

  it.each([
    ["2025-07-16T10:00:00Z", "2025-07-13T22:00:00.000Z"], // a Wednesday → Monday 14 July, 00:00 Zurich
    ["2025-07-13T21:59:00Z", "2025-07-06T22:00:00.000Z"], // Sunday 23:59 Zurich still belongs to the week before
    ["2025-07-13T22:00:00Z", "2025-07-13T22:00:00.000Z"], // Monday 00:00 Zurich is its own week start
    ["2025-03-31T09:00:00Z", "2025-03-30T22:00:00.000Z"], // the Monday after spring-forward
    ["2025-10-29T09:00:00Z", "2025-10-26T23:00:00.000Z"], // the week after fall-back starts in winter time
  ])("the week of %s starts %s", (at, start) => {
    expect(zurichWeekStart(new Date(at)).toISOString()).toBe(start);
  });

  it("lists consecutive Mondays, oldest first, ending with the current week, across a DST switch", () => {
    const weeks = lastWeeks(new Date("2025-11-05T12:00:00Z"), 6);
    expect(weeks.map((w) => zurichDate(w))).toEqual(["2025-09-29", "2025-10-06", "2025-10-13", "2025-10-20", "2025-10-27", "2025-11-03"]);
    expect(weeks.every((w) => zurichWeekStart(w).getTime() === w.getTime())).toBe(true);
  });
});
