// Configuration: defaults, one readable error for every problem, and the development secret.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const KEYS = ["DATABASE_URL", "SMTP_URL", "MAIL_FROM", "AUTH_SECRET", "PORT", "APP_URL", "OUTBOX_POLL_MS", "WORKER_IN_APP", "RENEWALS_IN_APP", "TRUSTED_PROXY_HOPS", "EXPORTS_AT_ONCE", "STALLED_RESPONSE_SECONDS", "SELLER_NAME", "SELLER_QR_IBAN", "SELLER_VAT_NUMBER", "PAYMENT_TERMS_DAYS"];
const SECRET = "s".repeat(32);

/** A fresh copy of lib/env (it caches its answer) under exactly these variables. */
async function loadEnv(vars: Record<string, string>) {
  for (const k of KEYS) vi.stubEnv(k, vars[k] ?? "");
  vi.resetModules();
  return (await import("./env")).env;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("env", () => {
  it("fills in defaults, treating empty variables as unset", async () => {
    const env = await loadEnv({ AUTH_SECRET: SECRET });
    expect(env()).toMatchObject({
      DATABASE_URL: "file:.data/partner-manager.db", PORT: 3000, APP_URL: "http://localhost:3000",
      OUTBOX_POLL_MS: 5000, WORKER_IN_APP: "on", AUTH_SECRET: SECRET,
    });
    expect(env().SMTP_URL).toBeUndefined();
  });

  it("coerces numbers and drops a trailing slash from APP_URL", async () => {
    const env = await loadEnv({ AUTH_SECRET: SECRET, PORT: "8080", APP_URL: "https://manager.example.com/", OUTBOX_POLL_MS: "250" });
    expect(env()).toMatchObject({ PORT: 8080, APP_URL: "https://manager.example.com", OUTBOX_POLL_MS: 250 });
  });

  it("accepts both database engines", async () => {
    for (const url of ["file:/tmp/x.db", "postgres://u@h/db", "postgresql://u@h/db"]) {
      const env = await loadEnv({ AUTH_SECRET: SECRET, DATABASE_URL: url });
      expect(env().DATABASE_URL).toBe(url);
    }
  });

  it("lists every problem in one error", async () => {
    const env = await loadEnv({
      AUTH_SECRET: "short", DATABASE_URL: "mysql://x", PORT: "70000", SMTP_URL: "http://mail", WORKER_IN_APP: "maybe",
    });
    const error = (() => { try { env(); } catch (e) { return e as Error; } })();
    expect(error?.message).toMatch(/^Invalid configuration:/);
    for (const key of ["AUTH_SECRET", "DATABASE_URL", "PORT", "SMTP_URL", "WORKER_IN_APP"]) {
      expect(error?.message).toContain(`- ${key}:`);
    }
  });

  it("runs the automatic renewals in the app unless RENEWALS_IN_APP=off", async () => {
    expect((await loadEnv({ AUTH_SECRET: SECRET }))().RENEWALS_IN_APP).toBe("on");
    expect((await loadEnv({ AUTH_SECRET: SECRET, RENEWALS_IN_APP: "off" }))().RENEWALS_IN_APP).toBe("off");
    const bad = await loadEnv({ AUTH_SECRET: SECRET, RENEWALS_IN_APP: "sometimes" });
    expect(() => bad()).toThrow(/RENEWALS_IN_APP/);
  });

  it("trusts no forwarding proxy unless TRUSTED_PROXY_HOPS says how many there are", async () => {
    expect((await loadEnv({ AUTH_SECRET: SECRET }))().TRUSTED_PROXY_HOPS).toBe(0);
    expect((await loadEnv({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "2" }))().TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "all", "11"]) {
      const env = await loadEnv({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: bad });
      expect(() => env(), bad).toThrow(/- TRUSTED_PROXY_HOPS: .*(whole number|negative|mistake)/);
    }
  });

  it("bounds the CSV downloads running at once and how long a stalled one may hold its connection", async () => {
    expect((await loadEnv({ AUTH_SECRET: SECRET }))()).toMatchObject({ EXPORTS_AT_ONCE: 8, STALLED_RESPONSE_SECONDS: 60 });
    expect((await loadEnv({ AUTH_SECRET: SECRET, EXPORTS_AT_ONCE: "2", STALLED_RESPONSE_SECONDS: "300" }))()).toMatchObject({ EXPORTS_AT_ONCE: 2, STALLED_RESPONSE_SECONDS: 300 });
    for (const [name, bad] of [["EXPORTS_AT_ONCE", "0"], ["EXPORTS_AT_ONCE", "1.5"], ["EXPORTS_AT_ONCE", "65"], ["STALLED_RESPONSE_SECONDS", "4"], ["STALLED_RESPONSE_SECONDS", "never"], ["STALLED_RESPONSE_SECONDS", "3601"]] as const) {
      const env = await loadEnv({ AUTH_SECRET: SECRET, [name]: bad });
      expect(() => env(), `${name}=${bad}`).toThrow(new RegExp(`- ${name}: .*(whole number|at least|mistake|below|above)`));
    }
  });

  it("reads the environment once", async () => {
    const env = await loadEnv({ AUTH_SECRET: SECRET, PORT: "4000" });
    expect(env().PORT).toBe(4000);
    vi.stubEnv("PORT", "5000");
    expect(env().PORT).toBe(4000);
  });

  describe("without AUTH_SECRET", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "pm-env-"));
      vi.spyOn(process, "cwd").mockReturnValue(dir);
      vi.spyOn(console, "warn").mockImplementation(() => {});
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("generates a development secret once, keeps it under .data/ and reuses it", async () => {
      const first = (await loadEnv({}))().AUTH_SECRET;
      expect(first.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dir, ".data", "auth-secret");
      expect(fs.readFileSync(file, "utf8")).toBe(first);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      expect((await loadEnv({}))().AUTH_SECRET).toBe(first);
    });
  });

  it("gives the seller a fictitious demo identity by default and checks the configured one", async () => {
    const env = await loadEnv({ AUTH_SECRET: SECRET });
    expect(env()).toMatchObject({ SELLER_NAME: "Demo Hosting AG (fictitious)", SELLER_QR_IBAN: "CH4431999123000889012", SELLER_VAT_NUMBER: "CHE-123.456.789 MWST", PAYMENT_TERMS_DAYS: 30 });
    const set = await loadEnv({ AUTH_SECRET: SECRET, SELLER_QR_IBAN: "ch44 3199 9123 0008 8901 2", PAYMENT_TERMS_DAYS: "10" });
    expect(set()).toMatchObject({ SELLER_QR_IBAN: "CH4431999123000889012", PAYMENT_TERMS_DAYS: 10 });
    // An ordinary IBAN cannot take QR references; a wrong check digit is a typo; a VAT number has a form.
    for (const [key, value] of [["SELLER_QR_IBAN", "CH93 0076 2011 6238 5295 7"], ["SELLER_QR_IBAN", "CH44 3199 9123 0008 8901 3"], ["SELLER_VAT_NUMBER", "123"], ["PAYMENT_TERMS_DAYS", "-1"]]) {
      const bad = await loadEnv({ AUTH_SECRET: SECRET, [key!]: value! });
      expect(() => bad(), `${key}=${value}`).toThrow(new RegExp(key!));
    }
  });
});
