import { describe, expect, it } from "vitest";
import { formatLongDate } from "@/lib/format";
import { LOCALES } from "./locales";
import { longDate } from "./long-date";

describe("a calendar day written out", () => {
  it("reads as the server writes it, in each language's Swiss form", () => {
    expect(longDate("2026-07-01", "en")).toBe("1 July 2026");
    expect(longDate("2026-07-01", "de-CH")).toBe("1. Juli 2026");
    for (const locale of LOCALES) {
      for (const day of ["2026-01-01", "2026-03-29", "2026-10-25", "2026-12-31"]) {
        expect(longDate(day, locale)).toBe(formatLongDate(new Date(`${day}T12:00:00Z`), locale));
      }
    }
  });
});
