import { describe, expect, it } from "vitest";
import { decodeBalance, encodeBalance } from "./balance-cursor";

const SECRET = "a-test-secret-of-at-least-32-characters-0123";
const cursor = { at: new Date("2026-03-04T05:06:07.089Z"), id: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" };
const anchor = { ...cursor, balanceBeforeMinor: 123_456 };

describe("the signed balance of a ledger page's next link", () => {
  it("gives back the balance it was made for, at the same cursor, for the same organization", () => {
    const bal = encodeBalance("org-a", anchor, SECRET);
    expect(bal).toMatch(/^123456\.[A-Za-z0-9_-]{22}$/);
    expect(decodeBalance("org-a", cursor, bal, SECRET)).toEqual(anchor);
    const negative = { ...anchor, balanceBeforeMinor: -5 };
    expect(decodeBalance("org-a", cursor, encodeBalance("org-a", negative, SECRET), SECRET)).toEqual(negative);
  });

  it("ignores a balance that was changed, or signed for another organization, cursor or secret", () => {
    const bal = encodeBalance("org-a", anchor, SECRET);
    const [, sig] = bal.split(".");
    expect(decodeBalance("org-a", cursor, `999999.${sig}`, SECRET)).toBeUndefined();
    expect(decodeBalance("org-b", cursor, bal, SECRET)).toBeUndefined();
    expect(decodeBalance("org-a", { ...cursor, id: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1" }, bal, SECRET)).toBeUndefined();
    expect(decodeBalance("org-a", { ...cursor, at: new Date(cursor.at.getTime() + 1) }, bal, SECRET)).toBeUndefined();
    expect(decodeBalance("org-a", cursor, bal, `${SECRET}x`)).toBeUndefined();
  });

  it("ignores what is missing or malformed", () => {
    const bal = encodeBalance("org-a", anchor, SECRET);
    expect(decodeBalance("org-a", undefined, bal, SECRET)).toBeUndefined();
    for (const raw of [undefined, "", "123456", `${bal}x`, `${bal.slice(0, -1)}`, [bal, bal], "1e5.AAAAAAAAAAAAAAAAAAAAAA", `${"9".repeat(16)}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      expect(decodeBalance("org-a", cursor, raw, SECRET)).toBeUndefined();
    }
  });
});
