import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { billingNow } from "./billing/clock";
import { now, testClockConfigured } from "./clock";

describe("the clock", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clock-"));
  const file = path.join(dir, "now");
  afterEach(() => { vi.unstubAllEnvs(); fs.rmSync(file, { force: true }); });

  it("is the real time without TEST_CLOCK_FILE", () => {
    vi.stubEnv("TEST_CLOCK_FILE", "");
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(testClockConfigured()).toBe(false);
  });

  it("reads the instant in the test clock file, and again when the file changes", () => {
    vi.stubEnv("TEST_CLOCK_FILE", file);
    fs.writeFileSync(file, "2027-01-01T00:30:00+01:00\n");
    expect(now().toISOString()).toBe("2026-12-31T23:30:00.000Z");
    expect(billingNow().toISOString()).toBe("2026-12-31T23:30:00.000Z");
    fs.writeFileSync(file, "2027-02-01T08:00:00.000Z");
    expect(now().toISOString()).toBe("2027-02-01T08:00:00.000Z");
    expect(testClockConfigured()).toBe(true);
  });

  it("falls back to the real time when the file is missing, empty or not a date", () => {
    vi.stubEnv("TEST_CLOCK_FILE", file);
    const close = (d: Date) => Math.abs(d.getTime() - Date.now()) < 5_000;
    expect(close(now())).toBe(true);
    fs.writeFileSync(file, "");
    expect(close(now())).toBe(true);
    fs.writeFileSync(file, "next tuesday");
    expect(close(now())).toBe(true);
  });
});
