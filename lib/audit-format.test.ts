import { describe, expect, it } from "vitest";
import { changeText, describeChange, fieldLabel, kindLabel } from "./audit-format";

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
