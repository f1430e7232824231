import { describe, expect, it } from "vitest";
import { changeText, describeChange, fieldLabel, kindLabel, userAgentSummary } from "./audit-format";

describe("labels", () => {
  it.each([
    ["payment_mode.changed", "Payment mode changed"],
    ["partnership.invitation_resent", "Partnership invitation resent"],
    ["notification.retried", "Notification retried"],
  ])("kind %s reads %s", (kind, label) => expect(kindLabel(kind)).toBe(label));

  it.each([["paymentMode", "Payment mode"], ["version", "Version"], ["notificationId", "Notification id"]])(
    "field %s reads %s", (key, label) => expect(fieldLabel(key)).toBe(label));
});

describe("describeChange", () => {
  it("pairs before and after per field, with the product's labels for known values", () => {
    expect(describeChange({ paymentMode: "customer", version: 3 }, { paymentMode: "partner", version: 4 })).toEqual([
      { field: "paymentMode", label: "Payment mode", from: "Customer pays", to: "Partner pays" },
      { field: "version", label: "Version", from: "3", to: "4" },
    ]);
    expect(changeText({ access: "full", status: "active" }, { access: "limited", status: "ended" }))
      .toBe("Access: Full → Limited; Status: Active → Ended");
  });

  it("shows what a refused attempt asked for, with no before", () => {
    expect(changeText(null, { paymentMode: "partner", version: 2 })).toBe("Payment mode: Partner pays; Version: 2");
  });

  it("keeps unknown values and nested data readable, and is empty without snapshots", () => {
    expect(changeText({ products: ["a", "b"] }, { products: ["a"], note: null })).toBe('Products: ["a","b"] → ["a"]; Note: —');
    expect(describeChange(null, null)).toEqual([]);
  });
});

describe("userAgentSummary", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "Chrome 131, Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17, macOS"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133, Linux"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge 120, Windows"],
    ["Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36", "Chrome 125, Android"],
    ["curl/8.5.0", "curl/8.5.0"],
    [null, "unknown browser"],
  ] as const)("%s → %s", (ua, expected) => expect(userAgentSummary(ua)).toBe(expected));
});
