// The throttle's rules, row by row: the pair limit, the account's growing delay and its cap, and the
// confirmation limit. Numbers are written out here rather than derived from the constants.
import { describe, expect, it } from "vitest";
import { accountDelayMs, confirmReservation, signInRefusal, signInReservation } from "./password-throttle";

const now = new Date("2026-03-01T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("accountDelayMs", () => {
  it.each([
    [0, 0], [9, 0], [10, 30_000], [11, 60_000], [12, 120_000], [13, 240_000], [14, 300_000], [40, 300_000], [10_000, 300_000],
  ])("%i recent failures → wait %i ms", (failures, ms) => {
    expect(accountDelayMs(failures)).toBe(ms);
  });
});

describe("signInRefusal", () => {
  it.each([
    ["a first attempt", { subjectCount: 0, lastAt: null, pairCount: 0 }, null],
    ["nine failures from this address", { subjectCount: 9, lastAt: ago(1_000), pairCount: 9 }, null],
    ["ten failures from this address", { subjectCount: 10, lastAt: ago(600_000), pairCount: 10 }, { kind: "pair" }],
    ["ten failures from elsewhere, the last one 10 s ago", { subjectCount: 10, lastAt: ago(10_000), pairCount: 0 }, { kind: "account", retryAfterMs: 20_000 }],
    ["ten failures from elsewhere, the last one 30 s ago", { subjectCount: 10, lastAt: ago(30_000), pairCount: 0 }, null],
    ["thirteen failures, the last one 200 s ago", { subjectCount: 13, lastAt: ago(200_000), pairCount: 1 }, { kind: "account", retryAfterMs: 40_000 }],
    ["a thousand failures: never more than 5 minutes after the last", { subjectCount: 1000, lastAt: ago(300_000), pairCount: 0 }, null],
  ] as const)("%s", (_what, history, expected) => {
    expect(signInRefusal(history, now)).toEqual(expected);
  });
});

describe("the reservations", () => {
  it("keys sign-in on the normalised email and the address, over an hour (account) and 15 minutes (pair)", () => {
    const r = signInReservation("  Claire@Helvetia-Bakery.TEST ", null, now);
    expect(r).toMatchObject({ scope: "sign_in", subject: "claire@helvetia-bakery.test", ip: "unknown", subjectSince: ago(3_600_000), pairSince: ago(900_000) });
  });

  it("allows five password confirmations per user in 15 minutes", () => {
    const r = confirmReservation("user-1", now);
    expect(r).toMatchObject({ scope: "confirm_password", subject: "user-1", subjectSince: ago(900_000) });
    expect(r.refuse({ subjectCount: 4, lastAt: now, pairCount: 0 })).toBeNull();
    expect(r.refuse({ subjectCount: 5, lastAt: now, pairCount: 0 })).toBe("too_many");
  });
});
