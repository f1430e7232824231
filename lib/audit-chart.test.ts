import { describe, expect, it } from "vitest";
import { bucketByWeek, niceMax } from "./audit-chart";

describe("bucketByWeek", () => {
  const weeks = [new Date("2025-06-02T00:00:00Z"), new Date("2025-06-09T00:00:00Z"), new Date("2025-06-16T00:00:00Z")];
  it("counts each change in the week it falls in, split by the new mode", () => {
    const buckets = bucketByWeek(weeks, [
      { at: new Date("2025-06-02T00:00:00Z"), to: "partner" }, // on the boundary: its own week
      { at: new Date("2025-06-08T23:59:59Z"), to: "customer" },
      { at: new Date("2025-06-20T10:00:00Z"), to: "partner" },
      { at: new Date("2025-06-21T10:00:00Z"), to: "partner" },
      { at: new Date("2025-05-30T10:00:00Z"), to: "partner" }, // before the first week: not shown
      { at: new Date("2025-06-10T10:00:00Z"), to: null }, // unreadable mode: not counted
    ]);
    expect(buckets.map((b) => [b.toPartner, b.toCustomer])).toEqual([[1, 1], [0, 0], [2, 0]]);
    expect(buckets.map((b) => b.start)).toEqual(weeks);
  });
});

describe("niceMax", () => {
  it.each([[0, 1], [1, 1], [2, 2], [3, 5], [7, 10], [11, 20], [42, 50], [100, 100], [101, 200]])("%i → %i", (n, m) => expect(niceMax(n)).toBe(m));
});
