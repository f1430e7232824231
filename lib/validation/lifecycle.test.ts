// The lifecycle forms' schemas: what the server accepts, and what it refuses with which field.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { answerInvitationSchema, changeAccessSchema, endPartnershipSchema, invitePartnerSchema, partnershipStepSchema } from "./lifecycle";

const ID = "8a3c2f0e-5b7d-4c1a-9e2f-0123456789ab";
function errorFields(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join(".") || "form"))].sort();
}

describe("invitePartnerSchema", () => {
  const full = { partnerOrgId: ID, access: "full", paymentMode: "partner", productIds: [] };
  const limited = { partnerOrgId: ID, access: "limited", paymentMode: "customer", productIds: [ID] };

  it("accepts full access with a payment mode, and limited access with products", () => {
    expect(invitePartnerSchema.parse(full)).toEqual(full);
    expect(invitePartnerSchema.parse({ ...limited, extra: 1 })).toEqual(limited);
  });

  it.each([
    ["limited without products", { ...limited, productIds: [] }, ["productIds"]],
    ["limited with the partner paying", { ...limited, paymentMode: "partner" }, ["paymentMode"]],
    ["full with a product list", { ...full, productIds: [ID] }, ["productIds"]],
    ["an unknown access", { ...full, access: "total" }, ["access"]],
    ["an unknown mode", { ...full, paymentMode: "bank" }, ["paymentMode"]],
    ["products as a string", { ...limited, productIds: ID }, ["productIds"]],
    ["too many products", { ...limited, productIds: Array(201).fill(ID) }, ["productIds"]],
    ["an oversized product id", { ...limited, productIds: ["x".repeat(65)] }, ["productIds.0"]],
    ["a missing partner", { ...full, partnerOrgId: undefined }, ["partnerOrgId"]],
    ["nothing", null, ["form"]],
  ])("refuses %s", (_, input, fields) => {
    expect(errorFields(invitePartnerSchema, input)).toEqual(fields);
  });
});

describe("changeAccessSchema", () => {
  it.each([
    ["limited with products", { partnershipId: ID, version: 2, access: "limited", productIds: [ID] }, []],
    ["full without products", { partnershipId: ID, version: 2, access: "full", productIds: [] }, []],
    ["limited without products", { partnershipId: ID, version: 2, access: "limited", productIds: [] }, ["productIds"]],
    ["a string version", { partnershipId: ID, version: "2", access: "full", productIds: [] }, ["version"]],
    ["a blank id", { partnershipId: " ", version: 2, access: "full", productIds: [] }, ["partnershipId"]],
  ])("%s → %j", (_, input, fields) => {
    expect(errorFields(changeAccessSchema, input)).toEqual(fields);
  });
});

describe("step schemas", () => {
  it("partnershipStepSchema needs an id and a positive integer version", () => {
    expect(errorFields(partnershipStepSchema, { partnershipId: ID, version: 1 })).toEqual([]);
    expect(errorFields(partnershipStepSchema, { partnershipId: ID, version: 0 })).toEqual(["version"]);
  });

  it("answerInvitationSchema takes an optional token of bounded size", () => {
    expect(answerInvitationSchema.parse({ partnershipId: ID, version: 1 })).toEqual({ partnershipId: ID, version: 1 });
    expect(errorFields(answerInvitationSchema, { partnershipId: ID, version: 1, token: "t".repeat(129) })).toEqual(["token"]);
  });

  it("endPartnershipSchema needs a password, and never echoes it in its messages", () => {
    const r = endPartnershipSchema.safeParse({ partnershipId: ID, version: 1, password: "" });
    expect(r.success).toBe(false);
    expect(errorFields(endPartnershipSchema, { partnershipId: ID, version: 1, password: "p".repeat(201) })).toEqual(["password"]);
    const long = endPartnershipSchema.safeParse({ partnershipId: ID, version: 1, password: "secret-".repeat(40) });
    expect(JSON.stringify(long.error?.issues)).not.toContain("secret-");
  });
});
