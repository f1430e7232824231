import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashInvitationToken, invitationPath, isWellFormedToken, newInvitationToken } from "./invitation-token";

describe("invitation tokens", () => {
  it("are 256 random bits, URL-safe, and never the same twice", () => {
    const tokens = Array.from({ length: 200 }, newInvitationToken);
    expect(new Set(tokens).size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
      expect(isWellFormedToken(t)).toBe(true);
    }
  });

  it("are stored as their SHA-256, never as themselves", () => {
    const t = newInvitationToken();
    const hash = hashInvitationToken(t);
    expect(hash).toBe(createHash("sha256").update(t).digest("hex"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(t);
  });

  it.each(["", "short", "x".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`, "../../etc/passwd"])("refuses %j as a token", (t) => {
    expect(isWellFormedToken(t)).toBe(false);
  });

  it("links to the invitation page", () => {
    expect(invitationPath("abc")).toBe("/invitations/abc");
  });
});
