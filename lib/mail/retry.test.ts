import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextRetryAt } from "./worker";

const now = new Date("2025-03-01T10:00:00.000Z");
const seconds = (d: Date | null) => (d ? (d.getTime() - now.getTime()) / 1000 : null);

describe("nextRetryAt", () => {
  it.each([
    [1, 15],
    [2, 30],
    [3, 60],
    [4, 120],
    [5, 240],
    [6, 480],
    [7, 960],
    [8, 1920],
    [9, 3600], // 3840 s capped at one hour
    [10, 3600],
    [11, 3600],
    [12, 3600],
    [79, 3600],
    [80, null], // MAX_ATTEMPTS failed: about three days of retries, then an auditor retries by hand
    [81, null],
  ])("after %i failed attempts, retries in %s s", (attempts, expected) => {
    expect(seconds(nextRetryAt(attempts, now))).toBe(expected);
  });

  it("gives up exactly at MAX_ATTEMPTS", () => {
    expect(MAX_ATTEMPTS).toBe(80);
    expect(nextRetryAt(MAX_ATTEMPTS - 1, now)).not.toBeNull();
    expect(nextRetryAt(MAX_ATTEMPTS, now)).toBeNull();
  });
});
