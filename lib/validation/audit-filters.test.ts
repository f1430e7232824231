// Filters come from a URL anyone can type: good values apply, bad ones are named and dropped, none throws.
import { describe, expect, it } from "vitest";
import { encodeCursor, filterQuery, parseCursor, parseEventFilters, parseNotificationFilters, parsePartnershipFilters } from "./audit-filters";

describe("parsePartnershipFilters", () => {
  it("reads every filter, the period as Zurich days with an inclusive end, and the page cursor", () => {
    const f = parsePartnershipFilters({
      customer: "6f1c2a9e-1111-4222-8333-944445555666", partner: "org-alpine", access: "full", mode: "partner",
      status: "active", from: "2025-03-01", to: "2025-03-31", after: "1735689600000_abc-123",
    });
    expect(f.values).toEqual({ customer: "6f1c2a9e-1111-4222-8333-944445555666", partner: "org-alpine", access: "full", mode: "partner", status: "active" });
    expect(f.period.from?.toISOString()).toBe("2025-02-28T23:00:00.000Z");
    expect(f.period.to?.toISOString()).toBe("2025-03-31T22:00:00.000Z");
    expect(f.cursor).toEqual({ at: new Date(1735689600000), id: "abc-123" });
    expect(f.ignored).toEqual([]);
  });

  it("drops each bad value on its own and names it; the good ones still apply", () => {
    const f = parsePartnershipFilters({
      customer: "x".repeat(65), partner: "'; drop table partnerships; --", access: "everything", mode: "partner",
      status: ["active", "ended"], from: "2025-02-30", to: "yesterday", after: "not-a-cursor",
    });
    expect(f.values).toEqual({ mode: "partner", status: "active" });
    expect(f.period).toEqual({});
    expect(f.cursor).toBeNull();
    expect(f.ignored).toEqual(["customer", "partner", "access", "from", "to", "after"]);
  });

  it("ignores a period whose start is after its end, and treats blanks as absent", () => {
    const f = parsePartnershipFilters({ from: "2025-04-02", to: "2025-04-01", customer: "  ", mode: "" });
    expect(f.period).toEqual({});
    expect(f.values).toEqual({});
    expect(f.ignored).toEqual(["period"]);
  });

  it("accepts a one-day period", () => {
    const f = parsePartnershipFilters({ from: "2025-04-01", to: "2025-04-01" });
    expect(f.period.to!.getTime() - f.period.from!.getTime()).toBe(86_400_000);
  });
});

describe("the other views", () => {
  it("reads event filters, kinds from the closed list only", () => {
    expect(parseEventFilters({ kind: "payment_mode.changed", outcome: "refused", org: "o1", actor: "u1" }).values)
      .toEqual({ kind: "payment_mode.changed", outcome: "refused", org: "o1", actor: "u1" });
    expect(parseEventFilters({ kind: "payment_mode.deleted", outcome: "maybe" }).ignored).toEqual(["kind", "outcome"]);
  });

  it("reads the notification state and has no period", () => {
    expect(parseNotificationFilters({ state: "failed", from: "2025-01-01" })).toMatchObject({ values: { state: "failed" }, period: {}, ignored: [] });
    expect(parseNotificationFilters({ state: "lost" }).ignored).toEqual(["state"]);
  });
});

describe("cursors and links", () => {
  it("round-trips a cursor and refuses forged ones", () => {
    const c = { at: new Date("2025-05-01T10:00:00.123Z"), id: "7d0c-uuid" };
    expect(parseCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ["", "123", "abc_def", "1_", `1_${"a".repeat(65)}`, "1_a b", "9999999999999999_a"]) expect(parseCursor(bad)).toBeNull();
  });

  it("rebuilds the query string of the filters in force, without the page, plus extras", () => {
    const f = parsePartnershipFilters({ customer: "c1", access: "bogus", from: "2025-01-01", after: "1_x" });
    expect(filterQuery(f)).toBe("?customer=c1&from=2025-01-01");
    expect(filterQuery(f, { after: "2_y" })).toBe("?customer=c1&from=2025-01-01&after=2_y");
    expect(filterQuery(parsePartnershipFilters({}))).toBe("");
  });
});
