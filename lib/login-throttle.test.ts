// Sign-in throttling on both engines: ten failures for one email from one address lock that pair only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countLoginFailures, recordLoginFailure } from "@/db/login-failures";
import { enginesUnderTest, useTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { isLoginThrottled, LOGIN_WINDOW_MS, loginKey, MAX_LOGIN_FAILURES, noteLoginFailure } from "./login-throttle";

describe("loginKey", () => {
  it("normalises the email and takes the first forwarded address", () => {
    expect(loginKey(" Claire@Helvetia-Bakery.test ", new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" })))
      .toEqual({ email: "claire@helvetia-bakery.test", ip: "203.0.113.7" });
    expect(loginKey("a@b.test", new Headers({ "x-real-ip": "198.51.100.2" })).ip).toBe("198.51.100.2");
    expect(loginKey("a@b.test", undefined).ip).toBe("unknown");
  });
});

describe.each(enginesUnderTest())("sign-in throttling on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => { t = await useTestDatabase(engine); });
  afterAll(async () => { await t.dispose(); });

  const now = new Date("2026-03-01T10:00:00Z");
  const key = { email: "claire@helvetia-bakery.test", ip: "203.0.113.7" };

  it("locks a pair after MAX failures within the window, and only that pair", async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await noteLoginFailure(key, now);
    expect(await isLoginThrottled(key, now)).toBe(false);
    await noteLoginFailure(key, now);
    expect(await isLoginThrottled(key, now)).toBe(true);
    expect(await isLoginThrottled({ ...key, ip: "198.51.100.9" }, now)).toBe(false);
    expect(await isLoginThrottled({ ...key, email: "luca@helvetia-bakery.test" }, now)).toBe(false);
  });

  it("lets the pair in again once the window has passed", async () => {
    expect(await isLoginThrottled(key, new Date(now.getTime() + LOGIN_WINDOW_MS + 1))).toBe(false);
  });

  it("forgets failures older than a day when it records a new one", async () => {
    const dayLater = new Date(now.getTime() + 25 * 60 * 60_000);
    await recordLoginFailure({ email: "x@y.test", ip: "1.2.3.4", at: dayLater });
    expect(await countLoginFailures({ ...key, since: new Date(0) })).toBe(0);
    expect(await countLoginFailures({ email: "x@y.test", ip: "1.2.3.4", since: new Date(0) })).toBe(1);
  });
});
