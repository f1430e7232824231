import { describe, expect, it } from "vitest";
import { zurichDayStart } from "../billing/period";
import { filterQuery, parseInvoiceFilter, parsePrepaidFilter } from "./list-filters";

describe("list filters from the URL", () => {
  it("reads valid values and ignores malformed ones", () => {
    expect(parseInvoiceFilter({ status: "paid", from: "2026-01-01", to: "2026-01-31", client: "abc-123" })).toMatchObject({
      status: "paid", client: "abc-123", from: "2026-01-01", to: "2026-01-31",
      fromAt: new Date("2025-12-31T23:00:00Z"), toBefore: new Date("2026-01-31T23:00:00Z"),
    });
    const bad = parseInvoiceFilter({ status: "void", from: "yesterday", client: "x'; drop", after: "nope", to: ["2026-01-01", "2026-01-02"] });
    expect(bad).toEqual({ status: undefined, client: undefined, cursor: undefined, from: undefined, to: undefined, fromAt: undefined, toBefore: undefined });
    expect(parsePrepaidFilter({ kind: "withdrawal" }).kind).toBe("withdrawal");
    expect(parsePrepaidFilter({ kind: "refund" }).kind).toBeUndefined();
  });

  it("starts Zurich days at the right instant in winter and summer", () => {
    expect(zurichDayStart("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(zurichDayStart("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("keeps the filter in links", () => {
    expect(filterQuery({ status: "paid", client: undefined, from: "2026-01-01" }, { after: "1.x" })).toBe("?status=paid&from=2026-01-01&after=1.x");
    expect(filterQuery({})).toBe("");
  });
});
