import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../pagination";
import { orderProductSchema, parseAmountMinor, renewProductSchema, withdrawalCurrencyProblem, withdrawalFormSchema, withdrawalSchema } from "./billing";

describe("billing input", () => {
  it("parses amounts to minor units without floating point", () => {
    expect(["25", "25.5", "25.50", "0.07", "1234567.89", "3,20"].map(parseAmountMinor)).toEqual([2_500, 2_550, 2_550, 7, 123_456_789, 320]);
    expect(Number.isNaN(parseAmountMinor("1e3"))).toBe(true);
  });

  it.each([
    ["", "amount.empty"], ["0", "amount.zero"], ["0.00", "amount.zero"], ["-5", "amount.negative"], ["12.345", "amount.ambiguous"],
    ["abc", "amount.malformed"], ["99999999", "amount.aboveMaximum"], ["1.005", "amount.ambiguous"], ["1.0055", "amount.tooManyDecimals"],
  ])("refuses the withdrawal amount %j with the key %s", (amount, key) => {
    const r = withdrawalSchema.safeParse({ amount });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([key]);
  });

  it.each([[" 1 000", 100_000], ["1'000.50", 100_050], ["1 000,50", 100_050], ["25", 2_500]])("accepts the withdrawal amount %j as %i", (amount, minor) => {
    const r = withdrawalSchema.safeParse({ amount });
    expect(r.success).toBe(true);
    expect(parseAmountMinor(r.data!.amount)).toBe(minor);
  });

  it.each([
    ["EUR 500", "CHF", "amount.currency.CHF"], ["500 eur", "CHF", "amount.currency.CHF"], ["CHF 500", "EUR", "amount.currency.EUR"],
    ["CHF 500", "CHF", null], ["500 chf", "CHF", null], ["EUR 1'000.50", "EUR", null], ["500", "CHF", null], ["500", "EUR", null],
  ] as const)("takes the withdrawal amount %j from an account in %s with the problem %s", (amount, currency, problem) => {
    expect(withdrawalCurrencyProblem(amount, currency)).toBe(problem);
    const r = withdrawalFormSchema(currency).safeParse({ amount });
    expect(r.success ? null : r.error.issues.map((i) => [i.path, i.message])).toEqual(problem ? [[["amount"], problem]] : null);
  });

  it("keeps the amount's own problem first in the form's schema", () => {
    expect(withdrawalFormSchema("CHF").safeParse({ amount: "EUR 1.000" }).error?.issues.map((i) => i.message)).toEqual(["amount.ambiguous"]);
  });

  it("accepts catalogue offers only, and bounded names and ids", () => {
    expect(orderProductSchema.safeParse({ offer: "domain-ch", label: "bakery.ch" }).success).toBe(true);
    expect(orderProductSchema.safeParse({ offer: "free-lunch", label: "bakery.ch" }).success).toBe(false);
    expect(orderProductSchema.safeParse({ offer: "domain-ch", label: "x".repeat(81) }).success).toBe(false);
    expect(orderProductSchema.safeParse({ offer: "domain-ch", label: "ok", customerOrgId: "x".repeat(65) }).success).toBe(false);
    expect(renewProductSchema.safeParse({ productId: "p", renewalDate: "31.03.2026" }).success).toBe(false);
  });
});

describe("cursors", () => {
  it("round-trips a cursor and ignores malformed ones", () => {
    const c = { at: new Date(1_700_000_000_123), id: "3f1c0d8e-0000-4000-8000-000000000001" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ["", "abc", "1.2.3", "1.'; drop", `1.${"a".repeat(65)}`]) expect(decodeCursor(bad)).toBeUndefined();
  });
});
