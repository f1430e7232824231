// scrypt hashes: verify only the right password, and treat anything malformed as a mismatch.
import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed, and no other", async () => {
    const stored = await hashPassword("manager-demo");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("manager-demo");
    expect(await verifyPassword("manager-demo", stored)).toBe(true);
    expect(await verifyPassword("manager-demo ", stored)).toBe(false);
    expect(await verifyPassword("Manager-demo", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("matches nothing against the dummy hash used for unknown emails", async () => {
    expect(await verifyPassword("manager-demo", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["another scheme", "bcrypt$16384$8$1$c2FsdA==$a2V5"],
    ["missing parts", "scrypt$16384$8$1$c2FsdA=="],
    ["an empty key", "scrypt$16384$8$1$c2FsdA==$"],
    ["plain text", "manager-demo"],
    ["a key that decodes to nothing", "scrypt$16384$8$1$c2FsdA==$!!!"],
    ["a one-byte key", "scrypt$16384$8$1$c2FsdA==$AA=="],
    ["a cost that is not a number", "scrypt$abc$8$1$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["a cost that is not a power of two", "scrypt$1000$8$1$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["a cost beyond the memory limit", "scrypt$1048576$8$1$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
  ])("refuses a malformed stored hash (%s)", async (_, stored) => {
    expect(await verifyPassword("manager-demo", stored)).toBe(false);
  });
});
