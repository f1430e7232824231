// The partnership state machine (docs/partnership-lifecycle.md) as pure rules: which side and role may
// take which step from which status, when an invitation link still works, and what an access change does.
import type { AccessLevel, PartnershipStatus, PaymentMode, Role } from "./domain";
import type { OrgSide } from "./permissions";

export const LIFECYCLE_STEPS = ["invite", "resend", "delete", "accept", "refuse", "change_access", "end"] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** `from: null` means "no live partnership yet" (an invitation creates one). */
export const STEP_RULES: Record<LifecycleStep, { sides: readonly OrgSide[]; from: readonly (PartnershipStatus | null)[]; to: PartnershipStatus }> = {
  invite: { sides: ["customer"], from: [null], to: "pending" },
  resend: { sides: ["customer"], from: ["pending"], to: "pending" },
  delete: { sides: ["customer"], from: ["pending"], to: "deleted" },
  accept: { sides: ["partner"], from: ["pending"], to: "active" },
  refuse: { sides: ["partner"], from: ["pending"], to: "refused" },
  change_access: { sides: ["customer"], from: ["active"], to: "active" },
  end: { sides: ["customer", "partner"], from: ["active"], to: "ended" },
};

export type LifecycleDenial = "side" | "role" | "status";

/** Why `actor` may not take `step` on a partnership in `status`, or null when allowed. */
export function lifecycleDenial(
  step: LifecycleStep,
  actor: { role: Role; side: OrgSide },
  status: PartnershipStatus | null,
): LifecycleDenial | null {
  const rule = STEP_RULES[step];
  if (!rule.sides.includes(actor.side)) return "side";
  if (actor.role !== "legal_representative") return "role";
  if (!rule.from.includes(status)) return "status";
  return null;
}

export const INVITATION_TTL_DAYS = 14;
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 86_400_000;

export type InvitationState = "live" | "used" | "revoked" | "expired";

/** A link works once, until it is replaced (resend), withdrawn (delete) or 14 days have passed. */
export function invitationState(
  inv: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (inv.usedAt) return "used";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "live";
}

export type AccessPlan = {
  access: AccessLevel;
  paymentMode: PaymentMode;
  productIds: string[];
  added: string[];
  removed: string[];
  /** Full → limited: a payment mode exists only with full access, so it goes back to "customer". */
  resetsPaymentMode: boolean;
  unchanged: boolean;
};

/**
 * What an access change leads to. Full access manages every product, so it keeps no product list;
 * limited access always means the customer pays; limited → full starts with "customer pays" too
 * (the customer then chooses with the payment editor).
 */
export function planAccessChange(
  current: { access: AccessLevel; paymentMode: PaymentMode; productIds: readonly string[] },
  next: { access: AccessLevel; productIds: readonly string[] },
): AccessPlan {
  const before = current.access === "full" ? [] : [...new Set(current.productIds)];
  const after = next.access === "full" ? [] : [...new Set(next.productIds)];
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  return {
    access: next.access,
    paymentMode: current.access === "full" && next.access === "full" ? current.paymentMode : "customer",
    productIds: after,
    added,
    removed,
    resetsPaymentMode: current.access === "full" && next.access === "limited",
    unchanged: current.access === next.access && added.length === 0 && removed.length === 0,
  };
}
