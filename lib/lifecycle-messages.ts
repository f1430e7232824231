// What the lifecycle actions answer when they refuse, in one place for both sides.
import type { InvitationState, LifecycleDenial, LifecycleStep } from "./lifecycle";

const WHO: Record<LifecycleStep, string> = {
  invite: "invite partners",
  resend: "resend or delete invitations",
  delete: "resend or delete invitations",
  accept: "answer invitations",
  refuse: "answer invitations",
  change_access: "change access rights",
  end: "end partnerships",
};

const NOT_IN_STATUS: Record<LifecycleStep, string> = {
  invite: "This organization is already your partner or has a pending invitation.",
  resend: "This invitation is no longer pending: it was answered or deleted meanwhile. Nothing changed.",
  delete: "This invitation is no longer pending: it was answered or deleted meanwhile. Nothing changed.",
  accept: "This invitation is no longer pending: it was answered, or the customer deleted it. Nothing changed.",
  refuse: "This invitation is no longer pending: it was answered, or the customer deleted it. Nothing changed.",
  change_access: "This partnership is not active, so its access rights cannot change.",
  end: "This partnership is not active, so it cannot be ended. A pending invitation is deleted instead.",
};

export function lifecycleDenialMessage(step: LifecycleStep, denial: LifecycleDenial): string {
  if (denial === "role") return `Only your organization's legal representatives can ${WHO[step]}.`;
  if (denial === "side") {
    return step === "invite"
      ? "Partners are invited by their customers: a partner organization cannot invite partners."
      : "This partnership was not found.";
  }
  return NOT_IN_STATUS[step];
}

export const INVITATION_LINK_MESSAGES: Record<Exclude<InvitationState, "live"> | "unknown", string> = {
  unknown: "This invitation link is not valid. Check that you opened the whole link from the email.",
  used: "This invitation link has already been used.",
  revoked: "This invitation link was replaced by a newer email or withdrawn by the customer. Use the link of the latest email.",
  expired: "This invitation link has expired. Ask the customer to send the invitation again.",
};

export const PARTNER_NOT_FOUND = "This partner organization was not found.";
export const BAD_PRODUCTS = "Some of the chosen products are not your organization's. Reload the page and choose again.";
export const WRONG_PASSWORD = "That password is not correct. Nothing changed.";
export const TOO_MANY_PASSWORD_ATTEMPTS = "Too many wrong passwords. Wait 15 minutes, then try again. Nothing changed.";
export const LIVE_PAIR = "This organization is already your partner or has a pending invitation. Nothing changed.";
