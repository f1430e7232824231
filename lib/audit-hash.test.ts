// Canonical audit text: what both engines store byte for byte, decided before hashing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalAuditValue, canonicalClippedText, canonicalJson, canonicalText } from "./audit-hash";

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const anyText = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: anyUnit }));
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("canonicalText", () => {
  it.each([
    ["NUL and SOH", "\u0000\u0001", "\\u0000\\u0001"],
    ["DEL and a C1 control", "a\u007fb\u0085", "a\\u007fb\\u0085"],
    ["a lone high surrogate", "x\ud800y", "x\\ud800y"],
    ["a lone low surrogate", "\udc00", "\\udc00"],
    ["reversed halves", "\udc00\ud800", "\\udc00\\ud800"],
  ])("escapes %s visibly", (_, input, expected) => {
    expect(canonicalText(input)).toBe(expected);
  });

  it("keeps tab, line breaks, accents, emoji (surrogate pairs) and text that only looks like an escape", () => {
    const s = "Zürich\tLéman\r\n😀 \\u0000 Ω";
    expect(canonicalText(s)).toBe(s);
  });

  it("leaves nothing unsafe, and is idempotent, whatever the input", () => {
    fc.assert(fc.property(anyText, (s) => {
      const c = canonicalText(s);
      expect(UNSAFE.test(c)).toBe(false);
      expect(canonicalText(c)).toBe(c);
      // Well-formed UTF-16: encoding to UTF-8 and back changes nothing.
      expect(Buffer.from(c, "utf8").toString("utf8")).toBe(c);
    }), { numRuns: 2000 });
  });

  it("clips to 500 units without splitting a surrogate pair", () => {
    const s = `${"a".repeat(499)}😀tail`;
    expect(canonicalClippedText(s)).toBe("a".repeat(499));
    expect(canonicalClippedText("b".repeat(800))).toHaveLength(500);
  });
});

describe("canonicalAuditValue", () => {
  it("canonicalises keys and values at every depth and keeps __proto__ an ordinary key", () => {
    const input = JSON.parse('{"__proto__":{"a\\u0000":"\\u0000"},"n":-0,"list":[1,"\\ud800",null]}');
    const out = canonicalAuditValue(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "n", "list"]);
    expect(canonicalJson(out)).toBe('{"__proto__":{"a\\\\u0000":"\\\\u0000"},"list":[1,"\\\\ud800",null],"n":0}');
  });

  it("bounds depth and width", () => {
    let deep: unknown = "end";
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(JSON.stringify(canonicalAuditValue(deep))).toContain("[nested too deep]");
    expect((canonicalAuditValue(Array.from({ length: 1000 }, (_, i) => i)) as unknown[]).length).toBe(200);
  });

  it("is idempotent on any JSON value", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
      const once = canonicalAuditValue(v);
      expect(canonicalJson(canonicalAuditValue(JSON.parse(JSON.stringify(once))))).toBe(canonicalJson(once));
    }), { numRuns: 500 });
  });
});
