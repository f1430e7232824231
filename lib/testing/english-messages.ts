// The English refusals that tests written in English assert (after `speakEnglish()`): the app itself
// always answers in the caller's language (lib/lifecycle-messages.ts, app/(manager)/partners/messages.ts).
import { partnerErrors } from "@/app/(manager)/partners/messages";
import { invitationLinkMessage, lifecycleMessages, type InvitationLinkProblem } from "@/lib/lifecycle-messages";
import type { PaymentModeDenial } from "@/lib/permissions";

const lifecycle = lifecycleMessages("en");
const partner = partnerErrors("en");

export const INVITATION_LINK_MESSAGES: Record<InvitationLinkProblem, string> = {
  unknown: invitationLinkMessage("unknown", "en"),
  used: invitationLinkMessage("used", "en"),
  revoked: invitationLinkMessage("revoked", "en"),
  expired: invitationLinkMessage("expired", "en"),
};
export const PARTNER_NOT_FOUND = lifecycle.partnerNotFound;
export const BAD_PRODUCTS = lifecycle.badProducts;
export const WRONG_PASSWORD = lifecycle.wrongPassword;
export const TOO_MANY_PASSWORD_ATTEMPTS = lifecycle.tooManyPasswords;
export const LIVE_PAIR = lifecycle.livePair;
export const NOT_FOUND = partner.notFound;
export const STALE = partner.stale;
export const DENIALS: Record<PaymentModeDenial, string> = {
  role: partner.denial("role"),
  limited_access: partner.denial("limited_access"),
  not_active: partner.denial("not_active"),
};
