import { describe, expect, it } from "vitest";
import { changeText, describeChange, reasonParts, shortId, userAgentSummary, type AuditWords } from "./audit-format";

/** Plain words that make each value's type visible in the text. */
const words: AuditWords = {
  field: (k) => `<${k}>`,
  code: (f, c) => `${f}=${c}`,
  money: (m, c) => `${c ?? "?"} ${m}`,
  date: (iso) => `day ${iso}`,
  time: (iso) => `at ${iso}`,
  number: (n) => `#${n}`,
  ids: (n) => `${n} ids`,
  line: (f, v) => `${f}: ${v}`,
  none: "—",
};
const uuid = "3f2a9c1e-7b4d-4e2a-9f00-1234567890ab";

describe("describeChange", () => {
  it("types each field: codes, amounts with their currency, identifiers, dates, numbers", () => {
    expect(describeChange(
      { paymentMode: "customer", version: 3 },
      { paymentMode: "partner", version: 4 },
    )).toEqual([{ field: "paymentMode", from: { type: "code", field: "paymentMode", code: "customer" }, to: { type: "code", field: "paymentMode", code: "partner" } }]);

    expect(describeChange(null, {
      orderId: uuid, totalMinor: 100000, currency: "CHF", renewalDate: "2026-03-01", invitationExpiresAt: "2026-03-08T10:00:00.000Z",
      attempts: 2, productIds: ["a", "b"], invoiceNumber: "INV-000006",
    })).toEqual([
      { field: "orderId", from: null, to: { type: "id", id: uuid } },
      { field: "totalMinor", from: null, to: { type: "money", minor: 100000, currency: "CHF" } },
      { field: "renewalDate", from: null, to: { type: "date", iso: "2026-03-01" } },
      { field: "invitationExpiresAt", from: null, to: { type: "time", iso: "2026-03-08T10:00:00.000Z" } },
      { field: "attempts", from: null, to: { type: "number", n: 2 } },
      { field: "productIds", from: null, to: { type: "ids", ids: ["a", "b"] } },
      { field: "invoiceNumber", from: null, to: { type: "text", text: "INV-000006" } },
    ]);
  });

  it("gives an amount the other snapshot's currency when its own has none", () => {
    expect(describeChange({ balanceMinor: 5000 }, { balanceMinor: 4000, amountMinor: 1000, currency: "EUR" }).map((l) => [l.field, l.from, l.to])).toEqual([
      ["balanceMinor", { type: "money", minor: 5000, currency: "EUR" }, { type: "money", minor: 4000, currency: "EUR" }],
      ["amountMinor", null, { type: "money", minor: 1000, currency: "EUR" }],
    ]);
  });

  it("keeps the currency line when no amount carries it, and is empty without snapshots", () => {
    expect(describeChange(null, { currency: "CHF" })).toEqual([{ field: "currency", from: null, to: { type: "text", text: "CHF" } }]);
    expect(describeChange(null, null)).toEqual([]);
  });
});

describe("changeText", () => {
  it("never shows an amount in minor units, a version or a whole identifier", () => {
    const text = changeText({ paymentMode: "customer", version: 1 }, { paymentMode: "partner", version: 2, totalMinor: 100000, currency: "CHF", invoiceId: uuid }, words);
    expect(text).toBe("<paymentMode>: paymentMode=customer → paymentMode=partner; <totalMinor>: CHF 100000; <invoiceId>: 3f2a9c1e…");
    expect(changeText(null, { invoiceId: uuid, note: null }, words, { withoutIds: true })).toBe("<note>: —");
    expect(changeText(null, { invoiceId: uuid, productIds: ["a", "b"] }, words, { fullIds: true })).toBe(`<invoiceId>: ${uuid}; <productIds>: a b`);
    expect(changeText(null, { productIds: ["a", "b"] }, words)).toBe("<productIds>: 2 ids");
  });

  it("keeps unknown nested data readable", () => {
    expect(changeText({ products: ["a", "b"] }, { products: ["a"] }, words)).toBe('<products>: ["a","b"] → ["a"]');
  });
});

describe("identifiers and reasons", () => {
  it("shortens long identifiers only", () => {
    expect(shortId(uuid)).toBe("3f2a9c1e…");
    expect(shortId("req-1")).toBe("req-1");
  });

  it.each([
    ["stale_version", { code: "stale_version", detail: null }],
    ["not_failed: sent", { code: "not_failed", detail: "sent" }],
    ["invalid_input: amount, label", { code: "invalid_input", detail: "amount, label" }],
    ["link_expired", { code: "link_expired", detail: null }],
  ])("reason %s", (raw, parts) => expect(reasonParts(raw)).toEqual(parts));
});

describe("userAgentSummary", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "Chrome 131", "Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17", "macOS"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133", "Linux"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge 120", "Windows"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36", "Chrome 125", "Android"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1", "Chrome 126", "iOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17", "iOS"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36", "Headless Chrome 131", "Linux"],
    ["curl/8.5.0", "curl 8", null],
    ["Chromium", null, null],
  ] as const)("%s → %s on %s", (ua, browser, os) => expect(userAgentSummary(ua)).toEqual({ browser, os }));

  it("has nothing to say without a user agent", () => expect(userAgentSummary(null)).toBeNull());
});
