// What the lifecycle actions answer when they refuse, in one place for both sides, in the caller's
// language (`locale`).
import { translator } from "./i18n/translator";
import type { Locale } from "./i18n/locales";
import type { InvitationState, LifecycleDenial, LifecycleStep } from "./lifecycle";

export function lifecycleDenialMessage(step: LifecycleStep, denial: LifecycleDenial, locale: Locale): string {
  const t = translator(locale, "partners.errors");
  if (denial === "role") return t("lifecycleRole", { step });
  if (denial === "side") return step === "invite" ? t("partnerCannotInvite") : t("notFound");
  return t(`notInStatus.${step}`);
}

export type InvitationLinkProblem = Exclude<InvitationState, "live"> | "unknown";

export function invitationLinkMessage(state: InvitationLinkProblem, locale: Locale): string {
  return translator(locale, "invitations.link")(state);
}

/** The lifecycle refusals, in one language. */
export function lifecycleMessages(locale: Locale) {
  const t = translator(locale, "partners.errors");
  return {
    partnerNotFound: t("partnerNotFound"),
    badProducts: t("badProducts"),
    wrongPassword: t("wrongPassword"),
    tooManyPasswords: t("tooManyPasswords"),
    livePair: t("livePair"),
    otherCurrency: (partner: { name: string; currency: string }) => t("otherCurrency", partner),
  };
}
