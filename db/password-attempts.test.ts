// Reserving password checks on both engines: the limit holds under 40 concurrent attempts (on
// PostgreSQL also across two app instances), windows and addresses are counted as the rules say,
// a released attempt no longer counts, and day-old rows are forgotten.
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmReservation, signInReservation } from "@/lib/password-throttle";
import { createDatabase, getDatabase, setDatabase, type Database } from "./client";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { releasePasswordAttempt, reservePasswordAttempt } from "./password-attempts";

const LIMIT = 10;
const limited = (subject: string, now = new Date()) => ({
  scope: "sign_in" as const, subject, ip: "203.0.113.5", subjectSince: new Date(now.getTime() - 60_000), now,
  refuse: (h: { subjectCount: number }) => (h.subjectCount >= LIMIT ? "full" : null),
});

async function rows(): Promise<number> {
  const { db, schema } = getDatabase();
  const [r] = await db.select({ n: count() }).from(schema.passwordAttempts);
  return Number(r?.n ?? 0);
}

describe.each(enginesUnderTest())("password attempts on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => {
    setDatabase(undefined);
    await t.dispose();
  });

  it("reserves at most the limit out of 40 concurrent attempts", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => reservePasswordAttempt(limited("race@x.test"))));
    expect(results.filter((r) => r.reserved)).toHaveLength(LIMIT);
    expect(results.filter((r) => !r.reserved).every((r) => !r.reserved && r.reason === "full")).toBe(true);
  });

  it.runIf(engine === "postgres")("holds across two app instances on one database", async () => {
    const second: Database = createDatabase(t.url);
    try {
      const attempt = (i: number) => {
        setDatabase(i % 2 ? second : t.database);
        return reservePasswordAttempt(limited("two-instances@x.test"));
      };
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i)));
      expect(results.filter((r) => r.reserved)).toHaveLength(LIMIT);
    } finally {
      setDatabase(t.database);
      await second.close();
    }
  });

  it("counts a released attempt no more", async () => {
    const first = await reservePasswordAttempt(limited("release@x.test"));
    if (!first.reserved) throw new Error("expected a reservation");
    for (let i = 1; i < LIMIT; i++) await reservePasswordAttempt(limited("release@x.test"));
    expect((await reservePasswordAttempt(limited("release@x.test"))).reserved).toBe(false);
    await releasePasswordAttempt({ id: first.id });
    expect((await reservePasswordAttempt(limited("release@x.test"))).reserved).toBe(true);
  });

  it("sees the sign-in pair and the account apart, within their windows", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const at = (min: number) => new Date(now.getTime() + min * 60_000);
    // Ten failures for one email from one address, over ten minutes: the pair is full at minute 10.
    for (let i = 0; i < 10; i++) {
      expect((await reservePasswordAttempt(signInReservation("pair@x.test", "198.51.100.1", at(i)))).reserved).toBe(true);
    }
    const refused = await reservePasswordAttempt(signInReservation("pair@x.test", "198.51.100.1", at(10)));
    expect(refused).toEqual({ reserved: false, reason: { kind: "pair" } });
    // From another address the account's delay applies instead: 30 s after the last failure.
    expect(await reservePasswordAttempt(signInReservation("pair@x.test", "198.51.100.2", at(9.25))))
      .toEqual({ reserved: false, reason: { kind: "account", retryAfterMs: 15_000 } });
    expect((await reservePasswordAttempt(signInReservation("pair@x.test", "198.51.100.2", at(9.5)))).reserved).toBe(true);
    // Another email from the first address is not affected; the pair is free again after 15 minutes.
    expect((await reservePasswordAttempt(signInReservation("other@x.test", "198.51.100.1", at(10)))).reserved).toBe(true);
    expect((await reservePasswordAttempt(signInReservation("pair@x.test", "198.51.100.1", at(16)))).reserved).toBe(true);
  });

  it("keys a confirmation on the user only", async () => {
    const now = new Date("2026-03-02T10:00:00Z");
    for (let i = 0; i < 5; i++) expect((await reservePasswordAttempt(confirmReservation("user-a", now))).reserved).toBe(true);
    expect(await reservePasswordAttempt(confirmReservation("user-a", now))).toEqual({ reserved: false, reason: "too_many" });
    expect((await reservePasswordAttempt(confirmReservation("user-b", now))).reserved).toBe(true);
  });

  it("forgets attempts older than a day when it reserves a new one", async () => {
    const before = await rows();
    expect(before).toBeGreaterThan(0);
    await reservePasswordAttempt(limited("later@x.test", new Date("2026-03-05T10:00:00Z")));
    // Everything above was written on or before 2026-03-02 or now (the race rows): only rows within a day of the reservation stay.
    const { db, schema } = getDatabase();
    const left = await db.select({ createdAt: schema.passwordAttempts.createdAt }).from(schema.passwordAttempts);
    expect(left.every((r) => r.createdAt.getTime() >= new Date("2026-03-04T10:00:00Z").getTime())).toBe(true);
    expect(left.length).toBeLessThan(before + 1);
  });
});
