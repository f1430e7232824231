// The bound, the order of eviction and the expiry of the decoded-cookie cache (lib/request.ts uses it).
import { describe, expect, it } from "vitest";
import { ExpiringLru } from "./session-cookie-cache";

describe("ExpiringLru", () => {
  it("never holds more than its bound, dropping the least recently used first", () => {
    const c = new ExpiringLru<number>(3);
    for (const k of ["a", "b", "c"]) c.set(k, k.charCodeAt(0), 1_000, 0);
    expect(c.get("a", 1)).toBe(97); // a is now the most recently used: b goes first
    c.set("d", 100, 1_000, 1);
    expect(c.size).toBe(3);
    expect(c.get("b", 2)).toBeUndefined();
    expect([c.get("a", 2), c.get("c", 2), c.get("d", 2)]).toEqual([97, 99, 100]);
    for (let i = 0; i < 100; i++) c.set(`k${i}`, i, 1_000, 3);
    expect(c.size).toBe(3);
    expect([c.get("k97", 4), c.get("k98", 4), c.get("k99", 4)]).toEqual([97, 98, 99]);
  });

  it("forgets an entry at its expiry, and keeps none that is already expired", () => {
    const c = new ExpiringLru<string>(10);
    c.set("a", "x", 100, 0);
    expect(c.get("a", 99)).toBe("x");
    expect(c.get("a", 100)).toBeUndefined();
    expect(c.size).toBe(0);
    c.set("b", "y", 50, 50);
    c.set("c", "z", 0, 50);
    expect(c.size).toBe(0);
  });

  it("keys a cookie by a digest of its name and exact value, not the token itself", () => {
    const token = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..abc";
    const key = ExpiringLru.keyOf("authjs.session-token", token);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain(token.slice(0, 20));
    expect(ExpiringLru.keyOf("authjs.session-token", `${token}x`)).not.toBe(key);
    expect(ExpiringLru.keyOf("__Secure-authjs.session-token", token)).not.toBe(key);
  });
});
