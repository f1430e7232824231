// The payment-mode form's schema: what the server accepts, and what it refuses with which field.
import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translator";
import { validationMessage } from "../i18n/validation";
import { changePaymentModeSchema } from "./partnership";

const valid = { partnershipId: "8a3c2f0e-5b7d-4c1a-9e2f-0123456789ab", paymentMode: "partner", version: 3 };

function errorFields(input: unknown): string[] {
  const r = changePaymentModeSchema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join(".") || "form"))].sort();
}

describe("changePaymentModeSchema", () => {
  it("accepts both payment modes", () => {
    expect(changePaymentModeSchema.parse(valid)).toEqual(valid);
    expect(changePaymentModeSchema.parse({ ...valid, paymentMode: "customer" }).paymentMode).toBe("customer");
  });

  it("trims the identifier and drops unknown keys", () => {
    const parsed = changePaymentModeSchema.parse({ ...valid, partnershipId: `  ${valid.partnershipId} `, role: "admin" });
    expect(parsed).toEqual(valid);
  });

  it.each([
    ["an unknown mode", { ...valid, paymentMode: "bank" }, ["paymentMode"]],
    ["a mode in another case", { ...valid, paymentMode: "Partner" }, ["paymentMode"]],
    ["a missing mode", { partnershipId: valid.partnershipId, version: 1 }, ["paymentMode"]],
    ["a missing id", { paymentMode: "partner", version: 1 }, ["partnershipId"]],
    ["a blank id", { ...valid, partnershipId: "   " }, ["partnershipId"]],
    ["an oversized id", { ...valid, partnershipId: "x".repeat(10_000) }, ["partnershipId"]],
    ["an id that is a number", { ...valid, partnershipId: 42 }, ["partnershipId"]],
    ["a version as a string", { ...valid, version: "3" }, ["version"]],
    ["a negative version", { ...valid, version: -1 }, ["version"]],
    ["a zero version", { ...valid, version: 0 }, ["version"]],
    ["a fractional version", { ...valid, version: 1.5 }, ["version"]],
    ["a version beyond a 32-bit integer", { ...valid, version: 2 ** 31 }, ["version"]],
    ["NaN as version", { ...valid, version: Number.NaN }, ["version"]],
    ["everything wrong", { partnershipId: "", paymentMode: "bank", version: "x" }, ["partnershipId", "paymentMode", "version"]],
  ])("refuses %s", (_, input, fields) => {
    expect(errorFields(input)).toEqual(fields);
  });

  it.each([null, undefined, [], "partner", 42])("refuses a non-object input (%s) as a form error", (input) => {
    expect(errorFields(input)).toEqual(["form"]);
  });

  it("reads no field out of FormData (the action takes a plain object)", () => {
    const form = new FormData();
    Object.entries(valid).forEach(([k, v]) => form.append(k, String(v)));
    expect(errorFields(form)).toEqual(["partnershipId", "paymentMode", "version"]);
  });

  it("explains an unknown mode in words the user knows", () => {
    const r = changePaymentModeSchema.safeParse({ ...valid, paymentMode: "bank" });
    expect(r.success).toBe(false);
    const words = (locale: "en" | "de-CH") => r.error?.issues.map((i) => validationMessage(translator(locale, "validation"), i.message));
    expect(words("en")).toEqual(["Choose “Customer pays” or “Partner pays”."]);
    expect(words("de-CH")).toEqual(["Wählen Sie «Kunde zahlt» oder «Partner zahlt»."]);
  });
});
