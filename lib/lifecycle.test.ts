// The partnership state machine, row by row (docs/partnership-lifecycle.md).
import { describe, expect, it } from "vitest";
import { ROLES, type PartnershipStatus } from "./domain";
import { invitationState, LIFECYCLE_STEPS, lifecycleDenial, planAccessChange, type LifecycleStep } from "./lifecycle";

const STATUSES: (PartnershipStatus | null)[] = [null, "pending", "active", "ended", "refused", "deleted"];
const SIDES = ["customer", "partner"] as const;

/** Written from the doc's table, independently of STEP_RULES. */
const ALLOWED: Record<LifecycleStep, { side: "customer" | "partner" | "either"; from: PartnershipStatus | null }> = {
  invite: { side: "customer", from: null },
  resend: { side: "customer", from: "pending" },
  delete: { side: "customer", from: "pending" },
  accept: { side: "partner", from: "pending" },
  refuse: { side: "partner", from: "pending" },
  change_access: { side: "customer", from: "active" },
  end: { side: "either", from: "active" },
};

const matrix = LIFECYCLE_STEPS.flatMap((step) => SIDES.flatMap((side) => ROLES.flatMap((role) => STATUSES.map((status) => {
  const rule = ALLOWED[step];
  const sideOk = rule.side === "either" || rule.side === side;
  const expected = !sideOk ? "side" : role !== "legal_representative" ? "role" : status !== rule.from ? "status" : null;
  return { step, side, role, status, expected };
}))));

describe("lifecycleDenial", () => {
  it("covers every step × side × role × status", () => {
    expect(matrix).toHaveLength(7 * 2 * 3 * 6);
  });

  it.each(matrix)("$step by a $side $role on $status → $expected", ({ step, side, role, status, expected }) => {
    expect(lifecycleDenial(step, { role, side }, status)).toBe(expected);
  });

  it("lets only legal representatives act, and only ending is open to both sides", () => {
    const allowed = matrix.filter((r) => r.expected === null);
    expect(allowed.every((r) => r.role === "legal_representative")).toBe(true);
    expect(allowed.map((r) => `${r.step}:${r.side}:${r.status}`).sort()).toEqual([
      "accept:partner:pending", "change_access:customer:active", "delete:customer:pending", "end:customer:active",
      "end:partner:active", "invite:customer:null", "refuse:partner:pending", "resend:customer:pending",
    ]);
  });
});

describe("invitationState", () => {
  const now = new Date("2025-05-10T12:00:00Z");
  const at = (iso: string) => new Date(iso);
  it.each([
    ["live until expiry", { usedAt: null, revokedAt: null, expiresAt: at("2025-05-10T12:00:01Z") }, "live"],
    ["expired at the exact instant", { usedAt: null, revokedAt: null, expiresAt: now }, "expired"],
    ["expired", { usedAt: null, revokedAt: null, expiresAt: at("2025-05-01T00:00:00Z") }, "expired"],
    ["revoked before expiry", { usedAt: null, revokedAt: at("2025-05-09T00:00:00Z"), expiresAt: at("2025-05-20T00:00:00Z") }, "revoked"],
    ["used, even once expired", { usedAt: at("2025-05-02T00:00:00Z"), revokedAt: null, expiresAt: at("2025-05-03T00:00:00Z") }, "used"],
  ] as const)("%s", (_, inv, expected) => {
    expect(invitationState(inv, now)).toBe(expected);
  });
});

describe("planAccessChange", () => {
  it("full → limited resets the payment mode to customer and lists the products added", () => {
    expect(planAccessChange({ access: "full", paymentMode: "partner", productIds: [] }, { access: "limited", productIds: ["a", "b", "a"] }))
      .toEqual({ access: "limited", paymentMode: "customer", productIds: ["a", "b"], added: ["a", "b"], removed: [], resetsPaymentMode: true, unchanged: false });
  });

  it("says full → limited resets even when the mode already was customer", () => {
    expect(planAccessChange({ access: "full", paymentMode: "customer", productIds: [] }, { access: "limited", productIds: ["a"] }).resetsPaymentMode).toBe(true);
  });

  it("limited → full drops the product list and starts with the customer paying", () => {
    expect(planAccessChange({ access: "limited", paymentMode: "customer", productIds: ["a", "b"] }, { access: "full", productIds: ["a"] }))
      .toEqual({ access: "full", paymentMode: "customer", productIds: [], added: [], removed: ["a", "b"], resetsPaymentMode: false, unchanged: false });
  });

  it("limited → limited adds and removes products", () => {
    const plan = planAccessChange({ access: "limited", paymentMode: "customer", productIds: ["a", "b"] }, { access: "limited", productIds: ["b", "c"] });
    expect(plan).toMatchObject({ added: ["c"], removed: ["a"], productIds: ["b", "c"], unchanged: false, resetsPaymentMode: false });
  });

  it.each([
    [{ access: "limited", paymentMode: "customer", productIds: ["a", "b"] }, { access: "limited", productIds: ["b", "a"] }],
    [{ access: "full", paymentMode: "partner", productIds: [] }, { access: "full", productIds: [] }],
  ] as const)("recognises no change (%j → %j)", (current, next) => {
    expect(planAccessChange(current, next).unchanged).toBe(true);
  });

  it("keeps the payment mode of a full partnership that stays full", () => {
    expect(planAccessChange({ access: "full", paymentMode: "partner", productIds: [] }, { access: "full", productIds: [] }).paymentMode).toBe("partner");
  });
});
