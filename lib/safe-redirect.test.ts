// The sign-in redirect target: every classic open-redirect bypass lands on "/", our own paths pass.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { REDIRECT_SECTIONS, safeRedirectPath } from "./safe-redirect";

const APP = "https://manager.example.com";

// What an attacker puts in /login?next=… (already URL-decoded, as searchParams and the form give it).
const BYPASSES: [string, string][] = [
  ["backslash after the slash", "/\\evil.example/x"],
  ["two backslashes", "\\\\evil.example/x"],
  ["protocol-relative", "//evil.example/x"],
  ["protocol-relative with three slashes", "///evil.example/x"],
  ["tab between the slashes", "/\t/evil.example"],
  ["newline between the slashes", "/\n/evil.example"],
  ["carriage return and newline", "/\r\n/evil.example"],
  ["percent-encoded slashes", "%2F%2Fevil.example"],
  ["percent-encoded backslash", "/%5Cevil.example"],
  ["encoded newline then host", "/%0a/evil.example"],
  ["absolute URL to another host", "https://evil.example/partners"],
  ["scheme without slashes", "https:evil.example"],
  ["http downgrade of our own host", "http://manager.example.com/partners"],
  ["another port of our host", "https://manager.example.com:8443/partners"],
  ["credentials in the URL", "https://user:pw@manager.example.com/partners"],
  ["javascript URL", "javascript:alert(document.domain)"],
  ["javascript URL with leading space and case", " JaVaScRiPt:alert(1)"],
  ["data URL", "data:text/html,<script>alert(1)</script>"],
  ["dot segment making a protocol-relative path", "/.//evil.example"],
  ["dot-dot segments out of a section", "/partners/../../evil"],
  ["API route", "/api/auth/signout"],
  ["framework internals", "/_next/static/x.js"],
  ["unknown section", "/evil"],
  ["double slash inside a section", "/partners//evil.example"],
  ["empty", ""],
  ["oversized", `/partners/${"a".repeat(3000)}`],
];

const ALLOWED: [string, string][] = [
  ["/", "/"],
  ["/partners", "/partners"],
  ["/partners/0b0c6a2e-1111-4111-8111-111111111111?notice=invited#payment", "/partners/0b0c6a2e-1111-4111-8111-111111111111?notice=invited#payment"],
  ["/invitations/abc_DEF-123", "/invitations/abc_DEF-123"],
  ["/login", "/login"],
  ["/audit/events?kind=payment_mode.changed", "/audit/events?kind=payment_mode.changed"],
  ["https://manager.example.com/invoices", "/invoices"],
  ["partners", "/partners"],
  ["/clients/./x", "/clients/x"],
  ["/products?q=%0d%0aSet-Cookie:x", "/products?q=%0d%0aSet-Cookie:x"],
];

describe("safeRedirectPath", () => {
  it.each(BYPASSES)("%s → /", (_name, next) => {
    expect(safeRedirectPath(next, APP)).toBe("/");
  });

  it.each(ALLOWED)("%s stays %s", (next, expected) => {
    expect(safeRedirectPath(next, APP)).toBe(expected);
  });

  it("gives / for anything that is not a string", () => {
    for (const v of [null, undefined, 42, ["/partners"], { toString: () => "/partners" }]) expect(safeRedirectPath(v, APP)).toBe("/");
  });

  it("never returns something a browser would resolve to another origin", () => {
    for (const [, next] of [...BYPASSES, ...ALLOWED]) {
      const out = safeRedirectPath(next, APP);
      expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
      expect(new URL(out, "https://victim.example").origin).toBe("https://victim.example");
      expect(out).not.toMatch(/[\s\\]/);
    }
  });

  it("knows every section a user can land on: the route folders under app/", () => {
    const folders = ["app/(manager)", "app/(auth)"].flatMap((dir) =>
      fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name));
    expect([...REDIRECT_SECTIONS].sort()).toEqual(folders.sort());
  });
});
